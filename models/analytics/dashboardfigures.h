#pragma once

// Every figure of the dashboard for one period and filter, as AnalyticsEngine computes them:
// what the charts, their data tables and the meeting report show.

#include <vector>

#include <QMetaType>

#include "analyticsfilter.h"
#include "analyticsperiod.h"
#include "cohortconversion.h"
#include "conversionlift.h"
#include "funnel.h"
#include "modelconversion.h"
#include "sourcemix.h"
#include "speedtoleadfigures.h"
#include "velocity.h"
#include "verdictfigures.h"

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

Q_DECLARE_METATYPE(DashboardFigures)
Q_DECLARE_METATYPE(AnalyticsPeriod)
Q_DECLARE_METATYPE(AnalyticsFilter)
