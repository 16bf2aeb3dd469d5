#pragma once

// Elsewhere (a connection of its own), marketing and sales agree on doubling every activity's
// points, uncapped, and take it live, handing the wave over as `handover` says.

#include "scoring/modelversions.h"
#include "store/database.h"

namespace handoff {

inline ModelRecord takeDoubledLive(const QString &path, qint64 now,
                                   const ModelVersions::Handover &handover)
{
    Database other(path);
    ModelVersions author(other, {0, QStringLiteral("Mia"), Profile::Role::Marketing});
    const ModelRecord draft = author.openDraft(now);
    ScoringModel doubled = author.definition(draft.id);
    for (ActivityWeight &w : doubled.activities) {
        w.points *= 2;
        w.cap.reset();
    }
    author.saveDraft(draft.id, doubled);
    author.propose(draft.id, {}, QStringLiteral("Engagement counts for more"), now);
    author.signOff(draft.id, now);
    ModelVersions(other, {0, QStringLiteral("Sam"), Profile::Role::Sales}).signOff(draft.id, now);
    author.goLive(draft.id, now, handover);
    return draft;
}

inline ModelRecord takeDoubledLive(const QString &path, qint64 now, bool batch)
{
    using Mode = ModelVersions::Handover::Mode;
    return takeDoubledLive(path, now, {batch ? Mode::Batch : Mode::Now, 0});
}

} // namespace handoff
