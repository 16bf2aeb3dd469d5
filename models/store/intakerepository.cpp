#include "store/intakerepository.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/error.h"
#include "store/leadrepository.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace intakekind {

QString toString(IntakeKind kind)
{
    switch (kind) {
    case IntakeKind::Form:
        return QStringLiteral("form");
    case IntakeKind::HubSpot:
        return QStringLiteral("hubspot");
    case IntakeKind::Marketo:
        return QStringLiteral("marketo");
    }
    return {};
}

std::optional<IntakeKind> fromString(const QString &text)
{
    for (IntakeKind kind : {IntakeKind::Form, IntakeKind::HubSpot, IntakeKind::Marketo}) {
        if (toString(kind) == text)
            return kind;
    }
    return std::nullopt;
}

} // namespace intakekind

namespace {

const QString selectSource =
    QStringLiteral("SELECT id, name, kind, secret, mapping, request_code, per_minute, created_at "
                   "FROM intake_sources");

IntakeSource readSource(const QSqlQuery &q)
{
    IntakeSource s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.kind = intakekind::fromString(q.value(2).toString()).value_or(IntakeKind::Form);
    s.secret = q.value(3).toString();
    s.mapping = q.value(4).toString();
    s.requestCode = q.value(5).toString();
    s.perMinute = q.value(6).toInt();
    s.createdAt = q.value(7).toLongLong();
    return s;
}

int activityTypeId(const QSqlDatabase &db, const QString &code)
{
    auto q = sql::prepare(db, QStringLiteral("SELECT id FROM activity_types WHERE code = :code"));
    q.bindValue(QStringLiteral(":code"), code);
    sql::exec(q);
    if (!sql::next(q))
        throw Error(QCoreApplication::translate("IntakeRepository",
                                                "the database has no activity type '%1'")
                        .arg(code));
    return q.value(0).toInt();
}

// Fills the lead's empty fields from the submission's; true when one changed.
bool fillEmpty(Lead &stored, const Lead &given)
{
    bool changed = false;
    const auto fill = [&](QString &field, const QString &value) {
        if (field.trimmed().isEmpty() && !value.isEmpty()) {
            field = value;
            changed = true;
        }
    };
    fill(stored.firstName, given.firstName);
    fill(stored.lastName, given.lastName);
    fill(stored.company, given.company);
    fill(stored.title, given.title);
    fill(stored.country, given.country);
    fill(stored.channel, given.channel);
    return changed;
}

} // namespace

IntakeRepository::IntakeRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString IntakeRepository::consentField()
{
    return QStringLiteral("Marketing consent");
}

QList<IntakeSource> IntakeRepository::sources() const
{
    auto q = sql::prepare(m_db, selectSource + QStringLiteral(" ORDER BY name"));
    sql::exec(q);
    QList<IntakeSource> result;
    while (sql::next(q))
        result.append(readSource(q.query()));
    return result;
}

