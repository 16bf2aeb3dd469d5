#include "store/handoffrepository.h"

#include "store/dialect.h"

#include <iterator>
#include <limits>
#include <span>
#include <string_view>

#include <QDateTime>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include "store/error.h"
#include "store/rowscanner.h"
#include "store/sqlquery.h"
#include "store/stage.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// The session locks of the desks that hand over (leadHandingOver): the pairs (LockSpace, 1)
// up to (LockSpace, HandingOverDesks).
constexpr int LockSpace = 0x48616e64; // "Hand"

// The handoff a claim may take (:id): open and unclaimed. With `skip` (a server), one that
// another transaction holds is passed over instead of waited for.
QString claimable(bool skip)
{
    return skip ? QStringLiteral("id = (SELECT id FROM handoffs WHERE id = :id AND claimed_by IS "
                                 "NULL AND outcome IS NULL FOR UPDATE SKIP LOCKED)")
                : QStringLiteral("id = :id AND claimed_by IS NULL AND outcome IS NULL");
}

// Runs a claim returning lead_id: the lead of the handoff it took, or nullopt.
std::optional<qint64> claimedLead(sql::Statement &q)
{
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    const qint64 leadId = q.value(0).toLongLong();
    q.finish();
    return leadId;
}

// Every column of a handoff, in the order readHandoff() reads them: the id, then what a new
// handoff is inserted with.
constexpr const char *HandoffColumnNames[] = {
    "id",         "lead_id",    "trigger",    "request_type_id",  "model_id", "score",
    "raised_at",  "claimed_by", "claimed_at", "first_contact_at", "outcome",  "outcome_at",
    "outcome_by", "reason",     "note",       "sla_exempt"};
constexpr int HandoffColumns = int(std::size(HandoffColumnNames));
static_assert(std::string_view(HandoffColumnNames[0]) == "id");

// `names` joined with commas, each written as `pattern` with the name for %1.
QString joinedColumns(std::span<const char *const> names, const QString &pattern)
{
    QStringList parts;
    for (const char *name : names)
        parts.append(pattern.arg(QLatin1String(name)));
    return parts.join(QStringLiteral(", "));
}

// Those columns, each as handoffs.column (a join names the table).
const QString &handoffColumns()
{
    static const QString columns = joinedColumns(HandoffColumnNames, QStringLiteral("handoffs.%1"));
    return columns;
}

// A new handoff's columns (every one but its id), and the placeholders bindInserted() binds
// for them in the same order.
constexpr std::span<const char *const> InsertedColumnNames =
    std::span(HandoffColumnNames).subspan(1);
const QString &insertedColumns()
{
    static const QString columns = joinedColumns(InsertedColumnNames, QStringLiteral("%1"));
    return columns;
}
const QString &insertedPlaceholders()
{
    static const QString placeholders = joinedColumns(InsertedColumnNames, QStringLiteral(":%1"));
    return placeholders;
}

Handoff readHandoff(const RowScanner &q)
{
    const auto optionalInteger = [&q](int column) {
        return q.isNull(column) ? std::nullopt : std::optional<qint64>(q.integer(column));
    };
    Handoff h;
    h.id = q.integer(0);
    h.leadId = q.integer(1);
    h.trigger = q.utf8(2) == "intent" ? Handoff::Trigger::Intent : Handoff::Trigger::Mql;
    if (!q.isNull(3))
        h.requestTypeId = int(q.integer(3));
    h.modelId = optionalInteger(4);
    if (!q.isNull(5))
        h.score = q.real(5);
    h.raisedAt = q.integer(6);
    h.claimedBy = q.text(7);
    h.claimedAt = optionalInteger(8);
    h.firstContactAt = optionalInteger(9);
    const QByteArrayView outcome = q.utf8(10);
    h.outcome = outcome == "accepted"   ? Handoff::Outcome::Accepted
                : outcome == "rejected" ? Handoff::Outcome::Rejected
                                        : Handoff::Outcome::Open;
    h.outcomeAt = optionalInteger(11);
    h.outcomeBy = q.text(12);
    h.reason = q.text(13);
    h.note = q.text(14);
    h.slaExempt = q.integer(15) != 0;
    return h;
}

