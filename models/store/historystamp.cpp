#include "store/historystamp.h"

#include <QSqlQuery>

#include "store/sqlquery.h"

namespace handoff {

HistoryStampRepository::HistoryStampRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

HistoryStamp HistoryStampRepository::current() const
{
    return at(sql::scalar(m_db, QStringLiteral("SELECT max(id) FROM activities")),
              sql::scalar(m_db, QStringLiteral("SELECT max(change_seq) FROM leads")));
}

QString HistoryStampRepository::databaseId() const
{
    auto q =
        sql::prepare(m_db, QStringLiteral("SELECT database_id FROM history_stamp WHERE id = 1"));
    sql::exec(q);
    return sql::next(q) ? q.value(0).toString() : QString();
}

HistoryStamp HistoryStampRepository::at(qint64 lastActivityId, qint64 leadChangeSeq) const
{
    HistoryStamp stamp;
    stamp.lastActivityId = lastActivityId;
    stamp.leadChangeSeq = leadChangeSeq;
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT database_id, rewrites FROM history_stamp WHERE id = 1"));
    sql::exec(q);
    if (sql::next(q)) {
        stamp.databaseId = q.value(0).toString();
        stamp.rewrites = q.value(1).toLongLong();
    }
    q.finish();
    auto last = sql::prepare(
        m_db,
        QStringLiteral("SELECT lead_id, type_id, occurred_at FROM activities WHERE id = :id"));
    last.bindValue(QStringLiteral(":id"), lastActivityId);
    sql::exec(last);
    if (sql::next(last)) {
        stamp.lastActivityLead = last.value(0).toLongLong();
        stamp.lastActivityType = last.value(1).toInt();
        stamp.lastActivityAt = last.value(2).toLongLong();
    }
    return stamp;
}

bool HistoryStampRepository::continues(const HistoryStamp &saved, const HistoryStamp &current) const
{
    if (current.databaseId.isEmpty() || current.databaseId != saved.databaseId ||
        current.rewrites != saved.rewrites || current.lastActivityId < saved.lastActivityId ||
        current.leadChangeSeq < saved.leadChangeSeq)
        return false;
    const HistoryStamp then = at(saved.lastActivityId, saved.leadChangeSeq);
    return then.lastActivityLead == saved.lastActivityLead &&
           then.lastActivityType == saved.lastActivityType &&
           then.lastActivityAt == saved.lastActivityAt;
}

} // namespace handoff
