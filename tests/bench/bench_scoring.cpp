// Scoring benchmark: builds (or reuses) a database of N leads with about 20 activities each
// and prints the time to build the feature index, to rescore every lead after one weight
// change, to do the same in SQLite with a GROUP BY, the ratio, and the memory used.
//   bench_scoring [--leads N] [--db FILE] [--seed S]

#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "scoring/heappolicy.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/engagementaggregate.h"
#include "store/leadrepository.h"

using namespace handoff;

int main(int argc, char *argv[])
{
    heappolicy::apply(); // as the application does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addDemoDatabaseOptions(parser, QStringLiteral("1000000"));
    parser.process(app);
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString path = bench::demoDatabase(parser, dir, now);
    Database db(path);
    QElapsedTimer timer;
    const qint64 leadCount = LeadRepository(db.connection()).count();
    const qint64 activityCount = ActivityRepository(db.connection()).count();
    std::printf("database: %lld leads, %lld activities (%.1f per lead), %s\n", leadCount,
                activityCount, double(activityCount) / double(leadCount), qPrintable(path));

    ScoringEngine engine;
    timer.start();
    engine.load(db, now);
    const auto times = engine.loadTimes();
    std::printf("load: lead table %lld ms, feature index %lld ms (%.1f M activities/s), first "
                "scoring %lld ms\n",
                times.leads, times.index,
                double(activityCount) / 1000.0 / double(std::max<qint64>(1, times.index)),
                times.scores);
    std::printf(
        "memory: feature index %.1f MB, lead table %.1f MB, peak resident so far %.1f MiB\n",
        double(engine.index().memoryBytes()) / 1e6, double(engine.leads().memoryBytes()) / 1e6,
        bench::peakResidentMiB());

    // One weight change, as when someone drags the page-view slider: repeated, median taken.
    ScoringModel model = engine.scores().model();
    auto pageView =
        std::find_if(model.activities.begin(), model.activities.end(),
                     [](const ActivityWeight &w) { return w.type == QLatin1String("page_view"); });
    std::vector<double> oneWeight;
    for (int i = 0; i < 21; ++i) {
        pageView->points = 1 + (i % 5);
        timer.start();
        engine.setModel(model, db);
        oneWeight.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::vector<double> allWeights;
    for (int i = 0; i < 5; ++i) {
        for (ActivityWeight &w : model.activities)
            w.points *= (i % 2 == 0) ? 1.1 : 1 / 1.1;
        timer.start();
        engine.setModel(model, db);
        allWeights.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double rescore = bench::median(oneWeight);
    std::printf("rescore %lld leads after one weight change: median %.2f ms (min %.2f, max %.2f)\n",
                leadCount, rescore, *std::min_element(oneWeight.begin(), oneWeight.end()),
                *std::max_element(oneWeight.begin(), oneWeight.end()));
    std::printf("rescore after every weight changed: median %.2f ms\n", bench::median(allWeights));

    QList<AggregateWeight> weights;
    const ActivityCatalogue &catalogue = engine.catalogue();
    for (const ActivityWeight &w : model.activities) {
        const int t = catalogue.indexOfCode(w.type);
        if (t >= 0)
            weights.append({catalogue.type(t).id, w.points, w.cap.value_or(1e18), w.decays});
    }
    timer.start();
    const QHash<qint64, double> sqlScores =
        EngagementAggregate(db.connection()).compute(weights, now, model.halfLifeDays);
    const double sqlMs = double(timer.nsecsElapsed()) / 1e6;
    double worst = 0;
    for (int row = 0; row < engine.leads().size(); ++row)
        worst = std::max(worst, std::abs(sqlScores.value(engine.leads().id(row)) -
                                         engine.scores().engagement(row)));
    std::printf("SQLite GROUP BY over the activities table, same engagement scores: %.0f ms "
                "(largest difference from the index: %.4f points)\n",
                sqlMs, worst);
    std::printf("index rescore is %.0f times faster than the SQLite aggregate\n", sqlMs / rescore);
    std::printf("peak resident memory: %.1f MiB\n", bench::peakResidentMiB());
    return 0;
}
