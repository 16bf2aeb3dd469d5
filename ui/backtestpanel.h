#pragma once

// The draft against the live model on past leads (see Backtest): choose a window, run, and
// read precision, recall, ROC AUC and MQL volume side by side, with MQLs per week and the lift
// by score decile charted (QCustomPlot).

#include <QWidget>

#include "backtest.h"

class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

class BacktestPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BacktestPanel(QWidget *parent = nullptr);

    int windowWeeks() const;
    void setWindowWeeks(int weeks);
    void setReady(bool ready);
    void showFigures(const BacktestFigures &live, const BacktestFigures &draft);

    QPushButton *runButton() const { return m_run; }
    QTableWidget *table() const { return m_table; }

signals:
    void runRequested(int windowWeeks);

private:
    void plotWeeks(const BacktestFigures &live, const BacktestFigures &draft);
    void plotLift(const BacktestFigures &live, const BacktestFigures &draft);

    QSpinBox *m_window;
    QPushButton *m_run;
    QLabel *m_note;
    QTableWidget *m_table;
    QCustomPlot *m_weeks;
    QCustomPlot *m_lift;
};
