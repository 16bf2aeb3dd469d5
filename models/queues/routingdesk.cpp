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
        if (!m_seen) {
            m_seen = routing.lastEventId();
            for (const RoutingEvent &e :
                 routing.eventsAfter(std::max<qint64>(0, *m_seen - LookBack)))
                m_told.insert(e.id); // before this desk: not told
        }
        if (m_role == Role::Dispatch) {
            const QList<RoutingEvent> written =
                m_open ? m_dispatcher.run(m_clock(), m_open()) : m_dispatcher.run(m_clock());
            if (!written.isEmpty())
                emit wrote(written);
        }
        // On a team server ids are drawn before commit, so a desk may commit id 10 after
        // another's 11 was read: each look reads a few ids back and tells only the new ones.
        QList<RoutingEvent> events = routing.eventsAfter(std::max<qint64>(0, *m_seen - LookBack));
        events.removeIf([this](const RoutingEvent &e) { return m_told.contains(e.id); });
        if (events.isEmpty())
            return;
        for (const RoutingEvent &e : std::as_const(events)) {
            m_told.insert(e.id);
            m_seen = std::max(*m_seen, e.id);
        }
        m_told.removeIf([this](qint64 id) { return id <= *m_seen - LookBack; });
        emit told(events);
    } catch (const Error &e) {
        emit failed(e.message());
    }
}

} // namespace handoff
