#include "importrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "nativestatement.h"
#include "sqlquery.h"
#include "storeerror.h"

ImportRepository::ImportRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

qint64 ImportRepository::beginBatch(const ImportBatch &b)
{
    QSqlQuery q = sql::prepare(
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
    QSqlQuery q = sql::prepare(
        m_db, QStringLiteral("UPDATE import_batches SET leads_created = :created, "
                             "leads_updated = :updated, activities_created = :activities, "
                             "rows_rejected = :rejected WHERE id = :id"));
    q.bindValue(QStringLiteral(":created"), b.leadsCreated);
    q.bindValue(QStringLiteral(":updated"), b.leadsUpdated);
    q.bindValue(QStringLiteral(":activities"), b.activitiesCreated);
    q.bindValue(QStringLiteral(":rejected"), b.rowsRejected);
    q.bindValue(QStringLiteral(":id"), b.id);
    sql::exec(q);
}

void ImportRepository::recordLeadChange(qint64 batchId, qint64 leadId, bool created,
                                        const QByteArray &before)
{
    if (!m_nativeChange && !m_recordChange) {
        m_nativeChange = NativeStatement::prepare(
            m_db, "INSERT INTO import_lead_changes (batch_id, lead_id, created, before) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (batch_id, lead_id) DO NOTHING");
    }
    if (m_nativeChange) {
        m_nativeChange->bind(1, batchId);
        m_nativeChange->bind(2, leadId);
        m_nativeChange->bind(3, qint64(created ? 1 : 0));
        m_nativeChange->bind(4, QString::fromUtf8(before));
        m_nativeChange->run();
        return;
    }
    if (!m_recordChange) {
        m_recordChange = sql::prepare(
            m_db, QStringLiteral("INSERT INTO import_lead_changes (batch_id, lead_id, created, "
                                 "before) VALUES (:batch, :lead, :created, :before) "
                                 "ON CONFLICT (batch_id, lead_id) DO NOTHING"));
    }
    QSqlQuery &q = *m_recordChange;
    q.bindValue(QStringLiteral(":batch"), batchId);
    q.bindValue(QStringLiteral(":lead"), leadId);
    q.bindValue(QStringLiteral(":created"), created ? 1 : 0);
    q.bindValue(QStringLiteral(":before"), sql::text(QString::fromUtf8(before)));
    sql::exec(q);
}

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
    return b;
}

const QString selectBatch = QStringLiteral(
    "SELECT id, file_name, preset, imported_at, imported_by, leads_created, leads_updated, "
    "activities_created, rows_rejected, undone_at, undone_by FROM import_batches");
} // namespace

std::optional<ImportBatch> ImportRepository::find(qint64 batchId) const
{
    QSqlQuery q = sql::prepare(m_db, selectBatch + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), batchId);
    sql::exec(q);
    if (!q.next())
        return std::nullopt;
    return readBatch(q);
}

QList<ImportBatch> ImportRepository::batches() const
{
    QSqlQuery q = sql::prepare(m_db, selectBatch + QStringLiteral(" ORDER BY id DESC"));
    sql::exec(q);
    QList<ImportBatch> list;
    while (q.next())
        list.append(readBatch(q));
    return list;
}

void ImportRepository::scanLeadChanges(qint64 batchId,
                                       const std::function<void(const LeadChange &)> &visit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT lead_id, created, before FROM import_lead_changes "
                                  "WHERE batch_id = :batch")))
        throw StoreError(sql::describe(q));
    q.bindValue(QStringLiteral(":batch"), batchId);
    sql::exec(q);
    // Collected first: the visitor writes to the tables this query reads.
    QList<LeadChange> changes;
    while (q.next())
        changes.append(
            {q.value(0).toLongLong(), q.value(1).toInt() != 0, q.value(2).toString().toUtf8()});
    q.finish();
    for (const LeadChange &change : std::as_const(changes))
        visit(change);
}

void ImportRepository::removeAdditions(qint64 batchId)
{
    for (const QString &statement :
         {QStringLiteral("DELETE FROM activities WHERE import_batch_id = :batch"),
          QStringLiteral("DELETE FROM stage_history WHERE import_batch_id = :batch")}) {
        QSqlQuery q = sql::prepare(m_db, statement);
        q.bindValue(QStringLiteral(":batch"), batchId);
        sql::exec(q);
    }
}

void ImportRepository::markUndone(qint64 batchId, const QString &by, qint64 at)
{
    QSqlQuery q = sql::prepare(m_db, QStringLiteral("UPDATE import_batches SET undone_at = :at, "
                                                    "undone_by = :by WHERE id = :id"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), sql::text(by));
    q.bindValue(QStringLiteral(":id"), batchId);
    sql::exec(q);
}

void ImportRepository::saveMapping(const QString &signature, const QByteArray &mapping,
                                   const QString &by, qint64 at)
{
    QSqlQuery q = sql::prepare(
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
    QSqlQuery q = sql::prepare(m_db, QStringLiteral("SELECT mapping FROM import_mappings WHERE "
                                                    "header_signature = :signature"));
    q.bindValue(QStringLiteral(":signature"), signature);
    sql::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString().toUtf8();
}