QString triggerName(Handoff::Trigger trigger)
{
    return trigger == Handoff::Trigger::Intent ? QStringLiteral("intent") : QStringLiteral("mql");
}

QVariant outcomeName(Handoff::Outcome outcome)
{
    switch (outcome) {
    case Handoff::Outcome::Accepted:
        return QStringLiteral("accepted");
    case Handoff::Outcome::Rejected:
        return QStringLiteral("rejected");
    case Handoff::Outcome::Open:
        break;
    }
    return {};
}

template <typename T> QVariant orNull(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

template <typename T> std::optional<T> optionalValue(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<T>(value.value<T>());
}

// The partial unique index on open handoffs decides, atomically, in both dialects.
constexpr char UnlessOpen[] = " ON CONFLICT (lead_id) WHERE outcome IS NULL DO NOTHING";

void bindInserted(sql::Statement &q, const Handoff &h)
{
    q.bindValue(QStringLiteral(":lead_id"), h.leadId);
    q.bindValue(QStringLiteral(":trigger"), triggerName(h.trigger));
    q.bindValue(QStringLiteral(":request_type_id"), orNull(h.requestTypeId));
    q.bindValue(QStringLiteral(":model_id"), orNull(h.modelId));
    q.bindValue(QStringLiteral(":score"), orNull(h.score));
    q.bindValue(QStringLiteral(":raised_at"), h.raisedAt);
    q.bindValue(QStringLiteral(":claimed_by"), h.claimedBy.isEmpty() ? QVariant() : h.claimedBy);
    q.bindValue(QStringLiteral(":claimed_at"), orNull(h.claimedAt));
    q.bindValue(QStringLiteral(":first_contact_at"), orNull(h.firstContactAt));
    q.bindValue(QStringLiteral(":outcome"), outcomeName(h.outcome));
    q.bindValue(QStringLiteral(":outcome_at"), orNull(h.outcomeAt));
    q.bindValue(QStringLiteral(":outcome_by"), h.outcomeBy.isEmpty() ? QVariant() : h.outcomeBy);
    q.bindValue(QStringLiteral(":reason"), sql::text(h.reason));
    q.bindValue(QStringLiteral(":note"), sql::text(h.note));
    q.bindValue(QStringLiteral(":sla_exempt"), h.slaExempt ? 1 : 0);
}

} // namespace

HandoffRepository::HandoffRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

std::optional<qint64> HandoffRepository::insert(const Handoff &h, bool unlessOpen)
{
    auto q =
        sql::prepare(m_db, QStringLiteral("INSERT INTO handoffs (%1) VALUES (%2)%3 RETURNING id")
                               .arg(insertedColumns(), insertedPlaceholders(),
                                    unlessOpen ? QLatin1String(UnlessOpen) : QLatin1String()));
    bindInserted(q, h);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt; // the lead already had an open handoff
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

qint64 HandoffRepository::raise(const Handoff &h)
{
    return *insert(h, false);
}

std::optional<qint64> HandoffRepository::raiseIfNoneOpen(const Handoff &h)
{
    // Asked here, by the desk that writes, not by every desk that sees the request: a
    // console that looks late finds the request and the handoff that answered it at once.
    if (h.trigger == Handoff::Trigger::Intent) {
        auto q = sql::prepare(m_db, QStringLiteral("SELECT 1 FROM handoffs WHERE lead_id = "
                                                   ":lead AND raised_at >= :at LIMIT 1"));
        q.bindValue(QStringLiteral(":lead"), h.leadId);
        q.bindValue(QStringLiteral(":at"), h.raisedAt);
        sql::exec(q);
        if (sql::next(q))
            return std::nullopt;
    }
    // The partial unique index on open handoffs decides, atomically, in both dialects.
    return insert(h, true);
}

HandoffRepository::Reservation HandoffRepository::reserveLead(const Handoff &h)
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return Reservation::Reserved;
    // A session lock, not a transaction's: it is taken before the transaction that writes
    // the handoff begins. CASE asks for it only when there is still something to hand over
    // (what raiseIfNoneOpen would find).
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT CASE WHEN EXISTS (SELECT 1 FROM handoffs WHERE lead_id = "
                             ":lead AND (outcome IS NULL OR raised_at >= :at)) THEN 2 WHEN "
                             "pg_try_advisory_lock(:key) THEN 0 ELSE 1 END"));
    q.bindValue(QStringLiteral(":lead"), h.leadId);
    q.bindValue(QStringLiteral(":at"), h.trigger == Handoff::Trigger::Intent
                                           ? h.raisedAt
                                           : std::numeric_limits<qint64>::max());
    q.bindValue(QStringLiteral(":key"), h.leadId);
    sql::exec(q);
    if (!sql::next(q))
        throw Error(QStringLiteral("reserving lead %1 answered nothing").arg(h.leadId));
    switch (q.value(0).toInt()) {
    case 0:
        return Reservation::Reserved;
    case 1:
        return Reservation::Busy;
    default:
        return Reservation::Done;
    }
}

