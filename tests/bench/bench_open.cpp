// Opening benchmark (issue 15): how long a console takes from nothing to filled queues on a
// database of N leads, without a saved start state and with one (as saved, after 1% new
// activities, after a model with another half-life went live), and how long a model with
// another half-life takes to be adopted, each beside this machine's floor measured in the
// same run: reading the same rows through SQLite's C API and doing nothing with them. Each
// open runs in a process of its own, so each peak memory figure is that open's alone.
//   bench_open [--leads N] [--db FILE] [--seed S]
// With --db the file grows by the 1% of activities and gains a model version on every run.

#include <cstdio>
#include <limits>

#include <sqlite3.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "queues/console.h"
#include "queues/interestqueuemodel.h"
#include "queues/salesqueuemodel.h"
#include "scoring/heappolicy.h"
#include "scoring/modelversions.h"
#include "scoring/scoringengine.h"
#include "scoring/startstate.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/leadrepository.h"
#include "store/transaction.h"

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

struct OpenRun
{
    bool withoutState = false; // delete the saved state first: read everything
    bool awaitModel = false;   // wait until a newly live model is taken on, and say when
    bool windowFirst = false;  // without a state, as a window opens: every lead read behind it
};

// As a window opens (Console::Load::InBackground): every lead from the saved state beside
// the open handoffs, or without one (`withoutState`) the sales view at once and every lead
// behind it.
int openWindowFirst(const QString &path, bool withoutState)
{
    if (withoutState)
        QFile::remove(StartState().filePathFor(path));
    std::unique_ptr<Console> console;
    QElapsedTimer sinceStart;
    sinceStart.start();
    const double open = bench::milliseconds([&] {
        console =
            std::make_unique<Console>(path, Database::Open::Existing, Console::Load::InBackground);
    });
    const Console::StartReport &report = console->startReport();
    if (!console->isLoading()) {
        // A usable saved state: every lead from it, read beside the open handoffs.
        std::printf("  every lead from the saved state, before the window: %.0f ms (the open "
                    "handoffs waited %.0f ms for it); sales queue %d, interest queue %d; peak "
                    "memory %.0f MiB\n",
                    open, report.stateWaitMs, console->salesQueue()->rowCount(),
                    console->interestQueue()->rowCount(), bench::peakResidentMiB());
        std::printf("    of which: the open handoffs and rejections %.0f ms, queue models %.0f "
                    "ms\n",
                    report.handoffsMs, report.queuesMs);
        console->saveStartState();
        return 0;
    }
    std::printf("  the window's part: %.0f ms, with the sales view's %d leads (sales queue %d); "
                "peak memory %.0f MiB%s%s\n",
                open, console->engine().leads().size(), console->salesQueue()->rowCount(),
                bench::peakResidentMiB(),
                report.whyNotSaved.isEmpty() ? "" : "; the saved state was not used: ",
                qPrintable(report.whyNotSaved));
    std::printf("    of which: the sales view's leads %.0f ms, handoffs %.0f ms, queue models "
                "%.0f ms\n",
                report.engineMs, report.handoffsMs, report.queuesMs);
    QEventLoop loop;
    QObject::connect(console.get(), &Console::loaded, &loop, &QEventLoop::quit);
    loop.exec();
    std::printf("  every lead read behind it %.0f ms after start (%.0f ms after the window's "
                "part); interest queue %d; peak memory %.0f MiB\n",
                double(sinceStart.nsecsElapsed()) / 1e6, console->startReport().backgroundMs,
                console->interestQueue()->rowCount(), bench::peakResidentMiB());
    console->saveStartState(); // as a window does when it closes: the next run starts from it
    return 0;
}

// One console opened in this process: start to filled queues, then (when asked) the wait for
// a new model, then the state saved for the next run.
int openOnce(const QString &path, const OpenRun &run)
{
    if (run.windowFirst)
        return openWindowFirst(path, run.withoutState);
    if (run.withoutState)
        QFile::remove(StartState().filePathFor(path));
    std::unique_ptr<Console> console;
    const double open = bench::milliseconds([&] { console = std::make_unique<Console>(path); });
    const Console::StartReport &report = console->startReport();
    if (report.fromSavedState) {
        std::printf("  open from the saved state: %.0f ms (%lld activities and %lld leads counted "
                    "since it was saved); sales queue %d, interest queue %d\n",
                    open, report.activitiesSince, report.leadsSince,
                    console->salesQueue()->rowCount(), console->interestQueue()->rowCount());
    } else {
        const ScoringEngine::LoadTimes times = console->engine().loadTimes();
        std::printf("  open reading everything: %.0f ms (feature index %lld ms, the lead table "
                    "read beside it in %lld ms, first scoring %lld ms, the rest %.0f ms)%s%s; "
                    "sales queue %d, interest queue %d\n",
                    open, times.index, times.leads, times.scores,
                    open - double(times.index + times.scores),
                    report.whyNotSaved.isEmpty() ? "" : "; the saved state was not used: ",
                    qPrintable(report.whyNotSaved), console->salesQueue()->rowCount(),
                    console->interestQueue()->rowCount());
    }
    std::printf("    of which: the engine %.0f ms, what came since %.0f ms, hands raised while no "
                "console was open %.0f ms, handoffs %.0f ms, queue models %.0f ms\n",
                report.engineMs, report.sinceMs, report.handRaisersMs, report.handoffsMs,
                report.queuesMs);
    std::printf("  peak resident memory after opening: %.0f MiB\n", bench::peakResidentMiB());
    if (run.awaitModel) {
        QElapsedTimer waited;
        waited.start();
        QEventLoop loop;
        QObject::connect(console.get(), &Console::modelChanged, &loop, &QEventLoop::quit);
        console->refresh(true);
        loop.exec();
        std::printf("  the new model taken on %.0f ms after the window could be used (counted "
                    "again in the background); peak memory %.0f MiB\n",
                    double(waited.nsecsElapsed()) / 1e6, bench::peakResidentMiB());
    }
    const double save = bench::milliseconds([&] { console->saveStartState(); });
    std::printf("  state saved for the next start: %.0f ms, %.0f MiB\n", save,
                double(QFileInfo(StartState().filePathFor(path)).size()) / (1 << 20));
    return 0;
}

