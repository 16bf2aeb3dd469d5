#pragma once

// The draft's effect beside the live model, refreshed on every edit: MQL counts under each,
// the leads that would enter or leave the MQL set (each list opens on a click) and the
// score histogram of both with both thresholds (QCustomPlot).

#include <QWidget>

#include "scoring/draftpreview.h"

class QCustomPlot;
class QLabel;
class QPushButton;

namespace handoff {

class PreviewPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget *parent = nullptr);

    // Shows `figures`; `preview` and `leads` must outlive the next call (the lists read them).
    void showFigures(const PreviewFigures &figures, const DraftPreview &preview,
                     const LeadTable &leads, const ScoreBoard &live, double milliseconds);
    void clear(const QString &message);
    // What the figures are of: "Draft" (the editor's) or "Proposal 7", the one under review.
    void setSubject(const QString &name, bool reviewing);
    QLabel *subject() const { return m_subject; }

    QPushButton *enteringButton() const { return m_entering; }
    QPushButton *leavingButton() const { return m_leaving; }
    QCustomPlot *histogram() const { return m_plot; }
    QString summary() const;

private:
    void openList(bool entering);
    void plot(const PreviewFigures &figures, double liveThreshold, double draftThreshold);

    QString m_subjectName;
    QLabel *m_subject;
    QLabel *m_counts;
    QLabel *m_timing;
    QPushButton *m_entering;
    QPushButton *m_leaving;
    QCustomPlot *m_plot;
    PreviewFigures m_figures;
    const DraftPreview *m_preview = nullptr;
    const LeadTable *m_leads = nullptr;
    const ScoreBoard *m_live = nullptr;
};

} // namespace handoff
