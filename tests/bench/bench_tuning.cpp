// Tuning benchmark: loads what the tuning workspace loads for a database (generating a demo
// database of N leads when there is none), as the workspace does (a copy of a console's
// engine, then the outcomes and the activity timeline) and as the command line does (reading
// everything), each in a process of its own. Then prints the time from one weight change to
// refreshed preview figures (MQL counts, entering and leaving leads, both histograms), the
// same for a threshold change, and the time of one backtest of live and draft.
//   bench_tuning [--leads N] [--db FILE]

#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "queues/console.h"
#include "scoring/backtest.h"
#include "scoring/blockpool.h"
#include "scoring/draftpreview.h"
#include "scoring/heappolicy.h"
#include "scoring/tuningdata.h"
#include "store/database.h"
#include "store/leadrepository.h"

using namespace handoff;

namespace {

struct Spread
{
    double median = 0;
    double max = 0;
};

template <typename Step> Spread measure(int runs, Step step)
{
    std::vector<double> ms;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        timer.start();
        step(i);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

// What the workspace does: a console opens (from its saved state when there is one), the
// workspace copies its engine on the GUI thread and reads the rest in the background. The
// console stays open, as in the application, so the figures after it count it too.
std::unique_ptr<TuningData> loadFromConsole(const QString &path, std::unique_ptr<Console> &console)
{
    const double open = bench::milliseconds([&] { console = std::make_unique<Console>(path); });
    std::printf("  the console opened in %.0f ms (%s); peak resident %.0f MiB\n", open,
                console->startReport().fromSavedState ? "from its saved state"
                                                      : "reading everything",
                bench::peakResidentMiB());
    std::unique_ptr<TuningData> data;
    const double copy = bench::milliseconds([&] {
        data = std::make_unique<TuningData>(console->engine(), console->countedUpToActivityId(),
                                            console->now());
    });
    // The copy shares the console's columns until the console writes to one of them.
    std::printf("  the copy's activity index shares %.0f of its %.0f MiB with the console's\n",
                double(data->engine.index().bytesSharedWith(console->engine().index())) / 1048576,
                double(data->engine.index().memoryBytes()) / 1048576);
    const double history = bench::milliseconds([&] { data->take(data->readHistory(path)); });
    std::printf("  column blocks: %.0f MiB in use in %zu slabs of 2 MiB\n",
                double(blockpool::bytesTaken()) / 1048576, blockpool::slabCount());
    std::printf("  tuning workspace ready %.0f ms after it was opened: the console's engine "
                "copied in %.0f ms (the GUI thread's part), outcomes and %lld activities read in "
                "%.0f ms (%s, %s); peak resident of the whole process %.0f MiB\n",
                copy + history, copy, data->timeline.eventCount(), history,
                data->timeline.readOnce() ? "read once" : "counted first",
                data->timeline.packed() ? "4 bytes each" : "unpacked", bench::peakResidentMiB());
    return data;
}

std::unique_ptr<TuningData> loadEverything(const QString &path, qint64 now)
{
    std::unique_ptr<TuningData> data;
    const double ms = bench::milliseconds([&] { data = TuningData::load(path, now); });
    std::printf("  read everything (the command line's way): %d leads and %lld activities in "
                "%.1f s; peak resident %.0f MiB\n",
                data->engine.leads().size(), data->timeline.eventCount(), ms / 1000,
                bench::peakResidentMiB());
    return data;
}

// The previews and the backtest on what was loaded.
void measureTuning(const TuningData &data, qint64 now)
{
    const ScoringEngine &engine = data.engine;
    DraftPreview preview(engine.leads(), engine.index(), engine.catalogue(), engine.scores());
    ScoringModel draft = engine.scores().model();
    auto pageView =
        std::find_if(draft.activities.begin(), draft.activities.end(),
                     [](const ActivityWeight &w) { return w.type == QLatin1String("page_view"); });
    int entering = 0;
    // A dragged slider: each step changes one weight, then the figures are read.
    const Spread weight = measure(31, [&](int i) {
        pageView->points = 1 + (i % 7);
        preview.setDraft(draft);
        entering = int(preview.figures().entering.size());
    });
    const Spread threshold = measure(31, [&](int i) {
        draft.mqlThreshold = 50 + (i % 20);
        preview.setDraft(draft);
        entering = int(preview.figures().entering.size());
    });
    std::printf("  one weight change to refreshed preview figures, %d leads: median %.2f ms, "
                "max %.2f ms (target: under 16 ms at 100k, under 50 ms at 1M)\n",
                engine.leads().size(), weight.median, weight.max);
    std::printf("  one threshold change to refreshed preview figures: median %.2f ms, max "
                "%.2f ms (last step: %d leads entering)\n",
                threshold.median, threshold.max, entering);

    BacktestOptions options;
    options.now = now;
    const Backtest backtest(engine.leads(), engine.catalogue(), data.outcomes, data.timeline);
    BacktestFigures figures;
    const Spread run = measure(3, [&](int) {
        backtest.run(engine.scores(), options);
        figures = backtest.run(draft, engine.scores(), options);
    });
    std::printf("  backtest of live and draft over 26 weeks (%d leads with a known outcome): "
                "median %.0f ms\n",
                figures.leads, run.median);
    std::printf("  peak resident memory: %.0f MiB\n", bench::peakResidentMiB());
}

} // namespace

int main(int argc, char *argv[])
{
    heappolicy::apply(); // as the application does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addDemoDatabaseOptions(parser, QStringLiteral("100000"));
    const QCommandLineOption child(QStringLiteral("load-in-this-process"),
                                   QStringLiteral("(internal) one load, measured alone"),
                                   QStringLiteral("console|everything"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("(internal)"),
                                 QStringLiteral("seconds"));
    parser.addOptions({child, now});
    parser.process(app);
    if (parser.isSet(child)) {
        const QString path = parser.value(QStringLiteral("db"));
        const qint64 at = parser.value(now).toLongLong();
        if (parser.value(child) == QLatin1String("everything")) {
            loadEverything(path, at);
        } else {
            std::unique_ptr<Console> console;
            const auto data = loadFromConsole(path, console);
            measureTuning(*data, data->now);
            std::printf("  (the console was open throughout: %d leads)\n",
                        console->engine().leads().size());
        }
        return 0;
    }
    QTemporaryDir dir;
    const qint64 at = QDateTime::currentSecsSinceEpoch();
    const QString path = bench::demoDatabase(parser, dir, at);
    for (const QString &how : {QStringLiteral("everything"), QStringLiteral("console")}) {
        std::printf("%s\n", how == QLatin1String("console")
                                ? "As the tuning workspace loads, beside a console:"
                                : "Reading everything, without a console:");
        bench::runInChild({QStringLiteral("--load-in-this-process"), how, QStringLiteral("--db"),
                           path, QStringLiteral("--now"), QString::number(at)});
    }
    return 0;
}
