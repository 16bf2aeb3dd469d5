#pragma once

// One dashboard chart with its numbers: the QCustomPlot (hovering shows the exact values of
// the category under the mouse), the same figures as a table beside it, and a button that
// saves the chart as PNG or PDF.

#include <QWidget>

#include "analytics/chartdata.h"

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace handoff {

class Prompter;

class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    // Asks where to save the chart, and shows a failure, through `prompter`.
    explicit ChartPanel(Prompter &prompter, QWidget *parent = nullptr);

    void setChart(const ChartData &chart);
    const ChartData &chart() const { return m_chart; }
    QCustomPlot *plot() const { return m_plot; }
    // Saves as PDF when the name ends in .pdf, else PNG; false when it cannot be written.
    // The width its chart and its whole table need side by side.
    int widthNeeded() const;
    bool saveTo(const QString &filePath);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // A minimum height for the plot that grows with its font.
    void fitPlotHeight();
    void showValues(QMouseEvent *event);
    void askAndSave();

    Prompter &m_prompter;
    ChartData m_chart;
    QLabel *m_title;
    QLabel *m_summary;
    QCustomPlot *m_plot;
    QTableWidget *m_table;
};

} // namespace handoff
