#include "store/importrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/error.h"
#include "store/leadfield.h"
#include "store/nativestatement.h"
#include "store/sqlquery.h"

namespace handoff {

namespace {

ImportBatch readBatch(const QSqlQuery &q)
{
    ImportBatch b;
    b.id = q.value(0).toLongLong();
    b.fileName = q.value(1).toString();
    b.preset = q.value(2).toString();
    b.importedAt = q.value(3).toLongLong();
    b.importedBy = q.value(4).toString();
    b.leadsCreated = q.value(5).toLongLong();
    b.leadsUpdated = q.value(6).toLongLong();
    b.activitiesCreated = q.value(7).toLongLong();
    b.rowsRejected = q.value(8).toLongLong();
    if (!q.value(9).isNull())
        b.undoneAt = q.value(9).toLongLong();
    b.undoneBy = q.value(10).toString();
    if (!q.value(11).isNull())
        b.endChangeSeq = q.value(11).toLongLong();
    if (!q.value(12).isNull())
        b.endAuditId = q.value(12).toLongLong();
    if (!q.value(13).isNull())
        b.undoEndChangeSeq = q.value(13).toLongLong();
    return b;
}

const QString selectBatch = QStringLiteral(
    "SELECT b.id, b.file_name, b.preset, b.imported_at, b.imported_by, b.leads_created, "
    "b.leads_updated, b.activities_created, b.rows_rejected, b.undone_at, b.undone_by, "
    "b.end_change_seq, b.end_audit_id, b.undo_end_change_seq FROM import_batches b");

} // namespace

ImportRepository::ImportRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

ImportRepository::~ImportRepository() = default;

qint64 ImportRepository::beginBatch(const ImportBatch &b)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO import_batches (file_name, preset, imported_at, "
                             "imported_by) VALUES (:file_name, :preset, :at, :by) RETURNING id"));
    q.bindValue(QStringLiteral(":file_name"), sql::text(b.fileName));
    q.bindValue(QStringLiteral(":preset"), sql::text(b.preset));
    q.bindValue(QStringLiteral(":at"), b.importedAt);
    q.bindValue(QStringLiteral(":by"), sql::text(b.importedBy));
    return sql::insertReturningId(q);
}

void ImportRepository::finishBatch(const ImportBatch &b)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("UPDATE import_batches SET leads_created = :created, "
                             "leads_updated = :updated, activities_created = :activities, "
                             "rows_rejected = :rejected WHERE id = :id"));
    q.bindValue(QStringLiteral(":created"), b.leadsCreated);
    q.bindValue(QStringLiteral(":updated"), b.leadsUpdated);
    q.bindValue(QStringLiteral(":activities"), b.activitiesCreated);
    q.bindValue(QStringLiteral(":rejected"), b.rowsRejected);
    q.bindValue(QStringLiteral(":id"), b.id);
    sql::exec(q);
    saveEnd(b);
}

void ImportRepository::saveEnd(const ImportBatch &b)
{
    const auto orNull = [](const std::optional<qint64> &v) {
        return v ? QVariant(*v) : QVariant();
    };
    auto q = sql::prepare(
        m_db,
        QStringLiteral("UPDATE import_batches SET end_change_seq = :end_change_seq, "
                       "end_audit_id = :end_audit, undo_end_change_seq = :undo_end_change_seq "
                       "WHERE id = :id"));
    q.bindValue(QStringLiteral(":end_change_seq"), orNull(b.endChangeSeq));
    q.bindValue(QStringLiteral(":end_audit"), orNull(b.endAuditId));
    q.bindValue(QStringLiteral(":undo_end_change_seq"), orNull(b.undoEndChangeSeq));
    q.bindValue(QStringLiteral(":id"), b.id);
    sql::exec(q);
}

void ImportRepository::recordLeadChange(qint64 batchId, qint64 leadId, const QByteArray &before)
{
    insertChange(batchId, leadId, 0, QString::fromUtf8(before));
}

void ImportRepository::recordCreatedLeads(qint64 batchId, qint64 firstId, qint64 count)
{
    insertChange(batchId, firstId, count, {});
}

void ImportRepository::insertChange(qint64 batchId, qint64 leadId, qint64 created,
                                    const QString &before)
{
    // The first change to a lead in a batch holds what it was before the batch.
    if (!m_nativeChange && !m_recordChange) {
        m_nativeChange = NativeStatement::prepare(
            m_db, "INSERT INTO import_lead_changes (batch_id, lead_id, created, before) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (batch_id, lead_id) DO NOTHING");
    }
    if (m_nativeChange) {
        m_nativeChange->bind(1, batchId);
        m_nativeChange->bind(2, leadId);
        m_nativeChange->bind(3, created);
        m_nativeChange->bind(4, before);
        m_nativeChange->run();
        return;
    }
    if (!m_recordChange) {
        m_recordChange = sql::prepare(
            m_db, QStringLiteral("INSERT INTO import_lead_changes (batch_id, lead_id, created, "
                                 "before) VALUES (:batch, :lead, :created, :before) "
                                 "ON CONFLICT (batch_id, lead_id) DO NOTHING"));
    }
    sql::Statement &q = *m_recordChange;
    q.bindValue(QStringLiteral(":batch"), batchId);
    q.bindValue(QStringLiteral(":lead"), leadId);
    q.bindValue(QStringLiteral(":created"), created);
    q.bindValue(QStringLiteral(":before"), sql::text(before));
    sql::exec(q);
}

