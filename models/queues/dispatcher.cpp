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
            !h.firstContactAt && m_calendar.clockSeconds(*h.claimedAt, now) > timeout)
            expired.append(h);
    // Rows are taken in one order at every desk.
    std::sort(expired.begin(), expired.end(),
              [](const Handoff &a, const Handoff &b) { return a.id < b.id; });
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
            if (at < now && !m_stepsTaken.contains({h.id, int(kind)}))
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
    if (!unread.isEmpty()) {
        for (const RoutingEvent &event : RoutingRepository(m_db.connection()).eventsFor(unread))
            if (event.isBreach())
                m_stepsTaken.insert({event.handoffId, int(event.kind)});
        for (const qint64 id : std::as_const(unread))
            m_stepsRead.insert(id);
        due.removeIf([&](const Step &step) {
            return m_stepsTaken.contains({step.handoff.id, int(step.kind)});
        });
    }
    // Rows are taken in one order at every desk.
    std::sort(due.begin(), due.end(), [](const Step &a, const Step &b) {
        return std::pair{a.handoff.id, int(a.kind)} < std::pair{b.handoff.id, int(b.kind)};
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

    // Everything is decided from what was read, and nothing is written when nothing can be
    // done (a lead no rep on shift may take stays in the pool without a write every second);
    // the writes then each check that what was read still holds.
    const QList<Handoff> expired = timedOut(open, settings.claimTimeoutMinutes, now);
    const QList<Routable> routable = routableNow(open, expired, settings);
    const QList<Step> steps = ladderStepsDue(open, now);
    if (expired.isEmpty() && routable.isEmpty() && steps.isEmpty())
        return {};

    Transaction transaction(db, Transaction::Kind::Handoffs);
    routing.lockForPass();
    Pass pass(db, now);
    QSet<qint64> stillHeld; // timed out as read, but worked or released meanwhile
    for (const Handoff &h : expired) {
        if (!pass.handoffs.releaseUnworked(h.id, h.claimedBy, *h.claimedAt)) {
            stillHeld.insert(h.id);
            continue;
        }
        pass.note({0, h.id, h.leadId, RoutingEvent::Kind::TimedOut, h.claimedBy, now, {}});
        pass.audit.record(
            {now, m_actor, QStringLiteral("routing.timeout"), QStringLiteral("handoff"), h.id,
             tr("%1's claim on lead %2 was not worked in time").arg(h.claimedBy).arg(h.leadId)});
    }
    assign(pass, routable, stillHeld, settings.mode);
    // Last: a step names who holds the lead as stored, assignments of this pass included.
    for (const Step &step : steps)
        pass.noteStep({0, step.handoff.id, step.handoff.leadId, step.kind, {}, now, step.dueAt});
    transaction.commit();
    for (const Step &step : steps)
        m_stepsTaken.insert({step.handoff.id, int(step.kind)});
    return pass.recorded;
}

QList<Dispatcher::Routable> Dispatcher::routableNow(const QList<Handoff> &open,
                                                    const QList<Handoff> &expired,
                                                    const RoutingSettings &settings) const
{
    QList<Routable> routable;
    if (settings.mode == RoutingSettings::Mode::Off)
        return routable;
    QList<Handoff> unclaimed;
    for (const Handoff &h : open)
        if (h.trigger == Handoff::Trigger::Intent && h.claimedBy.isEmpty())
            unclaimed.append(h);
    QHash<qint64, QSet<QString>> excluded; // the reps whose claim on it timed out
    for (const Handoff &h : expired) {
        unclaimed.append(h);
        excluded[h.id].insert(h.claimedBy); // timing out in this pass
    }
    if (unclaimed.isEmpty())
        return routable;
    RoutingRepository routing(m_db.connection());
    QList<RepRouting> available;
    for (const RepRouting &rep : routing.reps())
        if (rep.available)
            available.append(rep);
    if (available.isEmpty())
        return routable; // nobody takes leads now: they wait in the pool
    QList<qint64> ids, leadIds;
    for (const Handoff &h : std::as_const(unclaimed)) {
        ids.append(h.id);
        leadIds.append(h.leadId);
    }
    for (const RoutingEvent &event : routing.eventsFor(ids))
        if (event.kind == RoutingEvent::Kind::TimedOut)
            excluded[event.handoffId].insert(event.rep);
    QHash<qint64, Lead> leads;
    for (const Lead &lead : LeadRepository(m_db.connection()).find(leadIds))
        leads.insert(lead.id, lead);
    for (const Handoff &h : std::as_const(unclaimed)) {
        QList<RepRouting> reps =
            routing::candidates(available, leads.value(h.leadId), excluded.value(h.id));
        if (!reps.isEmpty()) // else it stays in the pool for anyone to claim
            routable.append({h, std::move(reps)});
    }
    // Oldest first: the one waiting longest gets the first rep.
    std::sort(routable.begin(), routable.end(), [](const Routable &a, const Routable &b) {
        return std::pair{a.handoff.raisedAt, a.handoff.id} <
               std::pair{b.handoff.raisedAt, b.handoff.id};
    });
    return routable;
}

void Dispatcher::assign(Pass &pass, const QList<Routable> &routable, const QSet<qint64> &stillHeld,
                        RoutingSettings::Mode mode)
{
    // Shares are counted inside the pass, which no other pass overlaps (lockForPass).
    QHash<qint64, QHash<QString, RoutingRepository::Share>> sharesFrom; // per window start
    for (const auto &[h, reps] : routable) {
        if (stillHeld.contains(h.id))
            continue;
        const qint64 start = routing::windowStart(reps, pass.now);
        if (!sharesFrom.contains(start))
            sharesFrom.insert(start, pass.routing.assignedSince(start));
        const auto rep = routing::pick(mode, reps, sharesFrom.value(start));
        if (!rep || !pass.handoffs.claim(h.id, *rep, pass.now))
            continue; // claimed by someone meanwhile
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

void Dispatcher::Pass::noteStep(const RoutingEvent &step)
{
    if (const auto stepped = routing.recordStep(step))
        recorded.append(*stepped);
}

void Dispatcher::Pass::note(RoutingEvent event)
{
    if (const auto id = routing.record(event)) {
        event.id = *id;
        recorded.append(event);
    }
}

} // namespace handoff
