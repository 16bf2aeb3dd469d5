#pragma once

// Speed to lead for hand-raisers (intent handoffs raised in the period): how long they waited
// for the first contact on the team's SLA clock (working time only when the team counts so),
// the share reached within 5 and within 30 minutes, how often sales accepted them by how fast
// they were called, and the SLA ladder's breaches whose deadline fell in the period.

#include <array>
#include <vector>

#include <QString>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct ResponseBucket
{
    qint64 handoffs = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    double acceptRate = 0; // accepted / (accepted + rejected)
};

struct SpeedToLeadFigures
{
    // Time to first contact: up to 5 min, 5-30 min, 30-60 min, 1-4 h, 4-24 h, a day or more,
    // and not contacted (yet).
    enum Bucket {
        Under5m,
        Under30m,
        Under1h,
        Under4h,
        Under24h,
        DayOrMore,
        NotContacted,
        BucketCount
    };

    qint64 handRaisers = 0;
    std::array<ResponseBucket, BucketCount> buckets{};
    // Shares of the hand-raisers that could have been reached by then: one raised two
    // minutes ago and not called yet is not counted as missing the 5 minutes.
    double within5 = 0;
    double within30 = 0;
    double medianMinutes = 0; // of those contacted
    // Within an agreed number of minutes (the meeting's SLA target), same rule as above.
    double withinSla = 0;
    // The SLA ladder's record: hand-raisers not contacted by the SLA, the median time past it
    // until the first contact (or now), and those that waited twice it (the manager told).
    qint64 slaBreaches = 0;
    double medianLateMinutes = 0;
    qint64 escalations = 0;

    static QString bucketLabel(int bucket);
};

class SpeedToLeadStats
{
public:
    static SpeedToLeadFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                      const AnalyticsFilter &filter, qint64 now,
                                      int slaMinutes = 5);
};

} // namespace handoff
