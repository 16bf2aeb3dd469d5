#pragma once

// How long a hand-raiser has waited, as people read it, and which band that falls in,
// measured against the SLA sales and marketing agreed (MeetingTargets::slaMinutes; 5 minutes
// when none is agreed): within the SLA, within six times it, beyond.

#include <optional>

#include <QString>

#include "store/businesscalendar.h"

namespace handoff {

namespace speedtolead {

constexpr int DefaultSlaMinutes = 5;
// Amber ends, red starts, at this many times the SLA (30 minutes for a 5-minute SLA).
constexpr int LateFactor = 6;

enum class Band { Fast, Slow, Late }; // within the SLA, within LateFactor times it, beyond

Band band(qint64 waitedSeconds, int slaMinutes = DefaultSlaMinutes);
// "4:05" under an hour, "3h 12m" under a day, "2d 5h" beyond.
QString waitedText(qint64 waitedSeconds);
// The calendar a team that set none counts by: every second.
const BusinessCalendar &everySecond();
// What a hand-raiser's clock reads at `now`: the time waited so far ("4:05"), or once first
// contact is made the clock stops and reads the time it took ("contacted in 4:22"). The sales
// queue and `handoff queue intent` both say it this way.
QString clockText(qint64 raisedAt, std::optional<qint64> firstContactAt, qint64 now,
                  const BusinessCalendar &calendar = everySecond());
// The seconds that clock counts: up to first contact once made, else up to `now`; in working
// time only when the team's calendar says so.
qint64 clockSeconds(qint64 raisedAt, std::optional<qint64> firstContactAt, qint64 now,
                    const BusinessCalendar &calendar = everySecond());
// "5 minutes", "1 minute", "2 hours".
QString minutesText(int minutes);
// The colours and what they mean: "green within 5 minutes (the agreed SLA), amber up to 30
// minutes, red beyond".
// With `workingTime`, it says the clock counts working hours only.
QString legend(int slaMinutes, bool workingTime = false);

} // namespace speedtolead

} // namespace handoff
