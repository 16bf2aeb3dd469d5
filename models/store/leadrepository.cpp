#include "store/leadrepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariant>

#include "store/dialect.h"
#include "store/error.h"
#include "store/leadfield.h"
#include "store/nativestatement.h"
#include "store/rowscanner.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// The columns the store keeps up itself, after the fields in every read.
constexpr int Bookkeeping = 3; // id, updated_at, change_seq

const QString selectLead =
    QStringLiteral("SELECT id, updated_at, change_seq, %1 FROM leads").arg(leadFieldList());

Lead readLead(const QSqlQuery &q)
{
    Lead lead;
    lead.id = q.value(0).toLongLong();
    lead.updatedAt = q.value(1).toLongLong();
    lead.changeSeq = q.value(2).toLongLong();
    int column = Bookkeeping;
    for (const LeadField &f : leadFields())
        f.set(lead, q.value(column++));
    return lead;
}

// Every stored field of a lead, for INSERT and UPDATE alike; stamps the write.
void bindFields(QSqlQuery &q, const Lead &lead)
{
    for (const LeadField &f : leadFields())
        q.bindValue(QLatin1Char(':') + f.name(), f.bound(lead));
    q.bindValue(QStringLiteral(":email_folded"), sql::text(lead.email.trimmed().toCaseFolded()));
    q.bindValue(QStringLiteral(":updated_at"), QDateTime::currentMSecsSinceEpoch());
}

// The same through the native statement: ?1 to ?N the fields, then the folded e-mail and the
// stamp.
void bindFields(NativeStatement &n, const Lead &lead)
{
    int index = 1;
    for (const LeadField &f : leadFields()) {
        const QVariant value = f.bound(lead);
        if (value.isNull())
            n.bindNull(index);
        else if (value.typeId() == QMetaType::QString)
            n.bind(index, value.toString());
        else
            n.bind(index, value.toLongLong());
        ++index;
    }
    n.bind(index++, lead.email.trimmed().toCaseFolded());
    n.bind(index, QDateTime::currentMSecsSinceEpoch());
}

} // namespace

LeadRepository::LeadRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

qint64 LeadRepository::insert(const Lead &lead)
{
    WriteScope scope(m_db);
    const qint64 id = insertRow(lead);
    scope.commit();
    return id;
}

qint64 LeadRepository::insertRow(const Lead &lead)
{
    // Bulk loads (the demo, imports) insert leads by the million: on SQLite the native
    // statement binds UTF-8 directly; elsewhere the portable query with RETURNING.
    if (!m_nativeInsert && !m_insert) {
        QStringList numbered;
        for (int i = 1; i <= int(leadFields().size()) + 2; ++i)
            numbered.append(QStringLiteral("?%1").arg(i));
        m_nativeInsert = NativeStatement::prepare(
            m_db, QStringLiteral("INSERT INTO leads (%1, email_folded, updated_at, change_seq) "
                                 "VALUES (%2, %3)")
                      .arg(leadFieldList(), numbered.join(QStringLiteral(", ")),
                           QLatin1String(sql::changeSeqExpression))
                      .toUtf8()
                      .constData());
    }
    if (m_nativeInsert) {
        NativeStatement &n = *m_nativeInsert;
        bindFields(n, lead);
        n.run();
        return n.lastInsertId();
    }
    if (!m_insert) {
        m_insert = sql::prepare(
            m_db, QStringLiteral("INSERT INTO leads (%1, email_folded, updated_at, change_seq) "
                                 "VALUES (%2, :email_folded, :updated_at, %3) RETURNING id")
                      .arg(leadFieldList(), leadFieldList(QStringLiteral(":%1")),
                           QLatin1String(sql::changeSeqExpression)));
    }
    sql::Statement &q = *m_insert;
    bindFields(q.query(), lead);
    return sql::insertReturningId(q);
}

