#pragma once

// The pace of a gradual handover: a wave of new MQLs (a model taken live) handed to sales a
// portion an hour, best first, so every lead gets a speed-to-lead clock sales can keep. The
// first portion goes at once, the next an hour later, and so on.

#include <QList>
#include <QString>

#include "store/pendinghandoverrepository.h"

namespace handoff {

namespace handoverpace {

// What one sales rep can call within the SLA in an hour, next to the rest of their day.
constexpr int LeadsPerRepHour = 4;

// The pace offered by default: what the sales profiles can take an hour (at least one rep).
int suggestedPerHour(int salesReps);
// Seconds from going live until the last of `leads` is released at `perHour` an hour.
qint64 spanSeconds(int leads, int perHour);
// "about 3 hours" / "at once" for a wave of `leads` at `perHour` an hour.
QString spanText(int leads, int perHour);
// Release times for a wave, `wave` sorted best first: portions of `perHour`, the first at
// `start`, each next an hour later.
QList<PendingHandover> schedule(QList<PendingHandover> wave, int perHour, qint64 start);

} // namespace handoverpace

} // namespace handoff
