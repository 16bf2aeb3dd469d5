#pragma once

// Routing and the SLA ladder, one pass at a time: claims nobody worked within the claim
// timeout go back to the pool (the manager is told), unclaimed hand-raisers go to the reps
// routing picks (routingrules.h), and every hand-raiser nobody has contacted steps up the
// ladder: at the SLA the rep holding it is told again, at twice the SLA the sales manager is
// told and offered to reassign it. Times count on the team's SLA clock (business hours when
// the team says so). Each step is recorded (RoutingRepository) and happens once, however many
// desks and services run passes on the same database: every write is conditional on what it
// found, and a desk that finds nothing to do writes nothing.

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>

#include "store/auditlog.h"
#include "store/businesscalendar.h"
#include "store/handoffrepository.h"
#include "store/routingrepository.h"

namespace handoff {

class Database;

class Dispatcher
{
    Q_DECLARE_TR_FUNCTIONS(Dispatcher)

public:
    // `actor` is whom the audit log names for what routing does (a desk's profile, or the
    // intake service).
    Dispatcher(Database &db, QString actor);

    // One pass at `now` (seconds): what it recorded, oldest first. Throws Error, writing
    // nothing, when the store cannot be read or written.
    QList<RoutingEvent> run(qint64 now);
    // The same over the open handoffs the caller holds (a console's, kept up to date by its
    // refreshes) instead of reading them all every second: each write still checks the row.
    QList<RoutingEvent> run(qint64 now, const QList<Handoff> &open);

    // A pass takes at most this many steps of the ladder, and reads what was recorded for at
    // most this many handoffs: the first pass over a team's overdue history is spread over
    // passes instead of holding a desk's window for seconds.
    static constexpr qsizetype MaxStepsPerPass = 500;
    static constexpr qsizetype MaxReadsPerPass = 2000;

private:
    struct Step
    {
        Handoff handoff;
        RoutingEvent::Kind kind;
        qint64 dueAt;
    };
    QList<Step> ladderStepsDue(const QList<Handoff> &open, qint64 now);
    QList<Handoff> timedOut(const QList<Handoff> &open, int timeoutMinutes, qint64 now) const;
    // What one pass writes through, and what it did.
    struct Pass
    {
        Pass(const QSqlDatabase &db, qint64 now);
        // Records the event (a step of the ladder recorded already is not) and keeps it.
        void note(RoutingEvent event);
        // A step of the ladder, unless the lead was contacted or closed meanwhile.
        void noteStep(const RoutingEvent &step);

        RoutingRepository routing;
        HandoffRepository handoffs;
        AuditLog audit;
        qint64 now = 0;
        QList<RoutingEvent> recorded;
    };
    // An unclaimed hand-raiser (or one whose claim times out now) and the reps it may go to.
    struct Routable
    {
        Handoff handoff;
        QList<RepRouting> candidates;
    };
    // What can be routed now, oldest first: nothing while routing is off or nobody who may
    // take a lead is on shift.
    QList<Routable> routableNow(const QList<Handoff> &open, const QList<Handoff> &expired,
                                const RoutingSettings &settings) const;
    // Gives them to the reps routing picks (not those `stillHeld`: worked after all).
    void assign(Pass &pass, const QList<Routable> &routable, const QSet<qint64> &stillHeld,
                RoutingSettings::Mode mode);

    Database &m_db;
    QString m_actor;
    BusinessCalendar m_calendar = BusinessCalendar::always();
    qint64 m_slaSeconds = 0;
    // Steps known to be recorded, so later passes need not ask: (handoff id, kind).
    QSet<std::pair<qint64, int>> m_stepsTaken;
    QSet<qint64> m_stepsRead; // handoffs whose recorded steps were read
    // The SLA deadlines worked out, per handoff (for m_calendar and m_slaSeconds).
    QHash<qint64, std::pair<qint64, qint64>> m_deadlines;
};

} // namespace handoff
