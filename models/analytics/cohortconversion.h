#pragma once

// MQL -> SQL conversion by weekly cohort: the leads that became MQL in each week of the
// period (their first MQL), and how many of them sales has accepted as SQL since. Recent
// cohorts are still maturing, so their rate rises as the weeks go by.

#include <vector>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct CohortWeek
{
    qint64 weekStart = 0;
    qint64 mqls = 0;
    qint64 converted = 0; // reached SQL after becoming MQL
    double rate = 0;
};

struct CohortFigures
{
    std::vector<CohortWeek> weeks; // earliest first, one per week of the period
    qint64 mqls = 0;
    qint64 converted = 0;
    double rate = 0;
};

class CohortConversion
{
public:
    static CohortFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                 const AnalyticsFilter &filter);
};

} // namespace handoff
