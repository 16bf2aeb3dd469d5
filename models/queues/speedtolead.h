#pragma once

// How long a hand-raiser has waited, as people read it, and which band that falls in:
// a lead called within 5 minutes is far more reachable than one called after 30.

#include <QString>

namespace speedtolead {

enum class Band { Fast, Slow, Late }; // under 5 minutes, under 30, beyond

Band band(qint64 waitedSeconds);
// "4:05" under an hour, "3h 12m" under a day, "2d 5h" beyond.
QString waitedText(qint64 waitedSeconds);

} // namespace speedtolead
