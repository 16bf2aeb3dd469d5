#include "scoring/tuningdata.h"

#include "store/database.h"

namespace handoff {

std::unique_ptr<TuningData> TuningData::load(const QString &databasePath, qint64 now,
                                             const Progress &progress)
{
    auto data = std::make_unique<TuningData>();
    data->now = now;
    Database db(databasePath);
    // The engine's load is about two thirds of the work, the timeline the rest.
    data->engine.load(db, now, [&](qint64 done, qint64 total) {
        return !progress || progress(int(total > 0 ? 60 * done / total : 0));
    });
    data->outcomes = LeadOutcomes::read(db, data->engine.leads());
    data->timeline = ActivityTimeline::read(
        db, data->engine.leads(), data->engine.catalogue(), [&](qint64 done, qint64 total) {
            return !progress || progress(int(total > 0 ? 60 + 40 * done / total : 60));
        });
    return data;
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
                for (size_t i = 0; i < events.at.size(); ++i)
                    visit(leads.id(row), types.type(events.type[i]).id, events.at[i]);
            }
        },
        options);
}

} // namespace handoff
