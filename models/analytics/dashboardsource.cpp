#include "analytics/dashboardsource.h"

#include <QElapsedTimer>

#include "analytics/analyticsengine.h"
#include "store/database.h"
#include "store/meetingrepository.h"

namespace handoff {

DashboardSource::DashboardSource(QString databasePath)
    : m_path(std::move(databasePath))
{}

DashboardSource::~DashboardSource() = default;

AnalyticsEngine &DashboardSource::engine()
{
    if (!m_db) {
        m_db = std::make_unique<Database>(m_path);
        m_engine = std::make_unique<AnalyticsEngine>(*m_db);
    }
    return *m_engine;
}

MeetingFigures DashboardSource::week(qint64 weekStart, const MeetingTargets &targets, qint64 now)
{
    return MeetingBrief::computeFigures(engine(), weekStart, targets, now);
}

DashboardSource::Figures DashboardSource::compute(const AnalyticsPeriod &period,
                                                  const AnalyticsFilter &filter, qint64 now)
{
    QElapsedTimer timer;
    timer.start();
    engine().refresh();
    const MeetingTargets targets = MeetingRepository(m_db->connection()).currentTargets();
    Figures result;
    result.figures = m_engine->figures(period, filter, targets, now);
    result.channels = m_engine->dataset().channels;
    result.channels.removeAll(QString());
    result.channels.sort();
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace handoff
