#include "scoring/learninghistory.h"

#include <QElapsedTimer>

#include "scoring/leadoutcomes.h"
#include "scoring/modelversions.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"
#include "store/leadrepository.h"

namespace handoff {

LearningHistory LearningHistory::read(Database &db, const TrainingSet::Options &options,
                                      const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    LearningHistory history;
    history.live = ModelVersions(db, Profile{}).liveDefinition();
    const LeadRepository leadStore(db.connection());
    const ActivityRepository activityStore(db.connection());
    const qint64 total = leadStore.count() + activityStore.maxId();
    qint64 done = 0;
    // Called for every row read; reports every 16k rows.
    const auto tick = [&] {
        if ((++done & 0x3FFF) == 0 && progress && !progress(done, total))
            throw Error(tr("Reading %1 was cancelled").arg(db.filePath()));
    };
    LeadTable &leads = history.leads;
    leadStore.scan([&](const Lead &lead) {
        leads.append(lead);
        tick();
    });
    leadStore.scanCustomFields([&](qint64 leadId, const QString &name, const QString &value) {
        if (const auto row = leads.rowOf(leadId))
            leads.setCustom(*row, name, value);
    });
    history.catalogue = ActivityCatalogue(activityStore.types());
    const LeadOutcomes outcomes = LeadOutcomes::read(db, leads);
    history.set = TrainingSet::build(
        leads, outcomes, history.catalogue,
        [&](const TrainingSet::ActivityVisitor &visit) {
            activityStore.scan([&](qint64 leadId, int typeId, qint64 at) {
                tick();
                visit(leadId, typeId, at);
            });
        },
        options);
    history.readMs = timer.elapsed();
    return history;
}

} // namespace handoff
