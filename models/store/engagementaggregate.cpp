#include "store/engagementaggregate.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

EngagementAggregate::EngagementAggregate(QSqlDatabase db)
    : m_db(std::move(db))
{}

QHash<qint64, double> EngagementAggregate::compute(const QList<AggregateWeight> &weights,
                                                   qint64 now, double halfLifeDays) const
{
    sql::execDirect(m_db,
                    QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS aggregate_weights ("
                                   "type_id INTEGER PRIMARY KEY, points DOUBLE PRECISION NOT NULL, "
                                   "cap DOUBLE PRECISION NOT NULL, decays INTEGER NOT NULL)"));
    sql::execDirect(m_db, QStringLiteral("DELETE FROM aggregate_weights"));
    auto insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO aggregate_weights (type_id, points, "
                             "cap, decays) VALUES (:type_id, :points, :cap, :decays)"));
    for (const AggregateWeight &w : weights) {
        insert.bindValue(QStringLiteral(":type_id"), w.typeId);
        insert.bindValue(QStringLiteral(":points"), w.points);
        insert.bindValue(QStringLiteral(":cap"), w.cap);
        insert.bindValue(QStringLiteral(":decays"), w.decays ? 1 : 0);
        sql::exec(insert);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral(
            "SELECT lead_id, SUM(CASE WHEN raw > cap THEN cap WHEN raw < -cap THEN -cap "
            "ELSE raw END) FROM ("
            "  SELECT a.lead_id AS lead_id, w.cap AS cap, w.points * SUM("
            "    CASE WHEN w.decays = 1 AND CAST(:half_life AS DOUBLE PRECISION) > 0"
            "         THEN power(0.5, (CASE WHEN CAST(:now AS BIGINT) > a.occurred_at"
            "                          THEN CAST(:now AS BIGINT) - a.occurred_at ELSE 0 END)"
            "                         / CAST(:half_life AS DOUBLE PRECISION))"
            "         ELSE 1 END) AS raw"
            "  FROM activities a JOIN aggregate_weights w ON w.type_id = a.type_id"
            "  GROUP BY a.lead_id, a.type_id, w.points, w.cap, w.decays"
            ") per_type GROUP BY lead_id")))
        throw Error(sql::describe(q));
    q.bindValue(QStringLiteral(":half_life"), halfLifeDays * 86400.0);
    q.bindValue(QStringLiteral(":now"), now);
    sql::exec(q);
    QHash<qint64, double> result;
    while (sql::next(q))
        result.insert(q.value(0).toLongLong(), q.value(1).toDouble());
    return result;
}

} // namespace handoff