std::optional<IntakeSource> IntakeRepository::source(const QString &name) const
{
    auto q = sql::prepare(m_db, selectSource + QStringLiteral(" WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    return readSource(q.query());
}

void IntakeRepository::save(const IntakeSource &source, const QString &actor)
{
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    auto q = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO intake_sources (name, kind, secret, mapping, request_code, "
                       "per_minute, created_at) VALUES (:name, :kind, :secret, :mapping, :request, "
                       ":per_minute, :created_at) ON CONFLICT (name) DO UPDATE SET kind = "
                       "excluded.kind, secret = excluded.secret, mapping = excluded.mapping, "
                       "request_code = excluded.request_code, per_minute = excluded.per_minute"));
    q.bindValue(QStringLiteral(":name"), source.name);
    q.bindValue(QStringLiteral(":kind"), intakekind::toString(source.kind));
    q.bindValue(QStringLiteral(":secret"), sql::text(source.secret));
    q.bindValue(QStringLiteral(":mapping"),
                sql::text(source.mapping.isEmpty() ? QStringLiteral("{}") : source.mapping));
    q.bindValue(QStringLiteral(":request"), sql::text(source.requestCode));
    q.bindValue(QStringLiteral(":per_minute"), source.perMinute);
    q.bindValue(QStringLiteral(":created_at"), source.createdAt);
    sql::exec(q);
    AuditLog(m_db).record(
        {source.createdAt, actor, QStringLiteral("intake.source.save"),
         QStringLiteral("intake_source"), 0,
         QStringLiteral("%1 (%2), %3 a minute, mapping %4")
             .arg(source.name, intakekind::toString(source.kind))
             .arg(source.perMinute)
             .arg(source.mapping.isEmpty() ? QStringLiteral("{}") : source.mapping)});
    scope.commit();
}

bool IntakeRepository::remove(const QString &name, const QString &actor, qint64 at)
{
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    auto q = sql::prepare(m_db, QStringLiteral("DELETE FROM intake_sources WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    sql::exec(q);
    const bool removed = q.query().numRowsAffected() > 0;
    if (removed)
        AuditLog(m_db).record({at, actor, QStringLiteral("intake.source.remove"),
                               QStringLiteral("intake_source"), 0, name});
    scope.commit();
    return removed;
}

// The lead, its activity and the key's note of them, in the caller's transaction.
IntakeRecord IntakeRepository::write(qint64 sourceId, const QString &idempotencyKey,
                                     const IntakeSubmission &submission)
{
    IntakeRecord written;
    const int typeId = activityTypeId(m_db, submission.requestCode);
    LeadRepository leads(m_db);
    auto q = sql::prepare(m_db, QStringLiteral("SELECT min(id) FROM leads WHERE "
                                               "email_folded = :email"));
    q.bindValue(QStringLiteral(":email"), submission.lead.email.trimmed().toCaseFolded());
    sql::exec(q);
    const qint64 known = sql::next(q) ? q.value(0).toLongLong() : 0;
    QMap<QString, QString> custom;
    if (known > 0) {
        written.leadId = known;
        Lead stored = *leads.find(known);
        if (fillEmpty(stored, submission.lead))
            leads.update(stored);
        custom = leads.customFields(known);
    } else {
        Lead lead = submission.lead;
        lead.createdAt = submission.askedAt;
        written.leadId = leads.insert(lead);
        written.newLead = true;
    }
    if (submission.consent) {
        const QString value = *submission.consent ? QStringLiteral("yes") : QStringLiteral("no");
        if (custom.value(consentField()) != value) {
            custom.insert(consentField(), value);
            leads.setCustomFields(written.leadId, custom);
        }
    }
    Activity activity;
    activity.leadId = written.leadId;
    activity.typeId = typeId;
    activity.occurredAt = submission.askedAt;
    activity.asset = submission.page;
    activity.channel = submission.lead.channel;
    written.activityId = ActivityRepository(m_db).insert(activity);
    auto note =
        sql::prepare(m_db, QStringLiteral("UPDATE intake_requests SET lead_id = :lead, activity_id "
                                          "= :activity WHERE source_id = :source AND "
                                          "idempotency_key = :key"));
    note.bindValue(QStringLiteral(":lead"), written.leadId);
    note.bindValue(QStringLiteral(":activity"), written.activityId);
    note.bindValue(QStringLiteral(":source"), sourceId);
    note.bindValue(QStringLiteral(":key"), idempotencyKey);
    sql::exec(note);
    return written;
}

IntakeRecord IntakeRepository::record(const IntakeSource &source, const QString &idempotencyKey,
                                      const IntakeSubmission &submission, qint64 receivedAt,
                                      qint64 keyKeptSince)
{
    // The key goes in first: on a server a second request with the same key, in flight at
    // the same moment, waits here for the first one's commit and then finds it taken.
    {
        Transaction transaction(m_db);
        auto claim = sql::prepare(
            m_db, QStringLiteral("INSERT INTO intake_requests (source_id, idempotency_key, "
                                 "received_at) VALUES (:source, :key, :at) ON CONFLICT "
                                 "(source_id, idempotency_key) DO UPDATE SET received_at = "
                                 "excluded.received_at, lead_id = NULL, activity_id = NULL "
                                 "WHERE intake_requests.received_at < :kept_since"));
        claim.bindValue(QStringLiteral(":source"), source.id);
        claim.bindValue(QStringLiteral(":key"), idempotencyKey);
        claim.bindValue(QStringLiteral(":at"), receivedAt);
        claim.bindValue(QStringLiteral(":kept_since"), keyKeptSince);
        sql::exec(claim);
        if (claim.query().numRowsAffected() > 0) {
            const IntakeRecord written = write(source.id, idempotencyKey, submission);
            transaction.commit();
            return written;
        }
    }
    auto q = sql::prepare(m_db, QStringLiteral("SELECT lead_id, activity_id FROM intake_requests "
                                               "WHERE source_id = :source AND idempotency_key "
                                               "= :key"));
    q.bindValue(QStringLiteral(":source"), source.id);
    q.bindValue(QStringLiteral(":key"), idempotencyKey);
    sql::exec(q);
    IntakeRecord seen;
    seen.duplicate = true;
    if (sql::next(q)) {
        seen.leadId = q.value(0).toLongLong();
        seen.activityId = q.value(1).toLongLong();
    }
    return seen;
}

qint64 IntakeRepository::sourceCount() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT count(*) FROM intake_sources"));
}

qint64 IntakeRepository::forgetRequestsBefore(qint64 before)
{
    WriteScope scope(m_db);
    auto q = sql::prepare(m_db, QStringLiteral("DELETE FROM intake_requests WHERE received_at < "
                                               ":before"));
    q.bindValue(QStringLiteral(":before"), before);
    sql::exec(q);
    const qint64 forgotten = q.numRowsAffected();
    scope.commit();
    return forgotten;
}

qint64 IntakeRepository::requestCount() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT count(*) FROM intake_requests"));
}

} // namespace handoff
