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

class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartPanel(QWidget *parent = nullptr);

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
    void showValues(QMouseEvent *event);
    void askAndSave();

    ChartData m_chart;
    QLabel *m_title;
    QLabel *m_summary;
    QCustomPlot *m_plot;
    QTableWidget *m_table;
};

} // namespace handoff