// Opens the console in a child process and waits for it.
void openInChild(const QString &path, const QStringList &flags)
{
    bench::runInChild(
        QStringList{QStringLiteral("--open-in-this-process"), QStringLiteral("--db"), path} +
        flags);
}

// Adds `count` engagement activities of the last week to random leads, as a week of
// marketing would (hands raised are a few a day: they would only add handoffs to write).
void addRecentActivities(const QString &path, qint64 count, qint64 now)
{
    Database db(path);
    QList<ActivityType> types = ActivityRepository(db.connection()).types();
    types.removeIf([](const ActivityType &t) { return t.kind == ActivityKind::Intent; });
    const qint64 leads = LeadRepository(db.connection()).count();
    QRandomGenerator random(7);
    Transaction write(db.connection());
    ActivityRepository activities(db.connection());
    for (qint64 i = 0; i < count; ++i) {
        Activity a;
        a.leadId = 1 + qint64(random.bounded(quint64(leads)));
        a.typeId = types[qsizetype(random.bounded(quint32(types.size())))].id;
        a.occurredAt = now - qint64(random.bounded(7 * 86400));
        activities.insert(a);
    }
    write.commit();
}

// Takes live a version like the live one whose activities fade twice as slowly.
void takeSlowerFadingLive(const QString &path, qint64 now)
{
    Database db(path);
    ModelVersions marketing(db, {0, QStringLiteral("bench-marketing"), Profile::Role::Marketing});
    const ModelRecord draft = marketing.openDraft(now);
    ScoringModel model = marketing.definition(draft.id);
    model.halfLifeDays = model.halfLifeDays > 0 ? model.halfLifeDays * 2 : 30;
    marketing.saveDraft(draft.id, model);
    marketing.propose(draft.id, {}, QStringLiteral("bench_open: a slower fade"), now);
    marketing.signOff(draft.id, now);
    ModelVersions(db, {0, QStringLiteral("bench-sales"), Profile::Role::Sales})
        .signOff(draft.id, now);
    marketing.goLive(draft.id, now);
}

} // namespace

int main(int argc, char *argv[])
{
    heappolicy::apply(); // as the application does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addDemoDatabaseOptions(parser, QStringLiteral("100000"));
    const QCommandLineOption child(QStringLiteral("open-in-this-process"),
                                   QStringLiteral("(internal) one open, measured alone"));
    const QCommandLineOption withoutState(QStringLiteral("without-state"),
                                          QStringLiteral("(internal) read everything"));
    const QCommandLineOption awaitModel(QStringLiteral("await-model"),
                                        QStringLiteral("(internal) wait for a new model"));
    const QCommandLineOption windowFirst(QStringLiteral("window-first"),
                                         QStringLiteral("(internal) read everything behind"));
    parser.addOptions({child, withoutState, awaitModel, windowFirst});
    parser.process(app);
    if (parser.isSet(child))
        return openOnce(
            parser.value(QStringLiteral("db")),
            {parser.isSet(withoutState), parser.isSet(awaitModel), parser.isSet(windowFirst)});

    QTemporaryDir dir;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString path = bench::demoDatabase(parser, dir, now);
    qint64 activityCount = 0;
    {
        Database db(path);
        activityCount = ActivityRepository(db.connection()).count();
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

    // Each open in a process of its own, the page cache warm.
    std::printf("without a saved state (the first start, or one that cannot be used):\n");
    openInChild(path, {QStringLiteral("--without-state")});
    std::printf("without a saved state, as a window opens (every lead read behind it):\n");
    openInChild(path, {QStringLiteral("--window-first"), QStringLiteral("--without-state")});
    std::printf("with the state the last console saved:\n");
    openInChild(path, {});
    std::printf("with the state the last console saved, as a window opens (every lead from it, "
                "read beside the open handoffs):\n");
    openInChild(path, {QStringLiteral("--window-first")});
    const qint64 added = std::max<qint64>(1, activityCount / 100);
    addRecentActivities(path, added, now);
    std::printf("after %lld new activities (1%%) written since the state was saved:\n", added);
    openInChild(path, {});
    takeSlowerFadingLive(path, now);
    std::printf("after a model with another half-life went live since the state was saved:\n");
    openInChild(path, {QStringLiteral("--await-model")});

    // A model with another half-life rebuilds the feature index from every activity.
    {
        Database db(path);
        ScoringEngine engine;
        engine.load(db, now);
        ScoringModel other = engine.scores().model();
        other.halfLifeDays = other.halfLifeDays > 0 ? other.halfLifeDays * 2 : 30;
        // As the console does it: the rebuild in the background, then the GUI thread's part.
        ScoringEngine::IndexRequest request;
        DecayedSums sums;
        const double ask = bench::milliseconds([&] {
            request = engine.indexRequest(other.halfLifeDays, std::numeric_limits<qint64>::max());
        });
        const double build =
            bench::milliseconds([&] { sums = ScoringEngine::countDecay(db, request); });
        const double take = bench::milliseconds([&] {
            engine.adopt({std::nullopt, other}, std::move(sums), request, db,
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
    std::printf("peak resident memory of the half-life measurement: %.0f MiB\n",
                bench::peakResidentMiB());
    return 0;
}