void HandoffRepository::releaseLead(qint64 leadId)
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return;
    auto q = sql::prepare(m_db, QStringLiteral("SELECT pg_advisory_unlock(:lead)"));
    q.bindValue(QStringLiteral(":lead"), leadId);
    sql::exec(q);
}

bool HandoffRepository::handsOverAtOnce() const
{
    return dialect::backendOf(m_db) == Backend::PostgreSQL;
}

HandoffRepository::HandOver HandoffRepository::handOverAtOnce(const Handoff &h,
                                                              const StageChange &change,
                                                              const AuditEntry &audit)
{
    // What reserveLead(), raiseIfNoneOpen(), the lead's stage change and the audit line did
    // in a dozen round trips, in one statement (its own transaction): the lead's lock lasts
    // as long as that, held by the transaction, so nothing gives it back. The sub-statements
    // see one snapshot; each write runs only when the one it draws on returned a row: the
    // handoff when the lead was this desk's, the change number and the stage when the lead
    // was not at change.to yet (its stage before is the one the statement reads). A lead
    // deleted meanwhile is done: nothing is handed over.
    auto q = sql::prepare(
        m_db,
        QStringLiteral(
            "WITH gate AS (SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM leads WHERE id = "
            ":lead_id) OR EXISTS (SELECT 1 FROM handoffs WHERE lead_id = :lead_id AND (outcome "
            "IS NULL OR raised_at >= :since)) THEN 2 WHEN pg_try_advisory_xact_lock(:lead_id) "
            "THEN 0 ELSE 1 END AS state), "
            "raised AS (INSERT INTO handoffs (%1) SELECT %2 FROM gate WHERE state = 0%3 "
            "RETURNING id, lead_id), "
            "moved AS (SELECT leads.id, leads.stage FROM leads JOIN raised ON raised.lead_id = "
            "leads.id WHERE leads.stage <> :to), "
            "number AS (UPDATE change_sequence SET value = value + 1 WHERE id = 1 AND EXISTS "
            "(SELECT 1 FROM moved) RETURNING value), "
            "staged AS (UPDATE leads SET stage = :to, updated_at = :now, change_seq = "
            "number.value FROM number, moved WHERE leads.id = moved.id), "
            "history AS (INSERT INTO stage_history (lead_id, from_stage, to_stage, changed_at, "
            "changed_by, reason, import_batch_id, undated) SELECT id, stage, :to, :changed_at, "
            ":changed_by, :change_reason, NULL, 0 FROM moved), "
            "recorded AS (INSERT INTO audit_log (%4) SELECT :audit_at, :audit_actor, "
            ":audit_action, :audit_entity, raised.id, :audit_detail FROM raised) "
            "SELECT (SELECT state FROM gate), (SELECT id FROM raised)")
            .arg(insertedColumns(), insertedPlaceholders(), QLatin1String(UnlessOpen),
                 AuditLog::columns()));
    bindInserted(q, h);
    q.bindValue(QStringLiteral(":since"), h.trigger == Handoff::Trigger::Intent
                                              ? h.raisedAt
                                              : std::numeric_limits<qint64>::max());
    q.bindValue(QStringLiteral(":to"), stage::toString(change.to));
    q.bindValue(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":changed_at"), change.changedAt);
    q.bindValue(QStringLiteral(":changed_by"), sql::text(change.changedBy));
    q.bindValue(QStringLiteral(":change_reason"), sql::text(change.reason));
    AuditLog::bind(q, audit); // its entity id is the new handoff's
    sql::exec(q);
    if (!sql::next(q))
        throw Error(QStringLiteral("handing lead %1 over answered nothing").arg(h.leadId));
    HandOver result;
    switch (q.value(0).toInt()) {
    case 0:
        result.reservation = Reservation::Reserved;
        break;
    case 1:
        result.reservation = Reservation::Busy;
        break;
    default:
        result.reservation = Reservation::Done;
    }
    result.handoffId = optionalValue<qint64>(q.value(1));
    q.finish();
    return result;
}