std::optional<Lead> LeadRepository::find(qint64 id) const
{
    auto q = sql::prepare(m_db, selectLead + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    return readLead(q.query());
}

QList<qint64> LeadRepository::findByKey(const QString &key) const
{
    const QString trimmed = key.trimmed();
    bool numeric = false;
    const qint64 id = trimmed.toLongLong(&numeric);
    auto q = sql::prepare(m_db, QStringLiteral("SELECT id FROM leads WHERE id = :id "
                                               "UNION SELECT id FROM leads WHERE external_id "
                                               "= :external UNION SELECT id FROM leads WHERE "
                                               "email_folded = :email ORDER BY 1"));
    q.bindValue(QStringLiteral(":id"), numeric ? id : qint64(-1));
    q.bindValue(QStringLiteral(":external"), trimmed);
    q.bindValue(QStringLiteral(":email"), trimmed.toCaseFolded());
    sql::exec(q);
    QList<qint64> ids;
    while (sql::next(q))
        ids.append(q.value(0).toLongLong());
    return ids;
}

QList<Lead> LeadRepository::find(const QList<qint64> &ids) const
{
    QList<Lead> leads;
    leads.reserve(ids.size());
    auto q = sql::prepare(m_db, selectLead + QStringLiteral(" WHERE id = :id"));
    for (qint64 id : ids) {
        q.bindValue(QStringLiteral(":id"), id);
        sql::exec(q);
        if (sql::next(q))
            leads.append(readLead(q.query()));
    }
    return leads;
}

qint64 LeadRepository::count() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT count(*) FROM leads"));
}

std::vector<qint64> LeadRepository::ids(LeadScope scope) const
{
    std::vector<qint64> ids;
    RowScanner q(m_db, QStringLiteral("SELECT id FROM leads WHERE %1 ORDER BY id")
                           .arg(scopeCondition(scope, QStringLiteral("id"))));
    q.run();
    while (q.next())
        ids.push_back(q.integer(0));
    return ids;
}

QString LeadRepository::scopeCondition(LeadScope scope, const QString &leadIdColumn)
{
    switch (scope) {
    case LeadScope::WithOpenHandoff:
        // Through the handoffs_open index: as many lookups as open handoffs.
        return leadIdColumn + QStringLiteral(" IN (SELECT lead_id FROM handoffs "
                                             "WHERE outcome IS NULL)");
    case LeadScope::Every:
        break;
    }
    return QStringLiteral("TRUE");
}

void LeadRepository::scan(const std::function<void(const Lead &)> &visit, LeadScope scope) const
{
    // Every lead at start-up: through RowScanner, which reads SQLite's columns without a
    // QVariant each (about 4x faster than QSqlQuery at a million leads).
    RowScanner q(m_db, selectLead + QStringLiteral(" WHERE %1 ORDER BY id")
                                        .arg(scopeCondition(scope, QStringLiteral("id"))));
    q.run();
    while (q.next())
        visit(read(q, 0));
}

QString LeadRepository::columns(const QString &table)
{
    const QString pattern = table + QStringLiteral(".%1");
    return QStringList{pattern.arg(QStringLiteral("id")), pattern.arg(QStringLiteral("updated_at")),
                       pattern.arg(QStringLiteral("change_seq")), leadFieldList(pattern)}
        .join(QStringLiteral(", "));
}

int LeadRepository::columnCount()
{
    return Bookkeeping + int(leadFields().size());
}

Lead LeadRepository::read(const RowScanner &q, int first)
{
    Lead lead;
    lead.id = q.integer(first);
    lead.updatedAt = q.integer(first + 1);
    lead.changeSeq = q.integer(first + 2);
    int column = first + Bookkeeping;
    for (const LeadField &f : leadFields()) {
        switch (f.kind) {
        case LeadField::Kind::Text:
        case LeadField::Kind::Key:
        case LeadField::Kind::StageName:
            f.set(lead, q.text(column));
            break;
        case LeadField::Kind::Count:
            f.set(lead, q.isNull(column) ? QVariant() : QVariant(q.integer(column)));
            break;
        case LeadField::Kind::Time:
        case LeadField::Kind::Flag:
            f.set(lead, q.integer(column));
            break;
        }
        ++column;
    }
    return lead;
}

void LeadRepository::changeStage(const StageChange &change)
{
    WriteScope scope(m_db);
    setStage(change.leadId, change.to);
    recordStageChange(change);
    scope.commit();
}

void LeadRepository::setStage(qint64 leadId, Stage to)
{
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE leads SET stage = :stage, "
                                               "updated_at = :now, change_seq = %1 "
                                               "WHERE id = :id")
                                    .arg(QLatin1String(sql::changeSeqExpression)));
    q.bindValue(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":stage"), stage::toString(to));
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
    if (q.numRowsAffected() != 1)
        throw Error(QCoreApplication::translate("Store", "Lead %1 does not exist").arg(leadId));
}

