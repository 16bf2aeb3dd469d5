#pragma once

// Reads and writes leads and their stage history. Writes join the caller's transaction:
// a bulk load opens one Transaction and calls insert() per lead on the same prepared query.

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QSqlDatabase>

#include "store/lead.h"
#include "store/sqlquery.h"

namespace handoff {

class NativeStatement;
class RowScanner;

class LeadRepository
{
public:
    explicit LeadRepository(QSqlDatabase db);

    qint64 insert(const Lead &lead);
    // Writes every field of an existing lead.
    void update(const Lead &lead);
    // Deletes the lead and, through the foreign keys, everything recorded about it.
    void remove(qint64 leadId);

    // Every lead's id by external id and by case-folded e-mail: how imports find a lead.
    struct Identities
    {
        QHash<QString, qint64> byExternalId;
        QHash<QString, qint64> byEmail;
    };
    Identities identities() const;

    // Fields an import kept that Handoff has no column for, by name.
    QMap<QString, QString> customFields(qint64 leadId) const;
    void setCustomFields(qint64 leadId, const QMap<QString, QString> &fields);
    // Every custom field of every lead (of the leads in `scope`), forward-only.
    void scanCustomFields(
        const std::function<void(qint64 leadId, const QString &name, const QString &value)> &visit,
        LeadScope scope = LeadScope::Every) const;
    // Every stage the lead has ever entered.
    QSet<Stage> reachedStages(qint64 leadId) const;
    std::optional<Lead> find(qint64 id) const;
    // The ids of the leads a person may mean by `key`: its number, its external id (the
    // source system's), or its e-mail address in any case. Several when the key is ambiguous.
    QList<qint64> findByKey(const QString &key) const;
    QList<Lead> find(const QList<qint64> &ids) const;
    qint64 count() const;
    // Every lead's id (in `scope`), in id order: the rows scan() will visit them in.
    std::vector<qint64> ids(LeadScope scope = LeadScope::Every) const;
    // Every lead (in `scope`) in id order, read forward-only: the in-memory lead table is
    // built from it.
    void scan(const std::function<void(const Lead &)> &visit,
              LeadScope scope = LeadScope::Every) const;
    // The condition on a lead id column that keeps the leads in `scope` ("1" for every lead).
    static QString scopeCondition(LeadScope scope, const QString &leadIdColumn);

    void setOwner(qint64 leadId, const QString &owner);
    // Leads written after change number `changeSeq` (see Transaction): what another console
    // or an import changed since a console last looked, with their custom fields.
    struct ChangedLead
    {
        Lead lead;
        QMap<QString, QString> customFields;
    };
    QList<ChangedLead> changedSince(qint64 changeSeq) const;
    // For a read that brings leads with rows of another table (a handoff with its lead): a
    // lead's columns, each as `table.column`; how many they are; the lead read from them,
    // the first at `first`.
    static QString columns(const QString &table);
    static int columnCount();
    static Lead read(const RowScanner &q, int first);
    qint64 latestChangeSeq() const;

    // Moves the lead to `change.to` and records the move in the stage history.
    void changeStage(const StageChange &change);
    // The move alone, without its record (recordStageChange() writes that).
    void setStage(qint64 leadId, Stage to);
    void recordStageChange(const StageChange &change);
    QList<StageChange> stageHistory(qint64 leadId) const;

private:
    qint64 insertRow(const Lead &lead);

    QSqlDatabase m_db;
    std::optional<sql::Statement> m_insert;
    std::shared_ptr<NativeStatement> m_nativeInsert; // SQLite's fast path for insert()
    std::shared_ptr<NativeStatement> m_nativeStage;  // ... and for recordStageChange()
    std::optional<sql::Statement> m_insertStage;
};

} // namespace handoff
