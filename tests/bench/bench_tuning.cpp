// Tuning benchmark: loads what the tuning workspace loads for a database (generating a demo
// database of N leads when there is none) and prints the time from one weight change to
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
#include "scoring/backtest.h"
#include "scoring/draftpreview.h"
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
    QElapsedTimer timer;
    timer.start();
    const auto data = TuningData::load(path, now);
    const ScoringEngine &engine = data->engine;
    std::printf("loaded %d leads and %lld activities (scores, outcomes, timeline) in %.1f s; "
                "peak resident %.0f MiB\n",
                engine.leads().size(), data->timeline.eventCount(),
                double(timer.elapsed()) / 1000.0, bench::peakResidentMiB());

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
    std::printf("one weight change to refreshed preview figures, %d leads: median %.2f ms, "
                "max %.2f ms (target: under 16 ms at 100k, under 50 ms at 1M)\n",
                engine.leads().size(), weight.median, weight.max);
    std::printf("one threshold change to refreshed preview figures: median %.2f ms, max %.2f ms "
                "(last step: %d leads entering)\n",
                threshold.median, threshold.max, entering);

    BacktestOptions options;
    options.now = now;
    const Backtest backtest(engine.leads(), engine.catalogue(), data->outcomes, data->timeline);
    BacktestFigures figures;
    const Spread run = measure(3, [&](int) {
        backtest.run(engine.scores(), options);
        figures = backtest.run(draft, engine.index(), options);
    });
    std::printf("backtest of live and draft over 26 weeks (%d leads with a known outcome): "
                "median %.0f ms\n",
                figures.leads, run.median);
    std::printf("peak resident memory: %.0f MiB\n", bench::peakResidentMiB());
    return 0;
}
