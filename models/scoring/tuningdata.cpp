#include "scoring/tuningdata.h"

#include <QCoreApplication>

#include "scoring/besidework.h"
#include "scoring/heappolicy.h"
#include "store/database.h"

namespace handoff {

std::unique_ptr<TuningData> TuningData::load(const QString &databasePath, qint64 now,
                                             const Progress &progress)
{
    auto data = std::make_unique<TuningData>();
    data->now = now;
    {
        Database db(databasePath);
        // Reading every lead and activity is about two thirds of the work.
        data->engine.load(db, now, [&](qint64 done, qint64 total) {
            return !progress || progress(int(total > 0 ? 60 * done / total : 0));
        });
    }
    data->take(data->readHistory(
        databasePath, [&](int percent) { return !progress || progress(60 + 40 * percent / 100); }));
    return data;
}

TuningData::TuningData(const ScoringEngine &consoleEngine, qint64 countedUpToId, qint64 now)
    : engine(consoleEngine)
    , now(now)
    , countedUpToId(countedUpToId)
{
    // Scored as the console scores them, at its index's reference time (seconds behind
    // `now`): the preview's live figures are the console's own.
}

TuningData::History TuningData::readHistory(const QString &databasePath,
                                            const Progress &progress) const
{
    // The outcomes take a third of the timeline's time, beside it.
    BesideWork<LeadOutcomes> outcomes([&](const std::atomic<bool> &stop) {
        Database db(databasePath, Database::Open::ReadOnly);
        db.readOnceInOrder();
        return LeadOutcomes::read(db, engine.leads(),
                                  [&] { return !stop.load(std::memory_order_relaxed); });
    });
    History history;
    int percent = 0;
    const auto keepGoing = [&] { return !progress || progress(percent); };
    Database db(databasePath, Database::Open::ReadOnly);
    db.readOnceInOrder();
    history.timeline =
        ActivityTimeline::read(db, engine.leads(), engine.catalogue(),
                               {countedUpToId, &engine.index()}, [&](qint64 done, qint64 total) {
                                   percent = int(total > 0 ? 100 * done / total : 0);
                                   return keepGoing();
                               });
    history.outcomes =
        outcomes.get(keepGoing, QCoreApplication::translate("TuningData", "Cancelled"));
    heappolicy::giveBackFreed(); // the read's staging, before the preview and backtest
    return history;
}

void TuningData::take(History history)
{
    outcomes = std::move(history.outcomes);
    timeline = std::move(history.timeline);
    hasHistory = true;
}

TrainingSet TuningData::trainingSet(TrainingSet::Options options) const
{
    options.now = now;
    const LeadTable &leads = engine.leads();
    const ActivityCatalogue &types = engine.catalogue();
    return TrainingSet::build(
        leads, outcomes, types,
        [&](const TrainingSet::ActivityVisitor &visit) {
            for (int row = 0; row < timeline.rows(); ++row) {
                const auto events = timeline.events(row);
                for (size_t i = 0; i < events.size(); ++i)
                    visit(leads.id(row), types.type(events.type(i)).id, events.at(i));
            }
        },
        options);
}

} // namespace handoff
