#pragma once

// What the tuning workspace works on: a snapshot of every lead scored under the live model,
// the leads' outcomes and their activity timelines. A console's copy of its engine, or an
// engine loaded afresh, completed on a worker thread with its own connection, so previews,
// backtests and suggestions never race a console's refresh.

#include <functional>
#include <limits>
#include <memory>

#include <QString>

#include "scoring/activitytimeline.h"
#include "scoring/leadoutcomes.h"
#include "scoring/scoringengine.h"
#include "scoring/trainingset.h"

namespace handoff {

struct TuningData
{
    ScoringEngine engine;
    LeadOutcomes outcomes;
    ActivityTimeline timeline;
    qint64 now = 0;
    qint64 countedUpToId = std::numeric_limits<qint64>::max();
    bool hasHistory = false;

    // Told how far the load got (0..100); returning false cancels (load throws Error).
    using Progress = std::function<bool(int percent)>;
    // Reads everything: for callers without a console.
    static std::unique_ptr<TuningData> load(const QString &databasePath, qint64 now,
                                            const Progress &progress = {});
    // Starts from a copy of a console's engine, which has counted the activities stored up
    // to `countedUpToId`: enough to preview drafts. The history completes it; `now` is what
    // the backtest and the suggestions judge outcomes at.
    TuningData() = default;
    TuningData(const ScoringEngine &consoleEngine, qint64 countedUpToId, qint64 now);

    // What the backtest and the suggestions need besides the engine.
    struct History
    {
        LeadOutcomes outcomes;
        ActivityTimeline timeline;
    };
    // Reads the history of the engine's leads, outcomes and timeline side by side, each on a
    // connection of its own; only reads the engine, so previews may go on meanwhile.
    [[nodiscard]] History readHistory(const QString &databasePath,
                                      const Progress &progress = {}) const;
    void take(History history);
    // What "Suggest from history" learns from, built from this snapshot (no database read).
    TrainingSet trainingSet(TrainingSet::Options options) const;
};

} // namespace handoff
