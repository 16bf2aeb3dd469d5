#pragma once

// How long a hand-raiser has waited, as people read it, and which band that falls in,
// measured against the SLA sales and marketing agreed (MeetingTargets::slaMinutes; 5 minutes
// when none is agreed): within the SLA, within six times it, beyond.

#include <QString>

namespace handoff {

namespace speedtolead {

constexpr int DefaultSlaMinutes = 5;
// Amber ends, red starts, at this many times the SLA (30 minutes for a 5-minute SLA).
constexpr int LateFactor = 6;

enum class Band { Fast, Slow, Late }; // within the SLA, within LateFactor times it, beyond

Band band(qint64 waitedSeconds, int slaMinutes = DefaultSlaMinutes);
// "4:05" under an hour, "3h 12m" under a day, "2d 5h" beyond.
QString waitedText(qint64 waitedSeconds);
// "5 minutes", "1 minute", "2 hours".
QString minutesText(int minutes);
// The colours and what they mean: "green within 5 minutes (the agreed SLA), amber up to 30
// minutes, red beyond".
QString legend(int slaMinutes);

} // namespace speedtolead

} // namespace handoff
