#include "queues/handoffactions.h"

#include <algorithm>
#include <numeric>

#include "store/auditlog.h"
#include "store/database.h"
#include "store/dialect.h"
#include "store/error.h"
#include "store/leadrepository.h"
#include "store/profile.h"
#include "store/routingrepository.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// The leads a desk reserved for handing over, given back when it is done with them.
class LeadReservations
{
public:
    explicit LeadReservations(HandoffRepository &repository)
        : m_repository(repository)
    {}
    ~LeadReservations()
    {
        for (const qint64 lead : std::as_const(m_leads)) {
            try {
                m_repository.releaseLead(lead);
            } catch (const Error &) {
                // The connection is gone, and its locks with it.
            }
        }
    }
    LeadReservations(const LeadReservations &) = delete;
    LeadReservations &operator=(const LeadReservations &) = delete;

    void add(qint64 lead) { m_leads.append(lead); }

private:
    HandoffRepository &m_repository;
    QList<qint64> m_leads;
};

} // namespace

HandoffActions::HandoffActions(Database &db, Profile actor)
    : m_db(db)
    , m_actor(std::move(actor))
{}

QStringList HandoffActions::rejectReasons()
{
    return {tr("No budget"),
            tr("Not the decision maker"),
            tr("Bad timing"),
            tr("Could not reach"),
            tr("Already a customer"),
            tr("Wrong contact data"),
            tr("Student or job seeker"),
            tr("Under contract with a competitor"),
            tr("Other")};
}

bool HandoffActions::mayWork(const Handoff &h) const
{
    return mayManage() || (maySell() && h.claimedBy == m_actor.name);
}

Handoff HandoffActions::openHandoff(qint64 handoffId, bool settled) const
{
    const HandoffRepository handoffs(m_db.connection());
    const auto h = settled ? handoffs.findSettled(handoffId) : handoffs.find(handoffId);
    if (!h)
        throw Error(tr("Handoff %1 does not exist").arg(handoffId));
    if (h->outcome != Handoff::Outcome::Open)
        throw Error(
            tr("This lead was already %1 by %2")
                .arg(h->outcome == Handoff::Outcome::Accepted ? tr("accepted") : tr("rejected"),
                     h->outcomeBy));
    return *h;
}

void HandoffActions::requireSales() const
{
    if (!maySell())
        throw Error(
            tr("%1 works in marketing: claiming and working leads is for sales").arg(m_actor.name));
}

void HandoffActions::requireWorker(const Handoff &h) const
{
    requireSales();
    if (h.claimedBy.isEmpty())
        throw Error(tr("Claim the lead first"));
    if (!mayWork(h))
        throw Error(tr("%1 has claimed this lead").arg(h.claimedBy));
}

void HandoffActions::audit(const QString &action, const QString &entity, qint64 id,
                           const QString &detail, qint64 at)
{
    AuditLog(m_db.connection()).record({at, m_actor.name, action, entity, id, detail});
}

HandoffActions::ClaimResult HandoffActions::claim(qint64 handoffId, qint64 at)
{
    requireSales();
    HandoffRepository handoffs(m_db.connection());
    for (const auto busy : {HandoffRepository::Busy::Skip, HandoffRepository::Busy::Wait}) {
        if (handoffs.claimRecorded(handoffId, m_actor.name, at, busy,
                                   {at, m_actor.name, QStringLiteral("handoff.claim"),
                                    QStringLiteral("handoff"), handoffId, tr("lead %1")}))
            return {true, m_actor.name};
        // Missing or closed is said as such; else who won, once their claim is committed.
        const Handoff h = openHandoff(handoffId, busy == HandoffRepository::Busy::Skip);
        if (!h.claimedBy.isEmpty())
            return {false, h.claimedBy};
        // Open and unclaimed: another desk was writing something else to it (a release).
        // Once more, waiting for the row.
    }
    return {false, {}}; // unclaimed again by the time the row was free: the race goes on
}

void HandoffActions::release(qint64 handoffId, qint64 at)
{
    requireSales();
    Transaction transaction(m_db.connection(), Transaction::Kind::Handoffs);
    const Handoff h = openHandoff(handoffId);
    if (!HandoffRepository(m_db.connection()).release(handoffId, m_actor.name, mayManage()))
        throw Error(h.claimedBy.isEmpty() ? tr("Nobody has claimed this lead")
                                          : tr("%1 has claimed this lead").arg(h.claimedBy));
    audit(QStringLiteral("handoff.release"), QStringLiteral("handoff"), handoffId,
          tr("released %1's claim").arg(h.claimedBy), at);
    transaction.commit();
}

