#pragma once

// What became of each lead in a LeadTable, row by row: when it first became an MQL, when
// sales accepted it (SQL, or a later stage reached directly) and when it was closed.
// "Converted" means the lead reached SQL or beyond; a lead's outcome is "known" once it
// converted, was closed without converting, or had `maturity` to convert and did not.
//
// Undated history: a lead imported from a file that said where it got but not when (stage
// changes stored undated) still converted, or was closed; only the moment is unknown. Such an
// outcome is known, its time reads 0 and outcomeUndated() says so; it was decided no later
// than the import that recorded it (decidedAt() answers that bound). A lead whose creation
// date is unknown has had its time to convert: its history came from before the import.

#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include <QHash>
#include <QtGlobal>

namespace handoff {

class Database;
class LeadTable;

class LeadOutcomes
{
public:
    LeadOutcomes() = default;
    // Reads the stage history for the rows of `leads`; `keepGoing` returning false stops it
    // (Error).
    static LeadOutcomes read(Database &db, const LeadTable &leads,
                             const std::function<bool()> &keepGoing = {});

    int size() const { return int(m_entry.size()); }
    void resize(int rows);
    // For tests and callers that already know the history.
    void setMqlAt(int row, qint64 at)
    {
        write(row, [at](Times &t) { t.mql = at; });
    }
    void setSqlAt(int row, qint64 at)
    {
        write(row, [at](Times &t) { t.sql = at; });
    }
    void setClosedAt(int row, qint64 at)
    {
        write(row, [at](Times &t) { t.closed = at; });
    }
    // The lead converted (or was closed) at a time nobody knows, no later than `by` (0: not
    // known either); a dated conversion or closing, when there is one, wins.
    void setSqlUndated(int row, qint64 by = 0) { mark(row, SqlUndated, by); }
    void setClosedUndated(int row, qint64 by = 0) { mark(row, ClosedUndated, by); }

    bool converted(int row) const
    {
        return sqlAt(row) != 0 || (m_undated[size_t(row)] & SqlUndated);
    }
    bool closed(int row) const
    {
        return closedAt(row) != 0 || (m_undated[size_t(row)] & ClosedUndated);
    }
    // 0 when the lead never reached that point, or reached it only at an undated time.
    qint64 mqlAt(int row) const { return times(row).mql; }
    qint64 sqlAt(int row) const { return times(row).sql; }
    qint64 closedAt(int row) const { return times(row).closed; }
    // Whether the lead became an MQL at all, dated or not.
    bool reachedMql(int row) const
    {
        return mqlAt(row) != 0 || (m_undated[size_t(row)] & MqlUndated);
    }
    // The outcome (conversion, else closing) is known but not when.
    bool outcomeUndated(int row) const
    {
        return converted(row) ? sqlAt(row) == 0 : closed(row) && closedAt(row) == 0;
    }
    // Converted, closed (lost, disqualified), or created at least `maturitySeconds` before
    // `now` without converting; a lead whose creation is undated (createdUndated) has had
    // its time.
    bool known(int row, qint64 createdAt, bool createdUndated, qint64 now,
               qint64 maturitySeconds) const;
    // When the outcome was decided: conversion or closing time, else `now`; for an undated
    // outcome, the import that recorded it (no later than that), else `now`. Scores used to
    // predict the outcome may only count activities before this moment.
    qint64 decidedAt(int row, qint64 now) const;

private:
    enum : quint8 { MqlUndated = 1, SqlUndated = 2, ClosedUndated = 4 };
    void mark(int row, quint8 flag, qint64 by);

    struct Times
    {
        qint64 mql = 0;
        qint64 sql = 0;
        qint64 closed = 0;
    };
    Times times(int row) const
    {
        const quint32 entry = m_entry[size_t(row)];
        if (entry == 0)
            return {};
        if (!m_wideTimes.isEmpty()) {
            if (const auto wide = m_wideTimes.constFind(entry); wide != m_wideTimes.cend())
                return *wide;
        }
        const NarrowTimes &n = m_times[entry - 1];
        return {n[0], n[1], n[2]};
    }
    // Changes a lead's times through `change`, kept narrow while each fits.
    template <typename Change> void write(int row, Change change)
    {
        Times t = times(row);
        change(t);
        store(row, t);
    }
    void store(int row, const Times &t);

    // Most leads never reach a stage beyond "new" (56% of the million-lead demo): the times
    // are kept only for those that did, m_entry[row] - 1 indexing them (0: none). In pieces:
    // a vector grows by copying into one twice as large, which beside the timeline's read
    // added a dozen megabytes to the tuning workspace's peak at a million leads.
    std::vector<quint32> m_entry;
    // Each a time in seconds since 1970 in four bytes (to the year 2106): 12 bytes a lead
    // with a stage where 24 took 10 MB at a million leads. A lead with a time before 1970 or
    // past 2106 (a file's odd date) has its times in m_wideTimes, by entry, instead.
    using NarrowTimes = std::array<quint32, 3>;
    std::deque<NarrowTimes> m_times;
    QHash<quint32, Times> m_wideTimes;
    std::vector<quint8> m_undated; // the flags above: entered only at an undated time
    // By row, for the rows with an undated outcome (a few imports' worth, most leads have
    // none): the earliest import that recorded it.
    QHash<int, qint64> m_undatedBy;
};

} // namespace handoff
