#include "scoring/leadoutcomes.h"

#include <algorithm>
#include <limits>

#include <QCoreApplication>

#include "scoring/leadtable.h"
#include "store/database.h"
#include "store/error.h"
#include "store/outcomerepository.h"

namespace handoff {

namespace {
void keepEarliest(qint64 &slot, qint64 at)
{
    if (at != 0 && (slot == 0 || at < slot))
        slot = at;
}
} // namespace

LeadOutcomes LeadOutcomes::read(Database &db, const LeadTable &leads,
                                const std::function<bool()> &keepGoing)
{
    LeadOutcomes outcomes;
    outcomes.resize(leads.size());
    // The earliest entry into each kind of outcome counts.
    qint64 seen = 0;
    OutcomeRepository(db.connection()).scan([&](const OutcomeRepository::Entry &e) {
        if ((++seen & 0xFFFF) == 0 && keepGoing && !keepGoing())
            throw Error(QCoreApplication::translate("LeadOutcomes", "Cancelled"));
        const auto row = leads.rowOf(e.leadId);
        if (!row)
            return;
        switch (e.stage) {
        case Stage::Mql:
            outcomes.write(*row, [&](Times &t) { keepEarliest(t.mql, e.at); });
            if (e.undated)
                outcomes.mark(*row, MqlUndated, e.undatedBy);
            break;
        case Stage::Sql:
        case Stage::Opportunity:
        case Stage::Won:
            outcomes.write(*row, [&](Times &t) { keepEarliest(t.sql, e.at); });
            if (e.undated)
                outcomes.mark(*row, SqlUndated, e.undatedBy);
            break;
        case Stage::Lost:
        case Stage::Disqualified:
            outcomes.write(*row, [&](Times &t) { keepEarliest(t.closed, e.at); });
            if (e.undated)
                outcomes.mark(*row, ClosedUndated, e.undatedBy);
            break;
        default:
            break;
        }
    });
    return outcomes;
}

void LeadOutcomes::resize(int rows)
{
    m_entry.assign(size_t(rows), 0);
    m_times.clear();
    m_wideTimes.clear();
    m_undated.assign(size_t(rows), 0);
    m_undatedBy.clear();
}

void LeadOutcomes::store(int row, const Times &t)
{
    quint32 &entry = m_entry[size_t(row)];
    if (entry == 0) {
        m_times.emplace_back();
        entry = quint32(m_times.size());
    }
    const auto fits = [](qint64 at) {
        return at >= 0 && at <= qint64(std::numeric_limits<quint32>::max());
    };
    if (m_wideTimes.contains(entry) || !fits(t.mql) || !fits(t.sql) || !fits(t.closed)) {
        m_wideTimes.insert(entry, t);
        return;
    }
    m_times[entry - 1] = {quint32(t.mql), quint32(t.sql), quint32(t.closed)};
}

void LeadOutcomes::mark(int row, quint8 flag, qint64 by)
{
    m_undated[size_t(row)] |= flag;
    if (flag != MqlUndated) // the bound is the outcome's
        keepEarliest(m_undatedBy[row], by);
}

bool LeadOutcomes::known(int row, qint64 createdAt, bool createdUndated, qint64 now,
                         qint64 maturitySeconds) const
{
    return converted(row) || closed(row) || createdUndated || createdAt + maturitySeconds <= now;
}

qint64 LeadOutcomes::decidedAt(int row, qint64 now) const
{
    if (converted(row) && sqlAt(row) != 0)
        return sqlAt(row);
    if (!converted(row) && closedAt(row) != 0)
        return closedAt(row);
    const qint64 by = outcomeUndated(row) ? m_undatedBy.value(row) : 0;
    if (by != 0)
        return std::min(by, now);
    return now;
}

} // namespace handoff