bool HandoffRepository::leadHandingOver()
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return true;
    // Pairs of integers: a key space of their own, which no lead's id (reserveLead) reaches.
    // CASE asks for the next only when the one before is taken.
    QString whens;
    for (int desk = 1; desk <= HandingOverDesks; ++desk)
        whens +=
            QStringLiteral(" WHEN pg_try_advisory_lock(%1, %2) THEN true").arg(LockSpace).arg(desk);
    auto q = sql::prepare(m_db, QStringLiteral("SELECT CASE%1 ELSE false END").arg(whens));
    sql::exec(q);
    if (!sql::next(q))
        throw Error(QStringLiteral("asking to lead the handing over answered nothing"));
    return q.value(0).toBool();
}

QList<Handoff> HandoffRepository::select(const QString &where, const QList<qint64> &values,
                                         bool ordered) const
{
    // Thousands of rows at start-up (every open handoff, every latest rejection): read
    // through RowScanner, without a QVariant a value.
    RowScanner q(m_db, QStringLiteral("SELECT %1 FROM handoffs WHERE %2%3")
                           .arg(handoffColumns(), where,
                                ordered ? QStringLiteral(" ORDER BY raised_at, id") : QString()));
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bind(int(i) + 1, values[i]);
    q.run();
    QList<Handoff> result;
    while (q.next())
        result.append(readHandoff(q));
    return result;
}

void HandoffRepository::warmUp(bool claims)
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return;
    constexpr qint64 None = 0;
    withIdsAndChangedLeads({None}, std::numeric_limits<qint64>::max());
    withIds({None});
    findSettled(None);
    if (claims) {
        claimRecorded(None, QStringLiteral("nobody"), 0, Busy::Skip,
                      {0,
                       QStringLiteral("nobody"),
                       QStringLiteral("handoff.claim"),
                       QStringLiteral("handoff"),
                       None,
                       {}});
    }
    // Lead 0, which no row has: done before anything is written. Which desks lead changes
    // with connections lost, so every desk warms the handing over (last: a role the server
    // refused it would only leave it cold).
    handOverAtOnce(Handoff{}, {}, {});
}

std::optional<Handoff> HandoffRepository::find(qint64 id) const
{
    const QList<Handoff> found = select(QStringLiteral("id = ?"), {id});
    return found.isEmpty() ? std::nullopt : std::optional<Handoff>(found.first());
}

