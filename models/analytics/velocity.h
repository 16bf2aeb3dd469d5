#pragma once

// Velocity: the median days from MQL to SQL for the leads sales accepted in the period, and
// from SQL to won for the deals won in the period.

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct VelocityFigures
{
    double mqlToSqlDays = 0;
    qint64 mqlToSqlLeads = 0;
    double sqlToWonDays = 0;
    qint64 sqlToWonLeads = 0;
};

class Velocity
{
public:
    static VelocityFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                   const AnalyticsFilter &filter);
};

} // namespace handoff
