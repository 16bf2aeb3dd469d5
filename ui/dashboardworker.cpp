#include "ui/dashboardworker.h"

#include <QElapsedTimer>

#include "analytics/analyticsengine.h"
#include "store/database.h"
#include "store/error.h"
#include "store/meetingrepository.h"

namespace handoff {

DashboardWorker::DashboardWorker(QString databasePath)
    : m_path(std::move(databasePath))
{}

DashboardWorker::~DashboardWorker() = default;

void DashboardWorker::compute(const AnalyticsPeriod &period, const AnalyticsFilter &filter,
                              qint64 now)
{
    try {
        QElapsedTimer timer;
        timer.start();
        if (!m_db) {
            m_db = std::make_unique<Database>(m_path);
            m_engine = std::make_unique<AnalyticsEngine>(*m_db);
        }
        m_engine->refresh();
        const MeetingTargets targets = MeetingRepository(m_db->connection()).currentTargets();
        const DashboardFigures f = m_engine->figures(period, filter, targets, now);
        QStringList channels = m_engine->dataset().channels;
        channels.removeAll(QString());
        channels.sort();
        emit ready(f, timer.elapsed(), channels);
    } catch (const Error &e) {
        emit failed(e.message());
    }
}

} // namespace handoff
