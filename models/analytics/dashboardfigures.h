#pragma once

// Every figure of the dashboard for one period and filter, as AnalyticsEngine computes them:
// what the charts, their data tables and the meeting report show.

#include <vector>

#include <QMetaType>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "analytics/cohortconversion.h"
#include "analytics/conversionlift.h"
#include "analytics/funnel.h"
#include "analytics/modelconversion.h"
#include "analytics/sourcemix.h"
#include "analytics/speedtoleadfigures.h"
#include "analytics/velocity.h"
#include "analytics/verdictfigures.h"

namespace handoff {

struct DashboardFigures
{
    AnalyticsPeriod period;
    AnalyticsFilter filter;
    qint64 now = 0;
    CohortFigures cohorts;
    FunnelFigures funnel;
    SpeedToLeadFigures speed;
    VerdictFigures verdicts;
    SourceMixFigures sourceMix;
    VelocityFigures velocity;
    std::vector<ModelConversionRow> models;
    LiftFigures lift;
};

} // namespace handoff

Q_DECLARE_METATYPE(handoff::DashboardFigures)
Q_DECLARE_METATYPE(handoff::AnalyticsPeriod)
Q_DECLARE_METATYPE(handoff::AnalyticsFilter)
