#pragma once

// The draft against the live model on past leads (see Backtest): choose a window, run, and
// read precision, recall, ROC AUC and MQL volume side by side, with MQLs per week and the lift
// by score decile charted (QCustomPlot). Undated history (leads imported without dates) gets
// columns of its own, judged on final scores, and a summary that says what could not be
// replayed in time; with nothing dated to replay, the weekly chart gives way to those figures.

#include <QWidget>

#include "scoring/backtest.h"

class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace handoff {

class BacktestPanel : public QWidget
{
    Q_OBJECT

public:
    // The table's columns: replayed (dated) leads, then undated history on final scores.
    enum Column { LiveReplayed, DraftReplayed, LiveUndated, DraftUndated, ColumnCount };

    explicit BacktestPanel(QWidget *parent = nullptr);

    int windowWeeks() const;
    void setWindowWeeks(int weeks);
    void setReady(bool ready);
    // `candidate`: what is tested beside the live model ("Draft", "Proposal 7").
    void showFigures(const BacktestFigures &live, const BacktestFigures &draft,
                     const QString &candidate = {});

    QPushButton *runButton() const { return m_run; }
    QTableWidget *table() const { return m_table; }
    QLabel *undatedSummary() const { return m_undated; }
    QCustomPlot *weeksChart() const { return m_weeks; }
    QCustomPlot *liftChart() const { return m_lift; }

signals:
    void runRequested(int windowWeeks);

private:
    void fitTableHeight();
    void showUndatedSummary(const BacktestFigures &live, const BacktestFigures &draft);
    void plotWeeks(const BacktestFigures &live, const BacktestFigures &draft);
    void plotLift(const QList<BacktestFigures::Decile> &live,
                  const QList<BacktestFigures::Decile> &draft);

    QString m_candidate;
    QSpinBox *m_window;
    QPushButton *m_run;
    QLabel *m_note;
    QLabel *m_undated;
    QTableWidget *m_table;
    QCustomPlot *m_weeks;
    QCustomPlot *m_lift;
};

} // namespace handoff
