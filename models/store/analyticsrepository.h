#pragma once

// The reads behind the dashboard, the meeting view and the report: every lead's funnel
// milestones and filter attributes, every handoff's timings and verdict, the scoring-model
// names, and the activities of a sample of leads for the conversion lift. Leads, stage
// history and handoffs are read whole in table order (a scan is several times faster than
// walking an index through a table this size); the figures are then computed in memory.

#include <vector>

#include <QSqlDatabase>

#include "analyticsdataset.h"
#include "conversionlift.h"

class AnalyticsRepository
{
public:
    explicit AnalyticsRepository(QSqlDatabase db);

    // In one read transaction, so the three tables agree. Throws StoreError.
    AnalyticsDataset load() const;
    // The activities of these leads (types by label), in no particular order.
    std::vector<ActivityTouch> touches(const std::vector<qint64> &leadIds) const;

private:
    QSqlDatabase m_db;
};
