#pragma once

// Reads and writes leads and their stage history. Writes join the caller's transaction:
// a bulk load opens one Transaction and calls insert() per lead on the same prepared query.

#include <functional>
#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "lead.h"

class LeadRepository
{
public:
    explicit LeadRepository(QSqlDatabase db);

    qint64 insert(const Lead &lead);
    std::optional<Lead> find(qint64 id) const;
    QList<Lead> find(const QList<qint64> &ids) const;
    qint64 count() const;
    // Every lead in id order, read forward-only: the in-memory lead table is built from it.
    void scan(const std::function<void(const Lead &)> &visit) const;

    void setOwner(qint64 leadId, const QString &owner);
    // Leads written at or after `stampMs` (milliseconds, the writer's clock): what another
    // console or an import changed.
    QList<Lead> changedSince(qint64 stampMs) const;
    qint64 latestChangeStamp() const;

    // Moves the lead to `change.to` and records the move in the stage history.
    void changeStage(const StageChange &change);
    void recordStageChange(const StageChange &change);
    QList<StageChange> stageHistory(qint64 leadId) const;

private:
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_insertStage;
};
