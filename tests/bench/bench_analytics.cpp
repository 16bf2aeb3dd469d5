// Dashboard benchmark: the figures for a database of N demo leads. Prints the time to read
// the database into the analytics dataset (the first open of the dashboard, and again after
// another console wrote), then per period (this week against last, 4, 13 and 26 weeks) the
// time to compute every figure in memory and the time for the conversion lift, which reads
// the activities of a sample of the period's MQLs; then the same with a filter.
//   bench_analytics [--leads N] [--db FILE]

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "analytics/analyticsengine.h"
#include "analytics/dashboardsource.h"
#include "analytics/isoweek.h"
#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "store/database.h"
#include "store/leadrepository.h"

using namespace handoff;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("leads"), QStringLiteral("Demo leads to generate."),
                        QStringLiteral("N"), QStringLiteral("1000000")},
                       {QStringLiteral("db"),
                        QStringLiteral("Database to use; generated when "
                                       "missing."),
                        QStringLiteral("FILE")}});
    parser.process(app);
    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : dir.filePath(QStringLiteral("analytics.sqlite"));
    Database db(path);
    if (LeadRepository(db.connection()).count() == 0) {
        const int leads = parser.value(QStringLiteral("leads")).toInt();
        const double ms = bench::milliseconds([&] { DemoGenerator(db, {leads, 42, 0, 26}).run(); });
        std::printf("generated %d leads in %.1f s\n", leads, ms / 1000);
    }
    AnalyticsEngine engine(db);
    const double load = bench::milliseconds([&] { engine.refresh(); });
    const AnalyticsDataset &data = engine.dataset();
    std::printf("read %zu leads and %zu handoffs into the dataset: %.0f ms\n", data.leads.size(),
                data.handoffs.size(), load);
    // The demo's "now" is when it was generated: the latest lead's creation.
    qint64 now = 0;
    for (const LeadJourney &l : data.leads)
        now = std::max(now, l.createdAt);
    std::printf("latest week: %s\n", qPrintable(isoweek::label(isoweek::startOf(now))));

    const MeetingTargets targets;
    AnalyticsFilter webinar;
    webinar.channel = QStringLiteral("Webinar");
    webinar.segment = segment::Medium;
    for (const AnalyticsFilter &filter : {AnalyticsFilter{}, webinar}) {
        std::printf("%s\n",
                    filter.isEmpty() ? "no filter" : "filter: channel Webinar, 200-999 employees");
        for (const int weeks : {2, 4, 13, 26}) {
            const AnalyticsPeriod period = AnalyticsPeriod::ending(now, weeks);
            const double inMemory = bench::medianMilliseconds(
                5, [&] { AnalyticsEngine::compute(data, period, filter, targets, now); });
            DashboardFigures f;
            const double all = bench::medianMilliseconds(
                3, [&] { f = engine.figures(period, filter, targets, now); });
            std::printf("  %2d weeks: figures in memory %6.1f ms; with the conversion lift "
                        "(%lld of %lld MQLs) %6.1f ms; MQLs %lld, MQL->SQL %.1f%%\n",
                        weeks, inMemory, qlonglong(f.lift.leads), qlonglong(f.lift.cohortLeads),
                        all, qlonglong(f.cohorts.mqls), f.cohorts.rate * 100);
        }
    }
    // Wall time depends on what else runs on the machine; CPU time of this process less so.
    const std::clock_t cpuStart = std::clock();
    const double total = bench::milliseconds([&] {
        AnalyticsEngine fresh(db);
        fresh.refresh();
        fresh.figures(AnalyticsPeriod::ending(now, 26), {}, targets, now);
    });
    const double cpu = double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC;
    std::printf("opening the dashboard (read + 26 weeks with the lift): %.0f ms wall, %.0f ms "
                "CPU\n",
                total, cpu);
    // The meeting view: its own source (connection and dataset), then this week's figures
    // against last week's.
    const std::clock_t meetingCpuStart = std::clock();
    MeetingFigures week;
    const double meeting = bench::milliseconds([&] {
        DashboardSource source(path);
        week = source.week(isoweek::startOf(now), targets, now);
    });
    std::printf("opening the meeting view (read + this week's and last week's figures): %.0f ms "
                "wall, %.0f ms CPU\n",
                meeting, double(std::clock() - meetingCpuStart) * 1000.0 / CLOCKS_PER_SEC);
    return 0;
}
