#pragma once

// The selected lead: who they are, their score as a bar against the threshold, and tabs for
// the score breakdown (fit rule by rule, activity type by activity type with decay and
// caps, adding up to the total), the activity timeline, the stage history and the
// qualification details.

#include <optional>

#include <QWidget>

#include "scoring/scorebreakdown.h"
#include "store/handoffrepository.h"

class QLabel;
class QTabWidget;
class QTableWidget;
class QTreeWidget;
class QUndoStack;

namespace handoff {

struct Lead;

class Console;
class QualificationForm;
class ScoreBar;

class LeadPanel : public QWidget
{
    Q_OBJECT

public:
    LeadPanel(Console &console, QUndoStack *undo, QWidget *parent = nullptr);

    void showLead(qint64 leadId);
    // Shows the current lead again (it changed elsewhere).
    void reload();
    // Shows the lead again if its handoff changed (another desk claimed or worked it): the
    // lead itself did not change, so leadsChanged does not say so.
    void followHandoff();
    qint64 leadId() const { return m_leadId; }
    QTabWidget *tabs() const { return m_tabs; }
    QualificationForm *qualificationForm() const { return m_qualification; }

signals:
    void message(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Detail and note as wide as they need, unless the panel is narrow: then they give way
    // too (elided, whole in their tooltips), so every column stays in view.
    void fitBreakdownColumns();
    static QString heading(const Lead &lead);
    static QString profileLine(const Lead &lead);
    // The lines under the heading: facts, score, and where its handoff stands (remembered
    // in m_shownHandoff).
    QString summaryOf(const Lead &lead, const ScoreBreakdown &b);
    void clear();
    void showBreakdown(const ScoreBreakdown &breakdown);

    Console &m_console;
    qint64 m_leadId = 0;
    std::optional<Handoff> m_shownHandoff; // as the summary shows it
    QLabel *m_heading;
    QLabel *m_summary;
    ScoreBar *m_bar;
    QTabWidget *m_tabs;
    QTreeWidget *m_breakdown;
    QTableWidget *m_activities;
    QTableWidget *m_stages;
    QualificationForm *m_qualification;
};

} // namespace handoff
