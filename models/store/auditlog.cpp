#include "store/auditlog.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/sqlquery.h"

namespace handoff {

AuditLog::AuditLog(QSqlDatabase db)
    : m_db(std::move(db))
{}

void AuditLog::record(const AuditEntry &e)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) "
                             "VALUES (:at, :actor, :action, :entity, :entity_id, :detail)"));
    q.bindValue(QStringLiteral(":at"), e.at);
    q.bindValue(QStringLiteral(":actor"), sql::text(e.actor));
    q.bindValue(QStringLiteral(":action"), sql::text(e.action));
    q.bindValue(QStringLiteral(":entity"), sql::text(e.entity));
    q.bindValue(QStringLiteral(":entity_id"), e.entityId);
    q.bindValue(QStringLiteral(":detail"), sql::text(e.detail));
    sql::exec(q);
}

QList<AuditEntry> AuditLog::recent(int limit) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT at, actor, action, entity, entity_id, detail FROM audit_log "
                             "ORDER BY id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":limit"), limit);
    sql::exec(q);
    QList<AuditEntry> entries;
    while (sql::next(q)) {
        entries.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString()});
    }
    return entries;
}

} // namespace handoff
