#include "store/auditlog.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/sqlquery.h"

namespace handoff {

AuditLog::AuditLog(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString AuditLog::columns()
{
    return QStringLiteral("at, actor, action, entity, entity_id, detail");
}

void AuditLog::bind(sql::Statement &query, const AuditEntry &e)
{
    query.bindValue(QStringLiteral(":audit_at"), e.at);
    query.bindValue(QStringLiteral(":audit_actor"), sql::text(e.actor));
    query.bindValue(QStringLiteral(":audit_action"), sql::text(e.action));
    query.bindValue(QStringLiteral(":audit_entity"), sql::text(e.entity));
    query.bindValue(QStringLiteral(":audit_entity_id"), e.entityId);
    query.bindValue(QStringLiteral(":audit_detail"), sql::text(e.detail));
}

void AuditLog::record(const AuditEntry &e)
{
    auto q = sql::prepare(m_db, QStringLiteral("INSERT INTO audit_log (") + columns() +
                                    QStringLiteral(") VALUES (:audit_at, :audit_actor, "
                                                   ":audit_action, :audit_entity, "
                                                   ":audit_entity_id, :audit_detail)"));
    bind(q, e);
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
