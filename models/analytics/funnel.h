#pragma once

// The funnel of the leads created in the period: how many reached MQL, SQL, opportunity and
// won by now, and the conversion from each stage to the next. A lead counts at every stage
// up to the furthest it reached, so sales-sourced leads (which enter at SQL) count as having
// passed suspect and MQL and the funnel never widens.

#include <array>

#include <QString>

#include "analyticsdataset.h"
#include "analyticsfilter.h"
#include "analyticsperiod.h"

struct FunnelFigures
{
    static constexpr int StageCount = 5; // suspect, MQL, SQL, opportunity, won

    std::array<qint64, StageCount> reached{};
    // conversion[i]: from stage i to stage i + 1
    std::array<double, StageCount - 1> conversion{};

    static QString stageLabel(int stage);
};

class Funnel
{
public:
    static FunnelFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                 const AnalyticsFilter &filter);
};