void LeadRepository::setOwner(qint64 leadId, const QString &owner)
{
    WriteScope scope(m_db);
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE leads SET owner = :owner, updated_at "
                                               "= :now, change_seq = %1 WHERE id = :id")
                                    .arg(QLatin1String(sql::changeSeqExpression)));
    q.bindValue(QStringLiteral(":owner"), sql::text(owner));
    q.bindValue(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
    scope.commit();
}

QList<LeadRepository::ChangedLead> LeadRepository::changedSince(qint64 changeSeq) const
{
    // One statement with the custom fields joined (a lead's row once per field): on a team
    // server every desk runs this for every lead another desk changes, so a second read a
    // lead would cost each desk a round trip.
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT leads.id, updated_at, change_seq, %1, custom.name, "
                             "custom.value FROM leads LEFT JOIN lead_custom_fields AS custom ON "
                             "custom.lead_id = leads.id WHERE change_seq > :seen "
                             "ORDER BY change_seq, leads.id")
                  .arg(leadFieldList()));
    q.bindValue(QStringLiteral(":seen"), changeSeq);
    sql::exec(q);
    const int name = Bookkeeping + int(leadFields().size());
    QList<ChangedLead> leads;
    while (sql::next(q)) {
        if (leads.isEmpty() || leads.last().lead.id != q.value(0).toLongLong())
            leads.append({readLead(q.query()), {}});
        if (!q.value(name).isNull())
            leads.last().customFields.insert(q.value(name).toString(),
                                             q.value(name + 1).toString());
    }
    return leads;
}

qint64 LeadRepository::latestChangeSeq() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT max(change_seq) FROM leads"));
}

void LeadRepository::recordStageChange(const StageChange &change)
{
    if (!m_nativeStage && !m_insertStage) {
        m_nativeStage = NativeStatement::prepare(
            m_db, "INSERT INTO stage_history (lead_id, from_stage, to_stage, changed_at, "
                  "changed_by, reason, import_batch_id, undated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                  "?7, ?8)");
    }
    if (m_nativeStage) {
        NativeStatement &n = *m_nativeStage;
        n.bind(1, change.leadId);
        if (change.from)
            n.bind(2, stage::toString(*change.from));
        else
            n.bindNull(2);
        n.bind(3, stage::toString(change.to));
        n.bind(4, change.undated ? UndatedTime : change.changedAt);
        n.bind(5, change.changedBy);
        n.bind(6, change.reason);
        if (change.importBatchId)
            n.bind(7, change.importBatchId);
        else
            n.bindNull(7);
        n.bind(8, qint64(change.undated ? 1 : 0));
        n.run();
        return;
    }
    if (!m_insertStage) {
        m_insertStage = sql::prepare(
            m_db, QStringLiteral("INSERT INTO stage_history (lead_id, from_stage, to_stage, "
                                 "changed_at, changed_by, reason, import_batch_id, undated) "
                                 "VALUES (:lead_id, :from_stage, :to_stage, :changed_at, "
                                 ":changed_by, :reason, :batch, :undated)"));
    }
    sql::Statement &q = *m_insertStage;
    q.bindValue(QStringLiteral(":lead_id"), change.leadId);
    q.bindValue(QStringLiteral(":from_stage"),
                change.from ? QVariant(stage::toString(*change.from)) : QVariant());
    q.bindValue(QStringLiteral(":to_stage"), stage::toString(change.to));
    q.bindValue(QStringLiteral(":changed_at"), change.undated ? UndatedTime : change.changedAt);
    q.bindValue(QStringLiteral(":changed_by"), sql::text(change.changedBy));
    q.bindValue(QStringLiteral(":reason"), sql::text(change.reason));
    q.bindValue(QStringLiteral(":batch"),
                change.importBatchId ? QVariant(change.importBatchId) : QVariant());
    q.bindValue(QStringLiteral(":undated"), change.undated ? 1 : 0);
    sql::exec(q);
}

