#include "leadoutcomes.h"

#include "database.h"
#include "leadtable.h"
#include "outcomerepository.h"

namespace {
void keepEarliest(qint64 &slot, qint64 at)
{
    if (slot == 0 || at < slot)
        slot = at;
}
} // namespace

LeadOutcomes LeadOutcomes::read(Database &db, const LeadTable &leads)
{
    LeadOutcomes outcomes;
    outcomes.resize(leads.size());
    OutcomeRepository(db.connection())
        .scanFirstEntries([&](qint64 leadId, Stage stage, qint64 firstAt) {
            const auto row = leads.rowOf(leadId);
            if (!row)
                return;
            const size_t r = size_t(*row);
            switch (stage) {
            case Stage::Mql:
                keepEarliest(outcomes.m_mqlAt[r], firstAt);
                break;
            case Stage::Sql:
            case Stage::Opportunity:
            case Stage::Won:
                keepEarliest(outcomes.m_sqlAt[r], firstAt);
                break;
            case Stage::Lost:
            case Stage::Disqualified:
                keepEarliest(outcomes.m_closedAt[r], firstAt);
                break;
            default:
                break;
            }
        });
    return outcomes;
}

void LeadOutcomes::resize(int rows)
{
    m_mqlAt.assign(size_t(rows), 0);
    m_sqlAt.assign(size_t(rows), 0);
    m_closedAt.assign(size_t(rows), 0);
}

bool LeadOutcomes::known(int row, qint64 createdAt, qint64 now, qint64 maturitySeconds) const
{
    return converted(row) || closedAt(row) != 0 || createdAt + maturitySeconds <= now;
}

qint64 LeadOutcomes::decidedAt(int row, qint64 now) const
{
    if (converted(row))
        return sqlAt(row);
    if (closedAt(row) != 0)
        return closedAt(row);
    return now;
}
