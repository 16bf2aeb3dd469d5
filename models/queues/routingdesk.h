#pragma once

// A desk's part in routing: every so often it runs a Dispatcher pass (at a sales desk and in
// the intake service; marketing's desks only listen) and tells what routing and the ladder
// recorded since the last look, by this desk or any other, so each person hears what is
// theirs: a lead assigned, a claim timed out, the SLA passed.

#include <functional>
#include <optional>

#include <QObject>
#include <QSet>

#include "queues/dispatcher.h"

class QTimer;

namespace handoff {

class RoutingDesk : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;
    enum class Role { Dispatch, Listen };

    RoutingDesk(Database &db, const QString &actor, Role role, Clock clock,
                QObject *parent = nullptr);

    // Where the open handoffs come from: a console's own list, up to date with its last
    // refresh, saves reading them all every second. Unset: read from the store.
    void setOpenHandoffs(std::function<QList<Handoff>()> source) { m_open = std::move(source); }
    // Looks every `milliseconds` (0 stops).
    void start(int milliseconds);
    // One look now. What was recorded before the desk's first look is not told.
    void look();

signals:
    void told(const QList<handoff::RoutingEvent> &events);
    // This desk's pass recorded these (a subset of what is told next).
    void wrote(const QList<handoff::RoutingEvent> &events);
    // A look failed (the file went away, the server cannot be reached): the next one tries again.
    void failed(const QString &message);

private:
    Database &m_db;
    Dispatcher m_dispatcher;
    Role m_role;
    Clock m_clock;
    std::function<QList<Handoff>()> m_open;
    QTimer *m_timer;
    static constexpr qint64 LookBack = 64;
    std::optional<qint64> m_seen; // the newest event told
    QSet<qint64> m_told;          // those told within LookBack of it
};

} // namespace handoff
