#pragma once

// The targets sales and marketing agreed for the weekly meeting: the speed-to-lead SLA (how
// many minutes a hand-raiser may wait for the first call), the MQL volume per week, the
// share of handoffs sales should accept, and the band of pipeline marketing should supply.
// Every change is kept as a new version, with who set it and when (MeetingRepository);
// what may be agreed is analytics/targetrules.h's to say.

#include <QString>

namespace handoff {

struct MeetingTargets
{
    qint64 version = 0; // 0: the defaults, never saved
    int slaMinutes = 5;
    int mqlsPerWeek = 100;
    double acceptRate = 0.6;
    double marketingShareLow = 0.25;
    double marketingShareHigh = 0.35;
    QString setBy;
    qint64 setAt = 0;
    QString note;
};

} // namespace handoff
