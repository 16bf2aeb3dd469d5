#include "store/outcomerepository.h"

#include <QSqlQuery>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

OutcomeRepository::OutcomeRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

void OutcomeRepository::scanFirstEntries(const std::function<void(const Entry &)> &visit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Undated rows hold time 0: MIN over every row would make 0 the first entry. The batch's
    // time is looked up only for undated rows (CASE evaluates one branch), so a history of
    // dated rows costs what it did.
    if (!q.prepare(QStringLiteral(
            "SELECT h.lead_id, h.to_stage, MIN(CASE WHEN h.undated = 0 THEN h.changed_at END), "
            "MIN(CASE WHEN h.undated <> 0 THEN coalesce((SELECT b.imported_at FROM "
            "import_batches b WHERE b.id = h.import_batch_id), 0) END) "
            "FROM stage_history h GROUP BY h.lead_id, h.to_stage")))
        throw Error(sql::describe(q));
    sql::exec(q);
    while (sql::next(q)) {
        // The CHECK constraint on leads does not cover history rows: skip what we cannot read.
        const auto stage = stage::fromString(q.value(1).toString());
        if (!stage)
            continue;
        Entry e;
        e.leadId = q.value(0).toLongLong();
        e.stage = *stage;
        e.firstAt = q.value(2).toLongLong(); // NULL (no dated entry) reads as 0
        e.undated = !q.value(3).isNull();
        e.undatedBy = q.value(3).toLongLong();
        visit(e);
    }
}

} // namespace handoff
