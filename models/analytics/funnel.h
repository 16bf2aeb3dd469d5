#pragma once

// The funnel of the leads created in the period: how many reached MQL, SQL, opportunity and
// won by now, and the conversion from each stage to the next. A lead counts at every stage
// up to the furthest it reached, so sales-sourced leads (which enter at SQL) count as having
// passed suspect and MQL and the funnel never widens. Stages reached at an undated time count
// (how far a lead got needs no date); leads whose creation is undated belong to no period and
// are only counted in `undatedLeads`.

#include <array>

#include <QString>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct FunnelFigures
{
    static constexpr int StageCount = 5; // suspect, MQL, SQL, opportunity, won

    std::array<qint64, StageCount> reached{};
    // conversion[i]: from stage i to stage i + 1
    std::array<double, StageCount - 1> conversion{};
    qint64 undatedLeads = 0; // matching the filter, creation undated: in no period

    static QString stageLabel(int stage);
};

class Funnel
{
public:
    static FunnelFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                 const AnalyticsFilter &filter);
};

} // namespace handoff
