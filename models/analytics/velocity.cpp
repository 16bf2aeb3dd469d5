#include "analytics/velocity.h"

#include <vector>

#include "analytics/analyticsmath.h"

namespace handoff {

VelocityFigures Velocity::compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                  const AnalyticsFilter &filter)
{
    constexpr double Day = 24 * 3600;
    const LeadMatcher matcher(data, filter);
    std::vector<double> mqlToSql;
    std::vector<double> sqlToWon;
    for (const LeadJourney &lead : data.leads) {
        const bool sqlInPeriod =
            lead.sqlAt && lead.mqlAt && lead.sqlAt >= lead.mqlAt && period.contains(lead.sqlAt);
        const bool wonInPeriod = lead.wonAt && lead.sqlAt && period.contains(lead.wonAt);
        if ((!sqlInPeriod && !wonInPeriod) || !matcher.matches(lead))
            continue;
        if (sqlInPeriod)
            mqlToSql.push_back(double(lead.sqlAt - lead.mqlAt) / Day);
        if (wonInPeriod)
            sqlToWon.push_back(double(lead.wonAt - lead.sqlAt) / Day);
    }
    VelocityFigures figures;
    figures.mqlToSqlLeads = qint64(mqlToSql.size());
    figures.sqlToWonLeads = qint64(sqlToWon.size());
    figures.mqlToSqlDays = analyticsmath::median(std::move(mqlToSql));
    figures.sqlToWonDays = analyticsmath::median(std::move(sqlToWon));
    return figures;
}

} // namespace handoff
