#pragma once

// Elsewhere (a connection of its own), marketing and sales agree on a change to the live
// model and take it live, handing the wave over as `handover` says: doubling every activity's
// points, uncapped, or any other change.

#include <functional>

#include "scoring/modelversions.h"
#include "store/database.h"

namespace handoff {

inline ModelRecord takeChangedLive(const QString &path, qint64 now,
                                   const std::function<void(ScoringModel &)> &change,
                                   const QString &rationale,
                                   const ModelVersions::Handover &handover = {})
{
    Database other(path);
    ModelVersions author(other, {0, QStringLiteral("Mia"), Profile::Role::Marketing});
    const ModelRecord draft = author.openDraft(now);
    ScoringModel changed = author.definition(draft.id);
    change(changed);
    author.saveDraft(draft.id, changed);
    author.propose(draft.id, {}, rationale, now);
    author.signOff(draft.id, now);
    ModelVersions(other, {0, QStringLiteral("Sam"), Profile::Role::Sales}).signOff(draft.id, now);
    author.goLive(draft.id, now, handover);
    return draft;
}

inline ModelRecord takeDoubledLive(const QString &path, qint64 now,
                                   const ModelVersions::Handover &handover)
{
    return takeChangedLive(
        path, now,
        [](ScoringModel &model) {
            for (ActivityWeight &w : model.activities) {
                w.points *= 2;
                w.cap.reset();
            }
        },
        QStringLiteral("Engagement counts for more"), handover);
}

inline ModelRecord takeDoubledLive(const QString &path, qint64 now, bool batch)
{
    using Mode = ModelVersions::Handover::Mode;
    return takeDoubledLive(path, now, {batch ? Mode::Batch : Mode::Now, 0});
}

// A version whose activities fade `factor` times slower.
inline ModelRecord takeSlowerFadingLive(const QString &path, qint64 now, double factor)
{
    return takeChangedLive(
        path, now, [factor](ScoringModel &model) { model.halfLifeDays *= factor; },
        QStringLiteral("Interest fades slower"));
}

} // namespace handoff