std::optional<Handoff> HandoffRepository::findSettled(qint64 id) const
{
    // A shared lock waits for the writer and lets every desk waiting wake at once.
    const bool server = dialect::backendOf(m_db) == Backend::PostgreSQL;
    // (The locking clause ends the statement: unordered, nothing follows the condition.)
    const QList<Handoff> found =
        select(server ? QStringLiteral("id = ? FOR SHARE") : QStringLiteral("id = ?"), {id}, false);
    return found.isEmpty() ? std::nullopt : std::optional<Handoff>(found.first());
}

std::optional<Handoff> HandoffRepository::openFor(qint64 leadId) const
{
    const QList<Handoff> found =
        select(QStringLiteral("lead_id = ? AND outcome IS NULL"), {leadId});
    return found.isEmpty() ? std::nullopt : std::optional<Handoff>(found.first());
}

QList<Handoff> HandoffRepository::open(Handoff::Trigger trigger) const
{
    return select(trigger == Handoff::Trigger::Intent
                      ? QStringLiteral("trigger = 'intent' AND outcome IS NULL")
                      : QStringLiteral("trigger = 'mql' AND outcome IS NULL"),
                  {});
}

QList<Handoff> HandoffRepository::openHandRaisersNotContacted() const
{
    return select(QStringLiteral("trigger = 'intent' AND outcome IS NULL AND first_contact_at "
                                 "IS NULL"),
                  {});
}

QList<Handoff> HandoffRepository::openAll() const
{
    return select(QStringLiteral("outcome IS NULL"), {});
}

QList<Handoff> HandoffRepository::withIds(const QList<qint64> &ids) const
{
    // A few at a time as a rule (a claim, a verdict); a step of escalations names hundreds.
    QList<Handoff> found;
    sql::inChunks(ids, [&](const QList<qint64> &chunk, const QString &marks) {
        found += select(QStringLiteral("id IN (%1)").arg(marks), chunk);
    });
    return found;
}

HandoffRepository::WithLeads HandoffRepository::withIdsAndChangedLeads(const QList<qint64> &ids,
                                                                       qint64 leadsSeen) const
{
    // A row per handoff and custom field of its lead (one when the lead is not brought, or
    // has none); a lead of two handoffs comes twice.
    WithLeads found;
    QSet<qint64> handoffsRead;
    QHash<qint64, qsizetype> leadsRead; // lead -> index in found.leads
    const int lead = HandoffColumns;
    const int custom = lead + LeadRepository::columnCount();
    sql::inChunks(ids, [&](const QList<qint64> &chunk, const QString &marks) {
        RowScanner q(m_db, QStringLiteral("SELECT %1, %2, custom.name, custom.value FROM handoffs "
                                          "LEFT JOIN leads ON leads.id = handoffs.lead_id AND "
                                          "leads.change_seq > ? LEFT JOIN lead_custom_fields AS "
                                          "custom ON custom.lead_id = leads.id "
                                          "WHERE handoffs.id IN (%3)")
                               .arg(handoffColumns(),
                                    LeadRepository::columns(QStringLiteral("leads")), marks));
        q.bind(1, leadsSeen);
        for (qsizetype i = 0; i < chunk.size(); ++i)
            q.bind(int(i) + 2, chunk[i]);
        q.run();
        while (q.next()) {
            const qint64 handoffId = q.integer(0);
            if (!handoffsRead.contains(handoffId)) {
                handoffsRead.insert(handoffId);
                found.handoffs.append(readHandoff(q));
            }
            if (q.isNull(lead))
                continue;
            const qint64 leadId = q.integer(lead);
            auto it = leadsRead.constFind(leadId);
            if (it == leadsRead.cend()) {
                it = leadsRead.insert(leadId, found.leads.size());
                found.leads.append({LeadRepository::read(q, lead), {}});
            }
            if (!q.isNull(custom))
                found.leads[*it].customFields.insert(q.text(custom), q.text(custom + 1));
        }
    });
    return found;
}

