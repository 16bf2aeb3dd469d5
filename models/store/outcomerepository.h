#pragma once

// Reads what happened to leads, for the backtest and the suggester: every stage each lead
// entered, from the stage history. One forward-only scan; the caller keeps what it needs
// (grouping in SQLite took three times as long as reading every row).

#include <functional>

#include <QSqlDatabase>

#include "store/stage.h"

namespace handoff {

class OutcomeRepository
{
public:
    explicit OutcomeRepository(QSqlDatabase db);

    // A lead entered a stage: at `at`, or, for an undated entry (imported from a file that
    // gave no date; `at` is then 0), no later than `undatedBy`, when the import that recorded
    // it ran (0 when not known).
    struct Entry
    {
        qint64 leadId = 0;
        Stage stage = Stage::Suspect;
        qint64 at = 0;
        bool undated = false;
        qint64 undatedBy = 0;
    };
    // Visits every entry of the stage history, in no particular order; rows naming a stage
    // this version does not know are skipped.
    void scan(const std::function<void(const Entry &)> &visit) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
