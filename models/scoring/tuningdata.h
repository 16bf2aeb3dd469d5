#pragma once

// What the tuning workspace works on: a snapshot of every lead scored under the live model,
// the leads' outcomes and their activity timelines. Loaded in one go (on a worker thread, with
// its own connection) so previews, backtests and suggestions never race a console's refresh.

#include <functional>
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

    // Told how far the load got (0..100); returning false cancels (load throws Error).
    using Progress = std::function<bool(int percent)>;
    static std::unique_ptr<TuningData> load(const QString &databasePath, qint64 now,
                                            const Progress &progress = {});
    // What "Suggest from history" learns from, built from this snapshot (no database read).
    TrainingSet trainingSet(TrainingSet::Options options) const;
};

} // namespace handoff
