#include "analytics/funnel.h"

#include <QCoreApplication>

#include "analytics/analyticsmath.h"

namespace handoff {

QString FunnelFigures::stageLabel(int stage)
{
    static const char *const labels[] = {
        QT_TRANSLATE_NOOP("Funnel", "Suspect"), QT_TRANSLATE_NOOP("Funnel", "MQL"),
        QT_TRANSLATE_NOOP("Funnel", "SQL"), QT_TRANSLATE_NOOP("Funnel", "Opportunity"),
        QT_TRANSLATE_NOOP("Funnel", "Won")};
    return stage >= 0 && stage < StageCount ? QCoreApplication::translate("Funnel", labels[stage])
                                            : QString();
}

FunnelFigures Funnel::compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                              const AnalyticsFilter &filter)
{
    FunnelFigures figures;
    const LeadMatcher matcher(data, filter);
    for (const LeadJourney &lead : data.leads) {
        if (lead.createdUndated) {
            figures.undatedLeads += matcher.matches(lead) ? 1 : 0;
            continue;
        }
        if (!period.contains(lead.createdAt) || !matcher.matches(lead))
            continue;
        const int furthest = lead.furthestStage();
        for (int stage = 0; stage <= furthest; ++stage)
            ++figures.reached[size_t(stage)];
    }
    for (size_t i = 0; i + 1 < figures.reached.size(); ++i)
        figures.conversion[i] = analyticsmath::share(figures.reached[i + 1], figures.reached[i]);
    return figures;
}

} // namespace handoff