QHash<qint64, qint64> HandoffRepository::latestRaisedAt(qint64 since) const
{
    RowScanner q(m_db, QStringLiteral("SELECT lead_id, max(raised_at) FROM handoffs "
                                      "WHERE raised_at >= ? GROUP BY lead_id"));
    q.bind(1, since);
    q.run();
    QHash<qint64, qint64> latest;
    while (q.next())
        latest.insert(q.integer(0), q.integer(1));
    return latest;
}

QSet<qint64> HandoffRepository::openLeadIds() const
{
    RowScanner q(m_db, QStringLiteral("SELECT lead_id FROM handoffs WHERE outcome IS NULL"));
    q.run();
    QSet<qint64> leads;
    while (q.next())
        leads.insert(q.integer(0));
    return leads;
}

qint64 HandoffRepository::lastId() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT coalesce(max(id), 0) FROM handoffs"));
}

QSet<qint64> HandoffRepository::leadsHandedOffAfter(qint64 handoffId) const
{
    RowScanner q(m_db, QStringLiteral("SELECT lead_id FROM handoffs WHERE id > ?"));
    q.bind(1, handoffId);
    q.run();
    QSet<qint64> leads;
    while (q.next())
        leads.insert(q.integer(0));
    return leads;
}

QList<Handoff> HandoffRepository::forLead(qint64 leadId) const
{
    return select(QStringLiteral("lead_id = ?"), {leadId});
}

std::optional<qint64> HandoffRepository::claim(qint64 handoffId, const QString &rep, qint64 at,
                                               Busy busy)
{
    // One statement decides the race: only an unclaimed, open handoff is updated. On a
    // server, skipping a row another transaction holds keeps the losers from each waiting in
    // turn for the row, one after the other, once the winner commits.
    const bool skip = busy == Busy::Skip && dialect::backendOf(m_db) == Backend::PostgreSQL;
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE handoffs SET claimed_by = :rep, claimed_at "
                                               "= :at WHERE ") +
                                    claimable(skip) + QStringLiteral(" RETURNING lead_id"));
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":id"), handoffId);
    return claimedLead(q);
}

std::optional<qint64> HandoffRepository::claimRecorded(qint64 handoffId, const QString &rep,
                                                       qint64 at, Busy busy,
                                                       const AuditEntry &audit)
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL) {
        WriteScope transaction(m_db, Transaction::Kind::Handoffs);
        const auto leadId = claim(handoffId, rep, at, busy);
        if (!leadId)
            return std::nullopt;
        AuditEntry entry = audit;
        entry.detail = entry.detail.arg(*leadId);
        AuditLog(m_db).record(entry);
        transaction.commit();
        return leadId;
    }
    // The claim and its line in the audit log commit together, the lead named in its detail.
    auto q = sql::prepare(
        m_db, QStringLiteral("WITH claimed AS (UPDATE handoffs SET claimed_by = :rep, claimed_at "
                             "= :at WHERE ") +
                  claimable(busy == Busy::Skip) +
                  QStringLiteral(" RETURNING lead_id), recorded AS (INSERT INTO audit_log (") +
                  AuditLog::columns() +
                  QStringLiteral(") SELECT :audit_at, :audit_actor, :audit_action, :audit_entity, "
                                 ":audit_entity_id, replace(:audit_detail, '%1', lead_id::text) "
                                 "FROM claimed) SELECT lead_id FROM claimed"));
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":id"), handoffId);
    AuditLog::bind(q, audit);
    return claimedLead(q);
}

bool HandoffRepository::release(qint64 handoffId, const QString &rep, bool anyone)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("UPDATE handoffs SET claimed_by = NULL, claimed_at = NULL "
                             "WHERE id = :id AND outcome IS NULL AND claimed_by IS NOT NULL "
                             "AND (claimed_by = :rep OR :anyone = 1)"));
    q.bindValue(QStringLiteral(":id"), handoffId);
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":anyone"), anyone ? 1 : 0);
    sql::exec(q);
    return q.numRowsAffected() == 1;
}

