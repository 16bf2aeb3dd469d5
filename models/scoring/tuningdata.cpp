#include "tuningdata.h"

#include "database.h"

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