std::optional<ImportBatch> ImportRepository::find(qint64 batchId) const
{
    auto q = sql::prepare(m_db, selectBatch + QStringLiteral(" WHERE b.id = :id"));
    q.bindValue(QStringLiteral(":id"), batchId);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    return readBatch(q.query());
}

QList<ImportBatch> ImportRepository::batches() const
{
    auto q = sql::prepare(m_db, selectBatch + QStringLiteral(" ORDER BY b.id DESC"));
    sql::exec(q);
    QList<ImportBatch> list;
    while (sql::next(q))
        list.append(readBatch(q.query()));
    return list;
}

void ImportRepository::scanLeadChanges(qint64 batchId,
                                       const std::function<void(const LeadChange &)> &visit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT lead_id, created, before FROM import_lead_changes "
                                  "WHERE batch_id = :batch")))
        throw Error(sql::describe(q));
    q.bindValue(QStringLiteral(":batch"), batchId);
    sql::exec(q);
    // Collected first: the visitor writes to the tables this query reads.
    QList<LeadChange> changes;
    while (sql::next(q))
        changes.append(
            {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString().toUtf8()});
    q.finish();
    for (const LeadChange &change : std::as_const(changes))
        visit(change);
}

void ImportRepository::removeAdditions(qint64 batchId)
{
    for (const QString &statement :
         {QStringLiteral("DELETE FROM activities WHERE import_batch_id = :batch"),
          QStringLiteral("DELETE FROM stage_history WHERE import_batch_id = :batch")}) {
        auto q = sql::prepare(m_db, statement);
        q.bindValue(QStringLiteral(":batch"), batchId);
        sql::exec(q);
    }
}

void ImportRepository::removeLeads(qint64 firstId, qint64 count)
{
    auto q =
        sql::prepare(m_db, QStringLiteral("DELETE FROM leads WHERE id >= :first AND id < :end"));
    q.bindValue(QStringLiteral(":first"), firstId);
    q.bindValue(QStringLiteral(":end"), firstId + count);
    sql::exec(q);
}

void ImportRepository::markUndone(qint64 batchId, const QString &by, qint64 at, qint64 endChangeSeq)
{
    if (auto batch = find(batchId)) {
        batch->undoEndChangeSeq = endChangeSeq;
        saveEnd(*batch);
    }
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE import_batches SET undone_at = :at, "
                                               "undone_by = :by WHERE id = :id"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), sql::text(by));
    q.bindValue(QStringLiteral(":id"), batchId);
    sql::exec(q);
}

QList<ImportRepository::ChangedLead> ImportRepository::leadsChangedAfter(qint64 batchId,
                                                                         qint64 changeSeq,
                                                                         qint64 auditId, int limit,
                                                                         qint64 *total) const
{
    // What changed since (few rows: the leads_change_seq index and the newest audit entries),
    // then which of those the batch created or changed.
    auto q = sql::prepare(
        m_db, QStringLiteral(
                  "SELECT l.id, l.first_name, l.last_name, l.email FROM leads l WHERE l.id IN ("
                  "SELECT id FROM leads WHERE change_seq > :seq "
                  "UNION SELECT entity_id FROM audit_log WHERE id > :audit AND entity = 'lead' "
                  "UNION SELECT h.lead_id FROM audit_log a JOIN handoffs h ON h.id = a.entity_id "
                  "WHERE a.id > :audit2 AND a.entity = 'handoff') "
                  "AND EXISTS (SELECT 1 FROM import_lead_changes c WHERE c.batch_id = :batch "
                  "AND ((c.created = 0 AND c.lead_id = l.id) OR (c.created > 0 "
                  "AND l.id >= c.lead_id AND l.id < c.lead_id + c.created))) ORDER BY l.id"));
    q.bindValue(QStringLiteral(":seq"), changeSeq);
    q.bindValue(QStringLiteral(":audit"), auditId);
    q.bindValue(QStringLiteral(":audit2"), auditId);
    q.bindValue(QStringLiteral(":batch"), batchId);
    sql::exec(q);
    QList<ChangedLead> leads;
    qint64 count = 0;
    while (sql::next(q)) {
        if (int(leads.size()) < limit) {
            const QString name =
                QStringLiteral("%1 %2").arg(q.value(1).toString(), q.value(2).toString()).trimmed();
            leads.append({q.value(0).toLongLong(), name, q.value(3).toString()});
        }
        ++count;
    }
    if (total)
        *total = count;
    return leads;
}

qint64 ImportRepository::latestAuditId() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT max(id) FROM audit_log"));
}

