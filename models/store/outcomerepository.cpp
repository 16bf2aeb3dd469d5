#include "outcomerepository.h"

#include <QSqlQuery>

#include "sqlquery.h"
#include "storeerror.h"

OutcomeRepository::OutcomeRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

void OutcomeRepository::scanFirstEntries(
    const std::function<void(qint64 leadId, Stage stage, qint64 firstAt)> &visit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT lead_id, to_stage, MIN(changed_at) FROM stage_history "
                                  "GROUP BY lead_id, to_stage")))
        throw StoreError(sql::describe(q));
    sql::exec(q);
    while (sql::next(q)) {
        // The CHECK constraint on leads does not cover history rows: skip what we cannot read.
        if (const auto stage = stage::fromString(q.value(1).toString()))
            visit(q.value(0).toLongLong(), *stage, q.value(2).toLongLong());
    }
}
