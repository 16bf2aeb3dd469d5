#include "queues/routingdesk.h"

#include <QTimer>

#include "store/database.h"
#include "store/error.h"

namespace handoff {

RoutingDesk::RoutingDesk(Database &db, const QString &actor, Role role, Clock clock,
                         QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_dispatcher(db, actor)
    , m_role(role)
    , m_clock(std::move(clock))
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &RoutingDesk::look);
}

void RoutingDesk::start(int milliseconds)
{
    if (milliseconds <= 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(milliseconds);
}

void RoutingDesk::look()
{
    try {
        RoutingRepository routing(m_db.connection());
        if (!m_seen)
            m_seen = routing.lastEventId();
        if (m_role == Role::Dispatch)
            m_dispatcher.run(m_clock());
        const QList<RoutingEvent> events = routing.eventsAfter(*m_seen);
        if (events.isEmpty())
            return;
        m_seen = events.last().id;
        emit told(events);
    } catch (const Error &e) {
        emit failed(e.message());
    }
}

} // namespace handoff
