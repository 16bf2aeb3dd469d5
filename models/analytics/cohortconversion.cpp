#include "analytics/cohortconversion.h"

#include "analytics/analyticsmath.h"

namespace handoff {

CohortFigures CohortConversion::compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                        const AnalyticsFilter &filter)
{
    CohortFigures figures;
    figures.weeks.resize(size_t(period.weeks));
    for (int w = 0; w < period.weeks; ++w)
        figures.weeks[size_t(w)].weekStart = period.weekStart(w);
    const LeadMatcher matcher(data, filter);
    for (const LeadJourney &lead : data.leads) {
        const int week = lead.mqlAt ? period.weekOf(lead.mqlAt) : -1;
        if (week < 0 || !matcher.matches(lead))
            continue;
        CohortWeek &cohort = figures.weeks[size_t(week)];
        ++cohort.mqls;
        if (lead.sqlAt >= lead.mqlAt)
            ++cohort.converted;
    }
    for (CohortWeek &week : figures.weeks) {
        week.rate = analyticsmath::share(week.converted, week.mqls);
        figures.mqls += week.mqls;
        figures.converted += week.converted;
    }
    figures.rate = analyticsmath::share(figures.converted, figures.mqls);
    return figures;
}

} // namespace handoff
