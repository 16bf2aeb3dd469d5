#include "analytics/sourcemix.h"

#include "analytics/analyticsmath.h"

namespace handoff {

SourceMixFigures SourceMix::compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                    const AnalyticsFilter &filter, double bandLow, double bandHigh)
{
    SourceMixFigures figures;
    figures.bandLow = bandLow;
    figures.bandHigh = bandHigh;
    figures.weeks.resize(size_t(period.weeks));
    for (int w = 0; w < period.weeks; ++w)
        figures.weeks[size_t(w)].weekStart = period.weekStart(w);
    const LeadMatcher matcher(data, filter, /*ignoreSource=*/true);
    for (const LeadJourney &lead : data.leads) {
        const int week = lead.opportunityAt ? period.weekOf(lead.opportunityAt) : -1;
        if (week < 0 || !matcher.matches(lead))
            continue;
        SourceMixWeek &w = figures.weeks[size_t(week)];
        (lead.marketing ? w.marketing : w.sales) += 1;
    }
    for (SourceMixWeek &w : figures.weeks) {
        w.marketingShare = analyticsmath::share(w.marketing, w.marketing + w.sales);
        figures.marketing += w.marketing;
        figures.sales += w.sales;
    }
    const qint64 total = figures.marketing + figures.sales;
    figures.marketingShare = analyticsmath::share(figures.marketing, total);
    if (total > 0)
        figures.againstBand = figures.marketingShare < bandLow    ? -1
                              : figures.marketingShare > bandHigh ? 1
                                                                  : 0;
    return figures;
}

} // namespace handoff
