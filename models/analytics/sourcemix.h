#pragma once

// The share of pipeline marketing supplied: of the leads that became opportunities in the
// period (closeable pipeline), how many marketing sourced and how many sales did, week by
// week and in all, against the band both sides agreed (25-35% by default). The source filter
// is ignored here: the figure is the comparison of the two sources.

#include <vector>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct SourceMixWeek
{
    qint64 weekStart = 0;
    qint64 marketing = 0;
    qint64 sales = 0;
    double marketingShare = 0;
};

struct SourceMixFigures
{
    std::vector<SourceMixWeek> weeks;
    qint64 marketing = 0;
    qint64 sales = 0;
    double marketingShare = 0;
    double bandLow = 0;
    double bandHigh = 0;
    // -1 below the agreed band, 0 inside it, 1 above (0 when there is no pipeline).
    int againstBand = 0;
};

class SourceMix
{
public:
    static SourceMixFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                    const AnalyticsFilter &filter, double bandLow, double bandHigh);
};

} // namespace handoff
