#include "queues/dispatcher.h"

#include <algorithm>

#include "queues/routingrules.h"
#include "store/auditlog.h"
#include "store/businesscalendarrepository.h"
#include "store/database.h"
#include "store/leadrepository.h"
#include "store/meetingrepository.h"
#include "store/transaction.h"

namespace handoff {

Dispatcher::Dispatcher(Database &db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{}

QList<Handoff> Dispatcher::timedOut(const QList<Handoff> &open, int timeoutMinutes,
                                    qint64 now) const
{
    QList<Handoff> expired;
    if (timeoutMinutes <= 0)
        return expired;
    const qint64 timeout = qint64(timeoutMinutes) * 60;
    for (const Handoff &h : open)
        if (h.trigger == Handoff::Trigger::Intent && !h.claimedBy.isEmpty() && h.claimedAt &&
            !h.firstContactAt && m_calendar.clockSeconds(*h.claimedAt, now) >= timeout)
            expired.append(h);
    return expired;
}

QList<Dispatcher::Step> Dispatcher::ladderStepsDue(const QList<Handoff> &open, qint64 now)
{
    QList<Step> due;
    if (m_slaSeconds <= 0)
        return due;
    for (const Handoff &h : open) {
        if (h.trigger != Handoff::Trigger::Intent || h.slaExempt || h.firstContactAt)
            continue;
        auto deadline = m_deadlines.constFind(h.id);
        if (deadline == m_deadlines.cend())
            deadline =
                m_deadlines.insert(h.id, {m_calendar.clockReaches(h.raisedAt, m_slaSeconds),
                                          m_calendar.clockReaches(h.raisedAt, 2 * m_slaSeconds)});
        const auto [sla, twice] = *deadline;
        for (const auto &[kind, at] : {std::pair{RoutingEvent::Kind::SlaPassed, sla},
                                       std::pair{RoutingEvent::Kind::SlaEscalated, twice}})
            if (at <= now && !m_stepsTaken.contains({h.id, int(kind)}))
                due.append({h, kind, at});
    }
    // What other desks (or this one, before it restarted) recorded is read once per handoff.
    QList<qint64> unread;
    QSet<qint64> unreadSet;
    for (const Step &step : std::as_const(due))
        if (!m_stepsRead.contains(step.handoff.id) && unread.size() < MaxReadsPerPass &&
            !unreadSet.contains(step.handoff.id)) {
            unread.append(step.handoff.id);
            unreadSet.insert(step.handoff.id);
        }
    // Only steps whose record was read (now or before) are taken.
    due.removeIf([&](const Step &step) {
        return !m_stepsRead.contains(step.handoff.id) && !unreadSet.contains(step.handoff.id);
    });
    if (unread.isEmpty()) {
        if (due.size() > MaxStepsPerPass)
            due.resize(MaxStepsPerPass);
        return due;
    }
    for (const RoutingEvent &event : RoutingRepository(m_db.connection()).eventsFor(unread))
        if (event.isBreach())
            m_stepsTaken.insert({event.handoffId, int(event.kind)});
    for (const qint64 id : std::as_const(unread))
        m_stepsRead.insert(id);
    due.removeIf([&](const Step &step) {
        return m_stepsTaken.contains({step.handoff.id, int(step.kind)});
    });
    if (due.size() > MaxStepsPerPass)
        due.resize(MaxStepsPerPass);
    return due;
}

QList<RoutingEvent> Dispatcher::run(qint64 now)
{
    return run(now, HandoffRepository(m_db.connection()).openHandRaisersNotContacted());
}

QList<RoutingEvent> Dispatcher::run(qint64 now, const QList<Handoff> &openHandoffs)
{
    const QSqlDatabase db = m_db.connection();
    RoutingRepository routing(db);
    const RoutingSettings settings = routing.settings();
    const BusinessCalendar calendar = BusinessCalendarRepository(db).load();
    const qint64 sla = qint64(MeetingRepository(db).currentTargets().slaMinutes) * 60;
    if (!(calendar == m_calendar) || sla != m_slaSeconds) {
        m_calendar = calendar;
        m_slaSeconds = sla;
        m_deadlines.clear();
    }
    // Hand-raisers only; the list is not copied (a console holds tens of thousands).
    const QList<Handoff> &open = openHandoffs;

    // Everything is decided from what was read; the writes then each check it still holds.
    const QList<Handoff> expired = timedOut(open, settings.claimTimeoutMinutes, now);
    QList<Handoff> unclaimed;
    if (settings.mode != RoutingSettings::Mode::Off) {
        for (const Handoff &h : open)
            if (h.trigger == Handoff::Trigger::Intent && h.claimedBy.isEmpty())
                unclaimed.append(h);
        for (Handoff h : expired) {
            h.claimedBy.clear();
            h.claimedAt.reset();
            unclaimed.append(h);
        }
        std::sort(unclaimed.begin(), unclaimed.end(), [](const Handoff &a, const Handoff &b) {
            return std::pair{a.raisedAt, a.id} < std::pair{b.raisedAt, b.id};
        });
    }
    QList<RoutingEvent> recorded;
    QList<Step> steps = ladderStepsDue(open, now);
    QList<RepRouting> available;
    if (!unclaimed.isEmpty()) {
        for (const RepRouting &rep : routing.reps())
            if (rep.available)
                available.append(rep);
        if (available.isEmpty())
            unclaimed.clear(); // nobody takes leads now: they wait in the pool
    }
    if (expired.isEmpty() && unclaimed.isEmpty() && steps.isEmpty())
        return recorded;

    Transaction transaction(db, Transaction::Kind::Handoffs);
    Pass pass(db, now);
    QSet<qint64> stillHeld; // timed out as read, but worked or released meanwhile
    for (const Handoff &h : expired) {
        if (!pass.handoffs.releaseUnworked(h.id, h.claimedBy, *h.claimedAt)) {
            stillHeld.insert(h.id);
            continue;
        }
        pass.holder[h.id].clear();
        pass.note({0, h.id, h.leadId, RoutingEvent::Kind::TimedOut, h.claimedBy, now, {}});
        pass.audit.record(
            {now, m_actor, QStringLiteral("routing.timeout"), QStringLiteral("handoff"), h.id,
             tr("%1's claim on lead %2 was not worked in time").arg(h.claimedBy).arg(h.leadId)});
    }
    unclaimed.removeIf([&](const Handoff &h) { return stillHeld.contains(h.id); });
    if (!unclaimed.isEmpty())
        assign(pass, unclaimed, settings.mode, available);
    for (const Step &step : std::as_const(steps))
        pass.noteStep({0, step.handoff.id, step.handoff.leadId, step.kind,
                       pass.holder.value(step.handoff.id, step.handoff.claimedBy), now,
                       step.dueAt});
    transaction.commit();
    for (const Step &step : std::as_const(steps))
        m_stepsTaken.insert({step.handoff.id, int(step.kind)});
    return pass.recorded;
}

void Dispatcher::assign(Pass &pass, const QList<Handoff> &unclaimed, RoutingSettings::Mode mode,
                        const QList<RepRouting> &available)
{
    QList<qint64> ids, leadIds;
    for (const Handoff &h : unclaimed) {
        ids.append(h.id);
        leadIds.append(h.leadId);
    }
    QHash<qint64, QSet<QString>> excluded; // the reps whose claim on it timed out
    for (const RoutingEvent &event : pass.routing.eventsFor(ids))
        if (event.kind == RoutingEvent::Kind::TimedOut)
            excluded[event.handoffId].insert(event.rep);
    QHash<qint64, Lead> leads;
    for (const Lead &lead : LeadRepository(m_db.connection()).find(leadIds))
        leads.insert(lead.id, lead);
    QHash<qint64, QHash<QString, RoutingRepository::Share>> sharesFrom; // per window start
    for (const Handoff &h : unclaimed) {
        const QList<RepRouting> reps =
            routing::candidates(available, leads.value(h.leadId), excluded.value(h.id));
        if (reps.isEmpty())
            continue; // stays in the pool for anyone to claim
        const qint64 start = routing::windowStart(reps, pass.now);
        if (!sharesFrom.contains(start))
            sharesFrom.insert(start, pass.routing.assignedSince(start));
        const auto rep = routing::pick(mode, reps, sharesFrom.value(start));
        if (!rep || !pass.handoffs.claim(h.id, *rep, pass.now))
            continue; // claimed by someone meanwhile
        pass.holder[h.id] = *rep;
        for (auto &shares : sharesFrom) {
            ++shares[*rep].assigned;
            shares[*rep].lastAt = pass.now;
        }
        pass.note({0, h.id, h.leadId, RoutingEvent::Kind::Assigned, *rep, pass.now, {}});
        pass.audit.record({pass.now, m_actor, QStringLiteral("routing.assign"),
                           QStringLiteral("handoff"), h.id,
                           tr("lead %1 to %2").arg(h.leadId).arg(*rep)});
    }
}

Dispatcher::Pass::Pass(const QSqlDatabase &db, qint64 now)
    : routing(db)
    , handoffs(db)
    , audit(db)
    , now(now)
{}

void Dispatcher::Pass::noteStep(RoutingEvent step)
{
    if (const auto id = routing.recordStep(step)) {
        step.id = *id;
        recorded.append(step);
    }
}

void Dispatcher::Pass::note(RoutingEvent event)
{
    if (const auto id = routing.record(event)) {
        event.id = *id;
        recorded.append(event);
    }
}

} // namespace handoff