std::optional<Lead> ImportRepository::readLead(qint64 id)
{
    // Qt's driver rebuilds a record of every column on each run, several times SQLite's own
    // work here: on SQLite the native statement.
    static const QByteArray columns = QStringLiteral("SELECT updated_at, %1 FROM leads WHERE id = ")
                                          .arg(leadFieldList())
                                          .toUtf8();
    if (!m_nativeReadLead && !m_readLead) {
        m_nativeReadLead = NativeStatement::prepare(m_db, (columns + "?1").constData());
        if (!m_nativeReadLead) {
            m_readLead = sql::prepare(m_db, QString::fromLatin1(columns) + QStringLiteral(":id"));
            m_readLead->setForwardOnly(true);
        }
    }
    Lead lead;
    lead.id = id;
    const auto read = [&](const auto &isNull, const auto &text, const auto &integer) {
        lead.updatedAt = integer(0);
        int column = 1;
        for (const LeadField &f : leadFields()) {
            f.set(lead, isNull(column)  ? QVariant()
                        : f.isInteger() ? QVariant(integer(column))
                                        : QVariant(text(column)));
            ++column;
        }
    };
    if (m_nativeReadLead) {
        NativeStatement &n = *m_nativeReadLead;
        n.bind(1, id);
        const bool found = n.step();
        if (found) {
            read([&](int c) { return n.isNull(c); }, [&](int c) { return n.text(c); },
                 [&](int c) { return n.integer(c); });
        }
        n.reset();
        return found ? std::optional(lead) : std::nullopt;
    }
    sql::Statement &q = *m_readLead;
    q.bindValue(QStringLiteral(":id"), id);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    read([&](int c) { return q.value(c).isNull(); }, [&](int c) { return q.value(c).toString(); },
         [&](int c) { return q.value(c).toLongLong(); });
    q.finish();
    return lead;
}

void ImportRepository::readRows(Reader &reader, const char *statement, qint64 id,
                                const std::function<void(const std::function<QString(int)> &)> &row)
{
    if (!reader.native && !reader.query) {
        reader.native = NativeStatement::prepare(m_db, statement);
        if (!reader.native) {
            reader.query = sql::prepare(m_db, QString::fromLatin1(statement).replace(
                                                  QLatin1String("?1"), QLatin1String(":id")));
            reader.query->setForwardOnly(true);
        }
    }
    if (reader.native) {
        NativeStatement &n = *reader.native;
        n.bind(1, id);
        while (n.step())
            row([&](int c) { return n.text(c); });
        n.reset();
        return;
    }
    sql::Statement &q = *reader.query;
    q.bindValue(QStringLiteral(":id"), id);
    sql::exec(q);
    while (sql::next(q))
        row([&](int c) { return q.value(c).toString(); });
    q.finish();
}

QMap<QString, QString> ImportRepository::readCustomFields(qint64 leadId)
{
    QMap<QString, QString> fields;
    readRows(m_customFields, "SELECT name, value FROM lead_custom_fields WHERE lead_id = ?1",
             leadId, [&](const auto &text) { fields.insert(text(0), text(1)); });
    return fields;
}

quint32 ImportRepository::readReachedStages(qint64 leadId)
{
    quint32 stages = 0;
    readRows(m_reachedStages, "SELECT DISTINCT to_stage FROM stage_history WHERE lead_id = ?1",
             leadId, [&](const auto &text) {
                 if (const auto s = stage::fromString(text(0)))
                     stages |= 1u << int(*s);
             });
    return stages;
}

QHash<int, int> ImportRepository::readActivityCounts(qint64 leadId)
{
    QHash<int, int> counts;
    readRows(m_activityCounts,
             "SELECT type_id, count(*) FROM activities WHERE lead_id = ?1 GROUP BY type_id", leadId,
             [&](const auto &text) { counts.insert(text(0).toInt(), text(1).toInt()); });
    return counts;
}

void ImportRepository::scanLeadKeys(const std::function<void(qint64 id, QStringView externalId,
                                                             QStringView emailFolded)> &visit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT id, external_id, email_folded FROM leads ORDER BY id")))
        throw Error(sql::describe(q));
    sql::exec(q);
    while (sql::next(q)) {
        const QString external = q.value(1).toString();
        const QString email = q.value(2).toString();
        visit(q.value(0).toLongLong(), external, email);
    }
}

void ImportRepository::saveMapping(const QString &signature, const QByteArray &mapping,
                                   const QString &by, qint64 at)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO import_mappings (header_signature, mapping, saved_at, "
                             "saved_by) VALUES (:signature, :mapping, :at, :by) "
                             "ON CONFLICT (header_signature) DO UPDATE SET mapping = "
                             "excluded.mapping, saved_at = excluded.saved_at, "
                             "saved_by = excluded.saved_by"));
    q.bindValue(QStringLiteral(":signature"), signature);
    q.bindValue(QStringLiteral(":mapping"), QString::fromUtf8(mapping));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), sql::text(by));
    sql::exec(q);
}

std::optional<QByteArray> ImportRepository::mapping(const QString &signature) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT mapping FROM import_mappings WHERE "
                                               "header_signature = :signature"));
    q.bindValue(QStringLiteral(":signature"), signature);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    return q.value(0).toString().toUtf8();
}

} // namespace handoff
