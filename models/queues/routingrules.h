#pragma once

// Who routing gives a hand-raiser to, as plain rules over plain data (no store, no clock):
// among the reps who take leads now, those whose territory covers the lead, else those
// without a territory; never one whose claim on it timed out. Round-robin gives each lead to
// the rep with the fewest assigned (ties: the one waiting longest); weighted does the same
// with each count divided by the rep's weight, so weights 3 and 1 share leads 3 to 1.

#include <optional>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include "store/lead.h"
#include "store/routingrepository.h"

namespace handoff::routing {

// The lead's value of a territory field (a segment is the company-size band's code).
QString fieldValue(const Lead &lead, const QString &field);
// Whether the rep's territory covers the lead (a rep without one covers none here: they
// take what no territory covers).
bool covers(const RepRouting &rep, const Lead &lead);

// The reps the lead may go to: available, not excluded, covering it (or, when none does,
// those without a territory).
QList<RepRouting> candidates(const QList<RepRouting> &reps, const Lead &lead,
                             const QSet<QString> &excluded);

// The one it goes to, given what each was assigned in the window counted; nullopt when
// there is nobody.
std::optional<QString> pick(RoutingSettings::Mode mode, const QList<RepRouting> &candidates,
                            const QHash<QString, RoutingRepository::Share> &shares);

// Where the count of assignments starts for these candidates: a day back, or when the last
// of them came on shift, so a rep who just arrived is not handed every lead until their
// count catches up with the others' whole day.
qint64 windowStart(const QList<RepRouting> &candidates, qint64 now);

} // namespace handoff::routing
