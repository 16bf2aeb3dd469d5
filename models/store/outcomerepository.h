#pragma once

// Reads what happened to leads, for the backtest and the suggester: when each lead first
// entered each stage, from the stage history. One grouped scan, forward-only.

#include <functional>

#include <QSqlDatabase>

#include "store/stage.h"

namespace handoff {

class OutcomeRepository
{
public:
    explicit OutcomeRepository(QSqlDatabase db);

    // When a lead first entered a stage. `firstAt` is its first dated entry, 0 when every
    // entry is undated (imported from a file that gave no date); `undated` says whether there
    // was an undated entry, and `undatedBy` when the import that recorded the earliest of them
    // ran (it happened no later than that; 0 when not known).
    struct Entry
    {
        qint64 leadId = 0;
        Stage stage = Stage::Suspect;
        qint64 firstAt = 0;
        bool undated = false;
        qint64 undatedBy = 0;
    };
    // Visits every stage every lead entered.
    void scanFirstEntries(const std::function<void(const Entry &)> &visit) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
