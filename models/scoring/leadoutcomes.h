#pragma once

// What became of each lead in a LeadTable, row by row: when it first became an MQL, when
// sales accepted it (SQL, or a later stage reached directly) and when it was closed.
// "Converted" means the lead reached SQL or beyond; a lead's outcome is "known" once it
// converted, was closed without converting, or had `maturity` to convert and did not.

#include <optional>
#include <vector>

#include <QtGlobal>

class Database;
class LeadTable;

class LeadOutcomes
{
public:
    LeadOutcomes() = default;
    // Reads the stage history for the rows of `leads`.
    static LeadOutcomes read(Database &db, const LeadTable &leads);

    int size() const { return int(m_sqlAt.size()); }
    void resize(int rows);
    // For tests and callers that already know the history.
    void setMqlAt(int row, qint64 at) { m_mqlAt[size_t(row)] = at; }
    void setSqlAt(int row, qint64 at) { m_sqlAt[size_t(row)] = at; }
    void setClosedAt(int row, qint64 at) { m_closedAt[size_t(row)] = at; }

    bool converted(int row) const { return m_sqlAt[size_t(row)] != 0; }
    // 0 when the lead never reached that point.
    qint64 mqlAt(int row) const { return m_mqlAt[size_t(row)]; }
    qint64 sqlAt(int row) const { return m_sqlAt[size_t(row)]; }
    qint64 closedAt(int row) const { return m_closedAt[size_t(row)]; }
    // Converted, closed (lost, disqualified), or created at least `maturitySeconds` before
    // `now` without converting.
    bool known(int row, qint64 createdAt, qint64 now, qint64 maturitySeconds) const;
    // When the outcome was decided: conversion or closing time, else `now`. Scores used to
    // predict the outcome may only count activities before this moment.
    qint64 decidedAt(int row, qint64 now) const;

private:
    std::vector<qint64> m_mqlAt;
    std::vector<qint64> m_sqlAt;
    std::vector<qint64> m_closedAt;
};