void HandoffActions::reassign(qint64 handoffId, const QString &rep, qint64 at)
{
    if (!mayManage())
        throw Error(tr("Only a sales manager can reassign a lead"));
    if (rep.trimmed().isEmpty())
        throw Error(tr("Name the rep who takes the lead over"));
    Transaction transaction(m_db.connection(), Transaction::Kind::Handoffs);
    const Handoff h = openHandoff(handoffId);
    HandoffRepository(m_db.connection()).reassign(handoffId, rep.trimmed(), at);
    audit(
        QStringLiteral("handoff.reassign"), QStringLiteral("handoff"), handoffId,
        tr("from %1 to %2").arg(h.claimedBy.isEmpty() ? tr("nobody") : h.claimedBy, rep.trimmed()),
        at);
    transaction.commit();
}

void HandoffActions::markFirstContact(qint64 handoffId, qint64 at)
{
    Transaction transaction(m_db.connection(), Transaction::Kind::Handoffs);
    const Handoff h = openHandoff(handoffId);
    requireWorker(h);
    if (h.firstContactAt)
        throw Error(tr("The first contact is already recorded"));
    HandoffRepository(m_db.connection()).markFirstContact(handoffId, at);
    audit(QStringLiteral("handoff.first_contact"), QStringLiteral("handoff"), handoffId,
          tr("%1 s after the hand-raise").arg(at - h.raisedAt), at);
    transaction.commit();
}

void HandoffActions::accept(qint64 handoffId, qint64 at)
{
    Transaction transaction(m_db.connection());
    const Handoff h = openHandoff(handoffId);
    requireWorker(h);
    HandoffRepository(m_db.connection())
        .close(handoffId, Handoff::Outcome::Accepted, m_actor.name, at, {});
    LeadRepository leads(m_db.connection());
    const auto lead = leads.find(h.leadId);
    leads.changeStage({h.leadId, lead ? std::optional(lead->stage) : std::nullopt, Stage::Sql, at,
                       m_actor.name, tr("Accepted by sales")});
    leads.setOwner(h.leadId, h.claimedBy);
    audit(QStringLiteral("handoff.accept"), QStringLiteral("handoff"), handoffId,
          tr("lead %1 is SQL, owned by %2").arg(h.leadId).arg(h.claimedBy), at);
    transaction.commit();
}

void HandoffActions::reject(qint64 handoffId, const QString &reason, const QString &note, qint64 at)
{
    if (reason.trimmed().isEmpty())
        throw Error(tr("Pick the reason for rejecting the lead"));
    Transaction transaction(m_db.connection());
    const Handoff h = openHandoff(handoffId);
    requireWorker(h);
    const QString full = note.trimmed().isEmpty()
                             ? reason.trimmed()
                             : QStringLiteral("%1: %2").arg(reason.trimmed(), note.trimmed());
    // Reason and note apart: the figures count the agreed reasons, the note is read.
    HandoffRepository(m_db.connection())
        .close(handoffId, Handoff::Outcome::Rejected, m_actor.name, at, reason.trimmed(),
               note.trimmed());
    LeadRepository leads(m_db.connection());
    const auto lead = leads.find(h.leadId);
    leads.changeStage({h.leadId, lead ? std::optional(lead->stage) : std::nullopt, Stage::Recycled,
                       at, m_actor.name, full});
    audit(QStringLiteral("handoff.reject"), QStringLiteral("handoff"), handoffId, full, at);
    transaction.commit();
}

std::optional<qint64> HandoffActions::escalate(const Handoff &handoff)
{
    const auto won = escalateAll({handoff});
    return won.isEmpty() ? std::nullopt : std::optional(won.first().second);
}

