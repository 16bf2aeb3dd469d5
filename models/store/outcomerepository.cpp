#include "store/outcomerepository.h"

#include <algorithm>
#include <vector>

#include "store/rowscanner.h"

namespace handoff {

OutcomeRepository::OutcomeRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

void OutcomeRepository::scan(const std::function<void(const Entry &)> &visit) const
{
    // The batch's time is looked up only for undated rows (CASE evaluates one branch).
    RowScanner q(m_db,
                 QStringLiteral("SELECT h.lead_id, h.to_stage, h.changed_at, h.undated, CASE WHEN "
                                "h.undated <> 0 THEN coalesce((SELECT b.imported_at FROM "
                                "import_batches b WHERE b.id = h.import_batch_id), 0) END "
                                "FROM stage_history h"));
    q.run();
    // The stored spellings, matched on the bytes in any case (as stage::fromString): a stage
    // a row names is one of a handful.
    std::vector<std::pair<QByteArray, Stage>> spellings;
    for (int s = 0; s <= int(Stage::Disqualified); ++s)
        spellings.emplace_back(stage::toString(Stage(s)).toUtf8(), Stage(s));
    while (q.next()) {
        const QByteArrayView text = q.utf8(1);
        const auto known = std::find_if(spellings.begin(), spellings.end(), [&](const auto &s) {
            return QByteArrayView(s.first).compare(text, Qt::CaseInsensitive) == 0;
        });
        // The CHECK constraint on leads does not cover history rows: skip what we cannot read.
        if (known == spellings.end())
            continue;
        Entry e;
        e.leadId = q.integer(0);
        e.stage = known->second;
        e.undated = q.integer(3) != 0;
        e.at = e.undated ? 0 : q.integer(2);
        e.undatedBy = q.integer(4);
        visit(e);
    }
}

} // namespace handoff
