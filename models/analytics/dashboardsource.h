#pragma once

// The figures the dashboard and the meeting view show, read from a database file: the
// dashboard's for a period and filter against the agreed targets with the channels to filter
// by, and a meeting week's. It opens its own connection on
// first use, on the thread that uses it, and keeps the dataset loaded between calls (read
// again only after another connection wrote): call it from one thread only, and destroy it
// there too (a Qt SQL connection belongs to the thread that opened it).

#include <memory>

#include <QStringList>

#include "analytics/dashboardfigures.h"
#include "analytics/meetingbrief.h"

namespace handoff {

class AnalyticsEngine;
class Database;

class DashboardSource
{
public:
    struct Figures
    {
        DashboardFigures figures;
        QStringList channels; // sorted, without the empty one
        qint64 elapsedMs = 0;
    };

    explicit DashboardSource(QString databasePath);
    ~DashboardSource();
    DashboardSource(const DashboardSource &) = delete;
    DashboardSource &operator=(const DashboardSource &) = delete;

    // Throws Error.
    Figures compute(const AnalyticsPeriod &period, const AnalyticsFilter &filter, qint64 now);
    // The meeting week starting at `weekStart`, against `targets`. Throws Error.
    MeetingFigures week(qint64 weekStart, const MeetingTargets &targets, qint64 now);

private:
    AnalyticsEngine &engine();

    QString m_path;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AnalyticsEngine> m_engine;
};

} // namespace handoff
