#pragma once

// Import batches and saved column mappings. A batch records what one import did: the leads
// it created, the leads it changed (with what they looked like before, as JSON), and, through
// import_batch_id on activities and stage history, what it added, so it can be undone.

#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

class NativeStatement;

struct ImportBatch
{
    qint64 id = 0;
    QString fileName;
    QString preset;
    qint64 importedAt = 0;
    QString importedBy;
    qint64 leadsCreated = 0;
    qint64 leadsUpdated = 0;
    qint64 activitiesCreated = 0;
    qint64 rowsRejected = 0;
    std::optional<qint64> undoneAt;
    QString undoneBy;
};

class ImportRepository
{
public:
    explicit ImportRepository(QSqlDatabase db);

    qint64 beginBatch(const ImportBatch &batch);
    void finishBatch(const ImportBatch &batch);
    void recordLeadChange(qint64 batchId, qint64 leadId, bool created, const QByteArray &before);
    std::optional<ImportBatch> find(qint64 batchId) const;
    QList<ImportBatch> batches() const;

    struct LeadChange
    {
        qint64 leadId = 0;
        bool created = false;
        QByteArray before;
    };
    // Every lead the batch created or changed, read forward-only (a batch can be large).
    void scanLeadChanges(qint64 batchId,
                         const std::function<void(const LeadChange &)> &visit) const;
    // Removes what the batch added (activities, stage history) and marks it undone; the
    // caller restores or deletes the leads from leadChanges() in the same transaction.
    void removeAdditions(qint64 batchId);
    void markUndone(qint64 batchId, const QString &by, qint64 at);

    void saveMapping(const QString &signature, const QByteArray &mapping, const QString &by,
                     qint64 at);
    std::optional<QByteArray> mapping(const QString &signature) const;

private:
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_recordChange;         // one statement for a whole import
    std::shared_ptr<NativeStatement> m_nativeChange; // the same on SQLite
};
