#pragma once

// The audit log: every change a person makes, with who, when, what and to which record.
// Entries join the caller's transaction, so a change and its audit entry land together.

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "store/sqlquery.h"

namespace handoff {

struct AuditEntry
{
    qint64 at = 0;
    QString actor;
    QString action; // e.g. "claim", "stage.change", "model.create"
    QString entity; // e.g. "handoff", "lead", "scoring_model"
    qint64 entityId = 0;
    QString detail;
};

class AuditLog
{
public:
    explicit AuditLog(QSqlDatabase db);

    void record(const AuditEntry &entry);
    QList<AuditEntry> recent(int limit) const;

    // For a statement that writes an entry together with what it records (a claim on a
    // team server, in one round trip): the columns an entry fills, in this order, and its
    // values bound to :audit_at, :audit_actor, :audit_action, :audit_entity,
    // :audit_entity_id and :audit_detail.
    static QString columns();
    static void bind(sql::Statement &statement, const AuditEntry &entry);

private:
    QSqlDatabase m_db;
};

} // namespace handoff