bool HandoffRepository::releaseUnworked(qint64 handoffId, const QString &rep, qint64 claimedAt)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("UPDATE handoffs SET claimed_by = NULL, claimed_at = NULL "
                             "WHERE id = :id AND outcome IS NULL AND claimed_by = :rep AND "
                             "claimed_at = :claimed AND first_contact_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), handoffId);
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":claimed"), claimedAt);
    sql::exec(q);
    return q.numRowsAffected() == 1;
}

void HandoffRepository::reassign(qint64 handoffId, const QString &rep, qint64 at)
{
    auto q =
        sql::prepare(m_db, QStringLiteral("UPDATE handoffs SET claimed_by = :rep, claimed_at = :at "
                                          "WHERE id = :id AND outcome IS NULL"));
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":id"), handoffId);
    sql::exec(q);
    if (q.numRowsAffected() != 1)
        throw Error(QStringLiteral("Handoff %1 is not open").arg(handoffId));
}

void HandoffRepository::markFirstContact(qint64 handoffId, qint64 at)
{
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE handoffs SET first_contact_at = :at "
                                               "WHERE id = :id AND first_contact_at IS NULL"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":id"), handoffId);
    sql::exec(q);
}

void HandoffRepository::close(qint64 handoffId, Handoff::Outcome outcome, const QString &by,
                              qint64 at, const QString &reason, const QString &note)
{
    if (outcome == Handoff::Outcome::Open)
        throw Error(QStringLiteral("A handoff is closed as accepted or rejected"));
    auto q = sql::prepare(
        m_db, QStringLiteral("UPDATE handoffs SET outcome = :outcome, outcome_at = :at, "
                             "outcome_by = :by, reason = :reason, note = :note "
                             "WHERE id = :id AND outcome IS NULL"));
    q.bindValue(QStringLiteral(":outcome"), outcomeName(outcome));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), by);
    q.bindValue(QStringLiteral(":reason"), sql::text(reason));
    q.bindValue(QStringLiteral(":note"), sql::text(note));
    q.bindValue(QStringLiteral(":id"), handoffId);
    sql::exec(q);
    if (q.numRowsAffected() != 1)
        throw Error(QStringLiteral("Handoff %1 is not open").arg(handoffId));
}

namespace {
// A lead's latest verdict, when it is a rejection: the rejections with no later verdict on
// the same lead (handoffs_lead finds those), in the table's order.
const char *const LatestRejectionsQuery =
    "SELECT lead_id, outcome_at, outcome_by, reason, note FROM handoffs WHERE outcome = "
    "'rejected' AND NOT EXISTS (SELECT 1 FROM handoffs later WHERE later.lead_id = "
    "handoffs.lead_id AND later.outcome IS NOT NULL AND (later.raised_at > handoffs.raised_at "
    "OR (later.raised_at = handoffs.raised_at AND later.id > handoffs.id)))";

void addRejections(RowScanner &q, LatestRejections::Builder &latest)
{
    q.run();
    while (q.next())
        latest.add(q.integer(0), {q.integer(1), q.text(2), q.text(3), q.text(4)});
}
} // namespace

LatestRejections HandoffRepository::latestRejections() const
{
    RowScanner q(m_db, QString::fromLatin1(LatestRejectionsQuery));
    LatestRejections::Builder latest;
    addRejections(q, latest);
    return latest.take();
}

LatestRejections HandoffRepository::latestRejectionsOf(const QSet<qint64> &leadIds) const
{
    // A few at a time as a rule (a verdict or two at a look).
    LatestRejections::Builder latest;
    sql::inChunks(leadIds.values(), [&](const QList<qint64> &chunk, const QString &marks) {
        RowScanner q(m_db, QString::fromLatin1(LatestRejectionsQuery) +
                               QStringLiteral(" AND lead_id IN (%1)").arg(marks));
        for (qsizetype i = 0; i < chunk.size(); ++i)
            q.bind(int(i) + 1, chunk[i]);
        addRejections(q, latest);
    });
    return latest.take();
}

} // namespace handoff
