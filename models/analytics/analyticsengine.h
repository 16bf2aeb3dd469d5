#pragma once

// Computes the dashboard: reads the database into an AnalyticsDataset once (again only when
// another connection has written since, by SQLite's data_version), then computes every
// figure in memory for whichever period and filter is asked; only the conversion lift reads
// again (the activities of the period's MQLs, sampled). One engine per thread: it uses the
// Database it is given.

#include <memory>

#include "analytics/dashboardfigures.h"
#include "store/analyticsdataset.h"
#include "store/meetingtargets.h"

namespace handoff {

class Database;

class AnalyticsEngine
{
public:
    explicit AnalyticsEngine(Database &db);

    // Reads the database unless it is unchanged since the last read; true when it read.
    bool refresh();
    const AnalyticsDataset &dataset();

    // Throws Error.
    DashboardFigures figures(const AnalyticsPeriod &period, const AnalyticsFilter &filter,
                             const MeetingTargets &targets, qint64 now,
                             int liftSampleCap = ConversionLift::DefaultSampleCap);

    // Pure computation on a dataset, without a database (tests, and the lift given).
    static DashboardFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                    const AnalyticsFilter &filter, const MeetingTargets &targets,
                                    qint64 now);

private:
    Database &m_db;
    std::unique_ptr<AnalyticsDataset> m_data;
    qint64 m_dataVersion = -1;
};

} // namespace handoff
