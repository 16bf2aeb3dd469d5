#pragma once

// Import batches and saved column mappings. A batch records what one import did: the leads
// it created (as runs of consecutive ids), the leads it changed (with what they looked like
// before, as JSON), and, through import_batch_id on activities and stage history, what it
// added, so it can be undone; and where the import ended, so an undo can tell whether anyone
// changed its leads since. Also what an import reads of the leads in bulk: their keys.

#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

#include "store/lead.h"
#include "store/sqlquery.h"

namespace handoff {

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
    // Where the import ended: its transaction's change number (as leads.change_seq) and the
    // newest audit entry then. Anything numbered later came after it. Unset for batches
    // recorded before Handoff kept them.
    std::optional<qint64> endChangeSeq;
    std::optional<qint64> endAuditId;
    std::optional<qint64> undoEndChangeSeq; // the same for its undo
};

class ImportRepository
{
public:
    explicit ImportRepository(QSqlDatabase db);
    ~ImportRepository();

    qint64 beginBatch(const ImportBatch &batch);
    // Writes the counts and where the import ended.
    void finishBatch(const ImportBatch &batch);
    // A lead the batch changed, with its fields before as JSON.
    void recordLeadChange(qint64 batchId, qint64 leadId, const QByteArray &before);
    // Leads firstId .. firstId + count - 1, all created by the batch.
    void recordCreatedLeads(qint64 batchId, qint64 firstId, qint64 count);
    std::optional<ImportBatch> find(qint64 batchId) const;
    QList<ImportBatch> batches() const;

    struct LeadChange
    {
        qint64 leadId = 0;
        qint64 created = 0; // leads from leadId on that the batch created; 0: it changed leadId
        QByteArray before;
    };
    // Every lead the batch created or changed, read forward-only (a batch can be large).
    void scanLeadChanges(qint64 batchId,
                         const std::function<void(const LeadChange &)> &visit) const;
    // Removes what the batch added (activities, stage history) and marks it undone; the
    // caller restores or deletes the leads from leadChanges() in the same transaction.
    void removeAdditions(qint64 batchId);
    // Deletes leads firstId .. firstId + count - 1 and, through the foreign keys, what hangs
    // on them.
    void removeLeads(qint64 firstId, qint64 count);
    // `endChangeSeq`: the undo's change number, as for an import.
    void markUndone(qint64 batchId, const QString &by, qint64 at, qint64 endChangeSeq);

    struct ChangedLead
    {
        qint64 id = 0;
        QString name;
        QString email;
    };
    // The batch's leads that someone changed after it: a write to the lead numbered after
    // `changeSeq`, or an audit entry after `auditId` on the lead or one of its handoffs (a
    // claim, a qualification edit). At most `limit` of them by id; *total counts them all.
    QList<ChangedLead> leadsChangedAfter(qint64 batchId, qint64 changeSeq, qint64 auditId,
                                         int limit, qint64 *total) const;
    qint64 latestAuditId() const;

    // One lead as stored, read through one prepared query however often it is called: an
    // import of a file of known leads reads each of them.
    std::optional<Lead> readLead(qint64 id);
    // The same for what else an import compares a row with: the lead's custom fields, the
    // stages it ever entered (bit 1 << Stage each), its activities by type id.
    QMap<QString, QString> readCustomFields(qint64 leadId);
    quint32 readReachedStages(qint64 leadId);
    QHash<int, int> readActivityCounts(qint64 leadId);
    // Every lead's id, external id and case-folded e-mail, forward-only: what an import
    // matches rows against.
    void scanLeadKeys(const std::function<void(qint64 id, QStringView externalId,
                                               QStringView emailFolded)> &visit) const;

    void saveMapping(const QString &signature, const QByteArray &mapping, const QString &by,
                     qint64 at);
    std::optional<QByteArray> mapping(const QString &signature) const;

private:
    void saveEnd(const ImportBatch &batch);
    void insertChange(qint64 batchId, qint64 leadId, qint64 created, const QString &before);

    QSqlDatabase m_db;
    std::optional<sql::Statement> m_recordChange; // one statement for a whole import
    // One statement each, on SQLite native, else through Qt (see readLead()).
    struct Reader
    {
        std::shared_ptr<NativeStatement> native;
        std::optional<sql::Statement> query;
    };
    // Runs `statement` (its one parameter written ?1) for `id`, handing each row to `row` as
    // a function from column to text.
    void readRows(Reader &reader, const char *statement, qint64 id,
                  const std::function<void(const std::function<QString(int)> &)> &row);

    std::optional<sql::Statement> m_readLead;
    std::shared_ptr<NativeStatement> m_nativeReadLead;
    Reader m_customFields;
    Reader m_reachedStages;
    Reader m_activityCounts;
    std::shared_ptr<NativeStatement> m_nativeChange; // the same on SQLite
};

} // namespace handoff
