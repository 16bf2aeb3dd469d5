#include "ui/chartplotter.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

namespace handoff {

namespace chartplotter {

namespace {
const QColor palette[] = {QColor(0x2b, 0x6c, 0xb0), QColor(0xe0, 0x8a, 0x1e),
                          QColor(0x3a, 0x9a, 0x5b), QColor(0xb0, 0x3a, 0x48)};

QString valueText(const ChartSeries &series, double value)
{
    if (std::isnan(value))
        return DashboardCharts::tr("too few to tell");
    if (series.percent)
        return DashboardCharts::percent(value);
    return value == std::floor(value) ? QString::number(qint64(value))
                                      : QString::number(value, 'f', 2);
}

// Shares are stored 0..1; the axis reads them as whole percent (0%, 25%, ...) while the data
// and the tooltip keep the exact value.
class PercentTicker : public QCPAxisTickerFixed
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override
    {
        return locale.toString(qRound(tick * 100)) + QLatin1Char('%');
    }
};

} // namespace

// A legend inside the axis rect hides bars and lines, so it gets a row of its own above the
// plot; with one series there is nothing to tell apart and it goes back, hidden, to the inset
// (the layouts own it there, so nothing leaks when the plot is redrawn many times).
void placeLegend(QCustomPlot *plot, bool show)
{
    QCPLegend *legend = plot->legend;
    QCPLayoutGrid *outer = plot->plotLayout();
    QCPLayoutInset *inset = plot->axisRect()->insetLayout();
    legend->setVisible(show);
    if (show && legend->layout() != outer) {
        inset->take(legend);
        outer->insertRow(0);
        outer->addElement(0, 0, legend);
        outer->setRowStretchFactor(0, 0.001);
        legend->setFillOrder(QCPLegend::foColumnsFirst);
        legend->setBorderPen(Qt::NoPen);
        legend->setBrush(Qt::NoBrush);
        legend->setIconSize(16, 10);
        legend->setIconTextPadding(4);
    } else if (!show && legend->layout() == outer) {
        outer->take(legend);
        outer->simplify();
        inset->addElement(legend, Qt::AlignRight | Qt::AlignTop);
    }
}

QString describe(const ChartData &chart, int category)
{
    if (category < 0 || category >= chart.categories.size())
        return {};
    QStringList lines{chart.categories.at(category)};
    for (const ChartSeries &s : chart.series) {
        if (size_t(category) < s.values.size())
            lines << QStringLiteral("%1: %2").arg(s.name, valueText(s, s.values[size_t(category)]));
    }
    return lines.join(QLatin1Char('\n'));
}

void plot(QCustomPlot *plot, const ChartData &chart)
{
    plot->clearPlottables();
    plot->clearItems();
    placeLegend(plot, chart.series.size() > 1);
    // Every text follows the widget's font, so presentation mode (a larger window font)
    // enlarges the charts too; the printed report's plot keeps the application's.
    const QFont base = plot->font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.9);
    QFont title = base;
    title.setBold(true);
    plot->legend->setFont(small);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        axis->setTickLabelFont(small);
        axis->setLabelFont(title);
    }
    plot->xAxis->setLabel(chart.categoryAxis);
    plot->yAxis->setLabel(chart.valueAxis);

    const int n = int(chart.categories.size());
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i) {
        QString label = chart.categories.at(i);
        if (label.size() > 22)
            label = label.left(20) + QStringLiteral("…");
        ticker->addTick(i, label);
    }
    plot->xAxis->setTicker(ticker);
    // Labels are turned when they would not fit side by side (they then run down to the
    // right); QCustomPlot makes room below them but not beside, so the last one gets a right
    // margin of its own.
    const QFontMetrics metrics(small);
    int widest = 0;
    for (int i = 0; i < n; ++i)
        widest = std::max(widest, metrics.horizontalAdvance(ticker->ticks().value(i)));
    const int category = plot->width() * 8 / 10 / std::max(1, n);
    const bool turned = n > 0 && widest + 8 > category;
    constexpr double Angle = 35;
    plot->xAxis->setTickLabelRotation(turned ? Angle : 0);
    // QCustomPlot leaves out a label that would cross the widget's edge, so the last one's
    // whole slant is room on the right.
    int overhang = 0;
    if (turned)
        overhang = int(metrics.horizontalAdvance(ticker->ticks().last()) *
                       std::cos(qDegreesToRadians(Angle)));
    plot->axisRect()->setMinimumMargins(QMargins(0, 0, overhang + 8, 0));
    plot->xAxis->setRange(-0.6, std::max(0, n - 1) + 0.6);
    plot->xAxis->grid()->setVisible(false);

    const bool anyPercent = std::any_of(chart.series.begin(), chart.series.end(),
                                        [](const ChartSeries &s) { return s.percent; });
    const bool anyCount = std::any_of(chart.series.begin(), chart.series.end(),
                                      [](const ChartSeries &s) { return !s.percent; });
    plot->yAxis->setVisible(anyCount);
    plot->yAxis2->setVisible(anyPercent);
    QSharedPointer<PercentTicker> percentTicker(new PercentTicker);
    percentTicker->setTickStep(0.25);
    plot->yAxis2->setTicker(percentTicker);
    plot->yAxis2->setRange(0, 1.05);
    plot->yAxis2->setLabel(anyPercent ? DashboardCharts::tr("Share (%)") : QString());

    QVector<double> keys;
    for (int i = 0; i < n; ++i)
        keys << i;
    const int barSeries = int(std::count_if(chart.series.begin(), chart.series.end(),
                                            [](const ChartSeries &s) { return !s.line; }));
    QCPBarsGroup *group = barSeries > 1 ? new QCPBarsGroup(plot) : nullptr;
    double maxCount = 0;
    int colour = 0;
    for (const ChartSeries &s : chart.series) {
        const QVector<double> values(s.values.begin(), s.values.end());
        const QColor c = palette[colour++ % std::size(palette)];
        QCPAxis *valueAxis = s.percent ? plot->yAxis2 : plot->yAxis;
        if (!s.percent)
            for (const double v : values)
                maxCount = std::max(maxCount, v);
        if (s.line) {
            QCPGraph *g = plot->addGraph(plot->xAxis, valueAxis);
            g->setName(s.name);
            g->setData(keys, values);
            g->setPen(QPen(c, 2));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 6));
        } else {
            auto *bars = new QCPBars(plot->xAxis, valueAxis);
            bars->setName(s.name);
            bars->setData(keys, values);
            bars->setWidth(barSeries > 1 ? 0.8 / barSeries : 0.6);
            bars->setPen(Qt::NoPen);
            bars->setBrush(c);
            if (group)
                bars->setBarsGroup(group);
        }
    }
    if (chart.band) {
        auto *band = new QCPItemRect(plot);
        band->topLeft->setAxes(plot->xAxis, plot->yAxis2);
        band->bottomRight->setAxes(plot->xAxis, plot->yAxis2);
        band->topLeft->setCoords(-0.6, chart.band->second);
        band->bottomRight->setCoords(std::max(0, n - 1) + 0.6, chart.band->first);
        band->setPen(Qt::NoPen);
        band->setBrush(QColor(0x3a, 0x9a, 0x5b, 40));
        band->setLayer(QStringLiteral("background"));
        plot->yAxis2->setVisible(true);
    }
    plot->yAxis->setRange(0, maxCount > 0 ? maxCount * 1.12 : 1);
    if (n == 0) {
        auto *empty = new QCPItemText(plot);
        empty->position->setType(QCPItemPosition::ptAxisRectRatio);
        empty->position->setCoords(0.5, 0.5);
        empty->setText(DashboardCharts::tr("No data in this period"));
    }
    plot->replot();
}

} // namespace chartplotter

} // namespace handoff