QList<std::pair<qsizetype, qint64>> HandoffActions::escalateAll(const QList<Handoff> &handoffs,
                                                                QList<qsizetype> *busy)
{
    // Every console that sees a hand raised tries this at once: only the one that wins the
    // race draws a change number (for the leads' stage), so on a team server the others do
    // not queue behind it for one.
    HandoffRepository repository(m_db.connection());
    // In lead order: a desk handing over leads 7 and 9 waits for another's 7 before it takes
    // 9, so two desks never wait for each other (in their own orders they deadlocked, and
    // PostgreSQL broke each cycle after a second).
    QList<qsizetype> order(handoffs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&handoffs](qsizetype a, qsizetype b) {
        return handoffs[a].leadId < handoffs[b].leadId;
    });
    const bool racing = busy && !dialect::inTransaction(m_db.connection());
    if (racing && handoffs.size() == 1 && repository.handsOverAtOnce()) {
        // A hand raised, live: one round trip. A wave's step keeps the transaction below, so
        // its leads commit (and are pushed to every desk) together.
        const Handoff &handoff = handoffs.first();
        const auto result =
            repository.handOverAtOnce(handoff, movedToMql(handoff), raisedAudit(handoff));
        if (result.reservation == HandoffRepository::Reservation::Busy)
            busy->append(0);
        if (!result.handoffId)
            return {};
        return {{0, *result.handoffId}};
    }
    // Racing, the leads another desk holds or has handed over are left out before the
    // transaction; the rest are this desk's until it ends (given back even when it fails).
    // Inside a caller's transaction a lead is waited for instead: a lock held past a
    // transaction that failed would keep every desk from the lead.
    LeadReservations reserved(repository);
    if (racing) {
        QList<qsizetype> mine;
        for (const qsizetype i : std::as_const(order)) {
            switch (repository.reserveLead(handoffs[i])) {
            case HandoffRepository::Reservation::Reserved:
                reserved.add(handoffs[i].leadId);
                mine.append(i);
                break;
            case HandoffRepository::Reservation::Busy:
                busy->append(i);
                break;
            case HandoffRepository::Reservation::Done:
                break;
            }
        }
        if (mine.isEmpty())
            return {};
        order = mine;
    }
    WriteScope transaction(m_db.connection(), Transaction::Kind::Handoffs);
    QList<std::pair<qsizetype, qint64>> won; // index, handoff id
    for (const qsizetype i : std::as_const(order)) {
        if (const auto id = repository.raiseIfNoneOpen(handoffs[i]))
            won.append({i, *id});
    }
    if (won.isEmpty())
        return {};
    LeadRepository leads(m_db.connection());
    QList<qint64> toMql;
    for (const auto &[index, id] : won) {
        const Handoff &handoff = handoffs[index];
        const auto lead = leads.find(handoff.leadId);
        if (lead && lead->stage != Stage::Mql) {
            StageChange change = movedToMql(handoff);
            change.from = lead->stage;
            leads.recordStageChange(change);
            toMql.append(handoff.leadId);
        }
        AuditEntry entry = raisedAudit(handoff);
        entry.entityId = id;
        AuditLog(m_db.connection()).record(entry);
    }
    // The change number last, just before the leads it numbers: its row stays locked until
    // the commit (so writes commit in number order), and every desk's write waits for it.
    if (!toMql.isEmpty()) {
        drawChangeNumber(m_db.connection());
        for (const qint64 lead : std::as_const(toMql))
            leads.setStage(lead, Stage::Mql);
    }
    transaction.commit();
    return won;
}

StageChange HandoffActions::movedToMql(const Handoff &handoff) const
{
    return {handoff.leadId,
            std::nullopt,
            Stage::Mql,
            handoff.raisedAt,
            m_actor.name,
            handoff.trigger == Handoff::Trigger::Intent ? tr("Raised a hand")
                                                        : tr("Crossed the MQL threshold")};
}

AuditEntry HandoffActions::raisedAudit(const Handoff &handoff) const
{
    return {handoff.raisedAt,
            m_actor.name,
            QStringLiteral("handoff.raise"),
            QStringLiteral("handoff"),
            0,
            tr("lead %1 to sales").arg(handoff.leadId)};
}

void HandoffActions::saveQualification(qint64 leadId, Qualification details, qint64 at)
{
    if (!maySell())
        throw Error(tr("Qualification details are recorded by sales"));
    Transaction transaction(m_db.connection());
    details.updatedAt = at;
    details.updatedBy = m_actor.name;
    QualificationRepository(m_db.connection()).save(leadId, details);
    audit(QStringLiteral("lead.qualification"), QStringLiteral("lead"), leadId, {}, at);
    transaction.commit();
}

void HandoffActions::setAvailable(bool available, qint64 at)
{
    requireSales();
    RoutingRepository(m_db.connection()).setAvailable(m_actor.name, available, m_actor.name, at);
}

bool HandoffActions::isAvailable() const
{
    const auto rep = RoutingRepository(m_db.connection()).rep(m_actor.name);
    return rep && rep->available;
}

TeamRouting HandoffActions::teamRouting() const
{
    RoutingRepository routing(m_db.connection());
    TeamRouting team{routing.settings(), {}};
    QHash<QString, RepRouting> known;
    for (const RepRouting &rep : routing.reps())
        known.insert(rep.rep, rep);
    for (const Profile &profile : ProfileRepository(m_db.connection()).all()) {
        if (!profile.isSales())
            continue;
        RepRouting rep = known.take(profile.name);
        rep.rep = profile.name;
        team.reps.append(rep);
    }
    for (const RepRouting &rep : std::as_const(known)) // set up, their profile since gone
        team.reps.append(rep);
    std::sort(team.reps.begin(), team.reps.end(),
              [](const RepRouting &a, const RepRouting &b) { return a.rep < b.rep; });
    return team;
}

void HandoffActions::saveRouting(const TeamRouting &team, qint64 at)
{
    if (!mayManage())
        throw Error(tr("Only a sales manager can change how leads are routed"));
    RoutingRepository routing(m_db.connection());
    Transaction transaction(m_db.connection(), Transaction::Kind::Handoffs);
    if (!(routing.settings() == team.settings))
        routing.saveSettings(team.settings, m_actor.name, at);
    for (const RepRouting &rep : team.reps) {
        // A rep never set up is away, weight 1, any lead: saving that would say nothing.
        RepRouting before = routing.rep(rep.rep).value_or(RepRouting{});
        before.rep = rep.rep;
        RepRouting compared = rep;
        compared.availableSince = before.availableSince;
        if (!(before == compared))
            routing.saveRep(rep, m_actor.name, at);
    }
    transaction.commit();
}

} // namespace handoff