QList<StageChange> LeadRepository::stageHistory(qint64 leadId) const
{
    // An undated change sits right after the dated one recorded before it (its time, 0, would
    // put it before the lead's creation): an import's undated stages follow what it dated.
    auto q = sql::prepare(
        m_db,
        QStringLiteral("SELECT h.from_stage, h.to_stage, h.changed_at, h.changed_by, h.reason, "
                       "h.undated FROM stage_history h WHERE h.lead_id = :lead_id ORDER BY "
                       "CASE WHEN h.undated = 0 THEN h.changed_at ELSE coalesce((SELECT "
                       "max(p.changed_at) FROM stage_history p WHERE p.lead_id = h.lead_id AND "
                       "p.id < h.id AND p.undated = 0), 0) END, h.id"));
    q.bindValue(QStringLiteral(":lead_id"), leadId);
    sql::exec(q);
    QList<StageChange> history;
    while (sql::next(q)) {
        StageChange change;
        change.leadId = leadId;
        if (!q.value(0).isNull())
            change.from = stage::fromString(q.value(0).toString());
        change.to = stage::fromString(q.value(1).toString()).value_or(Stage::Suspect);
        change.changedAt = q.value(2).toLongLong();
        change.changedBy = q.value(3).toString();
        change.reason = q.value(4).toString();
        change.undated = q.value(5).toInt() != 0;
        history.append(change);
    }
    return history;
}

void LeadRepository::update(const Lead &lead)
{
    auto q = sql::prepare(m_db,
                          QStringLiteral("UPDATE leads SET %1, email_folded = :email_folded, "
                                         "updated_at = :updated_at, change_seq = %2 WHERE id = :id")
                              .arg(leadFieldList(QStringLiteral("%1 = :%1")),
                                   QLatin1String(sql::changeSeqExpression)));
    WriteScope scope(m_db);
    bindFields(q.query(), lead);
    q.bindValue(QStringLiteral(":id"), lead.id);
    sql::exec(q);
    if (q.numRowsAffected() != 1)
        throw Error(QCoreApplication::translate("Store", "Lead %1 does not exist").arg(lead.id));
    scope.commit();
}

void LeadRepository::remove(qint64 leadId)
{
    auto q = sql::prepare(m_db, QStringLiteral("DELETE FROM leads WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
}

LeadRepository::Identities LeadRepository::identities() const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT id, external_id, email_folded FROM leads ORDER BY id")))
        throw Error(sql::describe(q));
    sql::exec(q);
    Identities ids;
    while (sql::next(q)) {
        const qint64 id = q.value(0).toLongLong();
        const QString external = q.value(1).toString();
        if (!external.isEmpty())
            ids.byExternalId.insert(external, id);
        const QString email = q.value(2).toString();
        if (!email.isEmpty() && !ids.byEmail.contains(email))
            ids.byEmail.insert(email, id); // the oldest lead with the address answers for it
    }
    return ids;
}

QMap<QString, QString> LeadRepository::customFields(qint64 leadId) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT name, value FROM lead_custom_fields WHERE lead_id = :id"));
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
    QMap<QString, QString> fields;
    while (sql::next(q))
        fields.insert(q.value(0).toString(), q.value(1).toString());
    return fields;
}

void LeadRepository::setCustomFields(qint64 leadId, const QMap<QString, QString> &fields)
{
    auto clear =
        sql::prepare(m_db, QStringLiteral("DELETE FROM lead_custom_fields WHERE lead_id = :id"));
    clear.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(clear);
    auto insert = sql::prepare(m_db, QStringLiteral("INSERT INTO lead_custom_fields (lead_id, "
                                                    "name, value) VALUES (:id, :name, :value)"));
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        insert.bindValue(QStringLiteral(":id"), leadId);
        insert.bindValue(QStringLiteral(":name"), it.key());
        insert.bindValue(QStringLiteral(":value"), sql::text(it.value()));
        sql::exec(insert);
    }
}

QSet<Stage> LeadRepository::reachedStages(qint64 leadId) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT DISTINCT to_stage FROM stage_history WHERE lead_id = :id"));
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
    QSet<Stage> stages;
    while (sql::next(q)) {
        if (const auto s = stage::fromString(q.value(0).toString()))
            stages.insert(*s);
    }
    return stages;
}

void LeadRepository::scanCustomFields(
    const std::function<void(qint64 leadId, const QString &name, const QString &value)> &visit,
    LeadScope scope) const
{
    RowScanner q(m_db, QStringLiteral("SELECT lead_id, name, value FROM lead_custom_fields "
                                      "WHERE %1")
                           .arg(scopeCondition(scope, QStringLiteral("lead_id"))));
    q.run();
    while (q.next())
        visit(q.integer(0), q.text(1), q.text(2));
}

} // namespace handoff
