#include <algorithm>

#include <QTest>

#include <qcustomplot.h>

#include "analytics/chartdata.h"
#include "ui/chartplotter.h"

using namespace handoff;

// DashboardCharts and the plotter that draws them, on figures made by hand: each chart gets
// a bar or a point per category, one plottable per series, and its axes titled.
class TestDashboardCharts : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 D = 86400;
    static constexpr qint64 T = 1794787200; // a Monday

    static DashboardFigures figures()
    {
        DashboardFigures f;
        f.now = T + 30 * D; // every week below is over
        f.cohorts.weeks = {{T, 40, 12, 0.3}, {T + 7 * D, 50, 10, 0.2}, {T + 14 * D, 30, 3, 0.1}};
        f.cohorts.mqls = 120;
        f.cohorts.converted = 25;
        f.funnel.reached = {200, 120, 25, 10, 4};
        f.speed.handRaisers = 10;
        f.sourceMix.weeks = {{T, 3, 2, 0.6}, {T + 7 * D, 4, 1, 0.8}};
        f.velocity = {6.5, 20, 30.0, 4};
        f.models = {{1, QStringLiteral("Standard"), 50, 20, 10, 20.0 / 30},
                    {2, QStringLiteral("Stricter"), 40, 20, 5, 0.8}};
        f.lift.baseRate = 0.2;
        f.lift.leads = f.lift.cohortLeads = 100;
        f.lift.activityTypes = {{QStringLiteral("Demo request"), 20, 10, 0.5, 2.5},
                                {QStringLiteral("Newsletter open"), 60, 9, 0.15, 0.75}};
        return f;
    }

    static const ChartData &chart(const std::vector<ChartData> &charts, const char *id)
    {
        return *std::find_if(charts.begin(), charts.end(),
                             [&](const ChartData &c) { return c.id == QLatin1String(id); });
    }

    // How many data points the plottable holds: bars or a line's points.
    static int points(QCPAbstractPlottable *p)
    {
        if (auto *bars = qobject_cast<QCPBars *>(p))
            return bars->dataCount();
        if (auto *graph = qobject_cast<QCPGraph *>(p))
            return graph->dataCount();
        return -1;
    }

private slots:
    void theChartsFollowTheFigures()
    {
        const std::vector<ChartData> charts = DashboardCharts::build(figures());
        QCOMPARE(int(charts.size()), 8);
        const ChartData &cohorts = chart(charts, "cohorts");
        QCOMPARE(cohorts.categories.size(), 3);
        QCOMPARE(cohorts.series.size(), size_t(2));
        QCOMPARE(cohorts.series[0].values, (std::vector<double>{40, 50, 30}));
        QVERIFY(cohorts.series[1].percent && cohorts.series[1].line);
        const ChartData &funnel = chart(charts, "funnel");
        QCOMPARE(funnel.categories.size(), FunnelFigures::StageCount);
        QCOMPARE(funnel.series.front().values, (std::vector<double>{200, 120, 25, 10, 4}));
        QCOMPARE(chart(charts, "source-mix").series.size(), size_t(3));
        QCOMPARE(chart(charts, "model-versions").categories,
                 QStringList({QStringLiteral("Standard"), QStringLiteral("Stricter")}));
        QCOMPARE(chart(charts, "velocity").valueAxis, QStringLiteral("Days"));
        QCOMPARE(chart(charts, "lift").valueAxis, QStringLiteral("Lift (×)"));
    }

    void everyChartIsPlottedWithAPointPerCategory()
    {
        QCustomPlot plot;
        plot.resize(640, 400);
        for (const ChartData &c : DashboardCharts::build(figures())) {
            chartplotter::plot(&plot, c);
            QCOMPARE(plot.plottableCount(), int(c.series.size()));
            for (int i = 0; i < plot.plottableCount(); ++i) {
                QCOMPARE(points(plot.plottable(i)), int(c.categories.size()));
                QCOMPARE(plot.plottable(i)->name(), c.series[size_t(i)].name);
                // Shares on the right-hand axis, counts on the left.
                QCOMPARE(plot.plottable(i)->valueAxis(),
                         c.series[size_t(i)].percent ? plot.yAxis2 : plot.yAxis);
            }
            QCOMPARE(plot.xAxis->label(), c.categoryAxis);
            QCOMPARE(plot.yAxis->label(), c.valueAxis);
            QVERIFY2(!plot.xAxis->label().isEmpty(), qPrintable(c.id));
            const bool shares = std::any_of(c.series.begin(), c.series.end(),
                                            [](const ChartSeries &s) { return s.percent; });
            QCOMPARE(plot.yAxis2->label(), shares ? QStringLiteral("Share (%)") : QString());
            // The category labels are the x axis's ticks, one per category.
            auto ticker = plot.xAxis->ticker().dynamicCast<QCPAxisTickerText>();
            QVERIFY(ticker);
            QCOMPARE(ticker->ticks().size(), c.categories.size());
        }
    }

    void aChartWithoutCategoriesSaysSo()
    {
        QCustomPlot plot;
        ChartData empty;
        empty.series = {{QStringLiteral("Leads"), {}, false, false}};
        empty.categoryAxis = QStringLiteral("Stage reached");
        chartplotter::plot(&plot, empty);
        QCOMPARE(plot.plottableCount(), 1);
        QCOMPARE(points(plot.plottable(0)), 0);
        QCOMPARE(plot.itemCount(), 1);
        auto *text = qobject_cast<QCPItemText *>(plot.item(0));
        QVERIFY(text);
        QCOMPARE(text->text(), QStringLiteral("No data in this period"));
    }
};

QTEST_MAIN(TestDashboardCharts)
#include "tst_dashboardcharts.moc"
