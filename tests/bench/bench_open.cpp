// Opening benchmark (issue 15): how long a console takes from nothing to filled queues on a
// database of N leads, and how long a model with another half-life takes to be adopted,
// each beside this machine's floor measured in the same run: reading the same rows through
// SQLite's C API and doing nothing with them.
//   bench_open [--leads N] [--db FILE] [--seed S]

#include <cstdio>
#include <limits>

#include <sqlite3.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "queues/console.h"
#include "queues/interestqueuemodel.h"
#include "queues/salesqueuemodel.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/leadrepository.h"

using namespace handoff;

// Outside any namespace and read by nobody, but the compiler cannot know that.
qint64 floorChecksum = 0;

namespace {

// Steps through every row of `sql` on a read-only handle of its own, touching each column
// once, so the figure is SQLite's reading and nothing else. Returns the rows read.
qint64 readFloor(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_stmt *statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    qint64 rows = 0;
    qint64 sink = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < sqlite3_column_count(statement); ++c) {
            if (sqlite3_column_type(statement, c) == SQLITE_TEXT)
                sink += sqlite3_column_bytes(statement, c);
            else
                sink += sqlite3_column_int64(statement, c);
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    floorChecksum += sink; // the reads are used: nothing to optimise away
    return rows;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addDemoDatabaseOptions(parser, QStringLiteral("100000"));
    parser.process(app);
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString path = bench::demoDatabase(parser, dir, now);
    {
        Database db(path);
        std::printf("database: %lld leads, %lld activities, %s (page cache warm after the "
                    "first read)\n",
                    LeadRepository(db.connection()).count(),
                    ActivityRepository(db.connection()).count(), qPrintable(path));
    }

    // The floor first: it also brings the file into the page cache for what follows.
    readFloor(path, "SELECT lead_id, type_id, occurred_at FROM activities");
    qint64 activityRows = 0;
    const double activitiesFloor = bench::milliseconds([&] {
        activityRows = readFloor(path, "SELECT lead_id, type_id, occurred_at FROM activities");
    });
    qint64 leadRows = 0;
    const double leadsFloor =
        bench::milliseconds([&] { leadRows = readFloor(path, "SELECT * FROM leads ORDER BY id"); });
    std::printf("floor, the C API reading every row and doing nothing else: activities %.0f ms "
                "(%lld rows, %.1f M/s), leads %.0f ms (%lld rows)\n",
                activitiesFloor, activityRows, double(activityRows) / activitiesFloor / 1000.0,
                leadsFloor, leadRows);

    // Start to filled queues: what the window waits for today before it shows.
    std::unique_ptr<Console> console;
    const double open = bench::milliseconds([&] { console = std::make_unique<Console>(path); });
    const ScoringEngine::LoadTimes times = console->engine().loadTimes();
    std::printf("open a console to filled queues: %.0f ms (lead table %lld ms, feature index "
                "%lld ms, first scoring %lld ms, the rest %.0f ms); sales queue %d, interest "
                "queue %d\n",
                open, times.leads, times.index, times.scores,
                open - double(times.leads + times.index + times.scores),
                console->salesQueue()->rowCount(), console->interestQueue()->rowCount());
    std::printf("  against the floor: %.1f x (activities and leads read through the C API: "
                "%.0f ms)\n",
                open / (activitiesFloor + leadsFloor), activitiesFloor + leadsFloor);
    std::printf("peak resident memory after opening: %.0f MiB\n", bench::peakResidentMiB());

    // A model with another half-life rebuilds the feature index from every activity.
    {
        Database db(path);
        ScoringEngine engine;
        engine.load(db, now);
        ScoringModel other = engine.scores().model();
        other.halfLifeDays = other.halfLifeDays > 0 ? other.halfLifeDays * 2 : 30;
        // As the console does it: the rebuild in the background, then the GUI thread's part.
        ScoringEngine::IndexRequest request;
        FeatureIndex index;
        const double ask = bench::milliseconds([&] {
            request = engine.indexRequest(other.halfLifeDays, std::numeric_limits<qint64>::max());
        });
        const double build =
            bench::milliseconds([&] { index = ScoringEngine::buildIndex(db, request); });
        const double take = bench::milliseconds([&] {
            engine.adopt({std::nullopt, other}, std::move(index), request, db,
                         std::numeric_limits<qint64>::max());
        });
        std::printf("adopt a model with another half-life (%.0f days): the GUI thread %.0f ms "
                    "(request %.0f ms, taking the index and rescoring %.0f ms); the background "
                    "rebuild %.0f ms\n",
                    other.halfLifeDays, ask + take, ask, take, build);
        ScoringModel back = other;
        back.halfLifeDays = engine.scores().model().halfLifeDays / 2;
        const double sync = bench::milliseconds([&] { engine.setModel(back, db); });
        std::printf("  the same all on one thread (ScoringEngine::setModel): %.0f ms\n", sync);
    }
    std::printf("peak resident memory: %.0f MiB\n", bench::peakResidentMiB());
    return 0;
}
