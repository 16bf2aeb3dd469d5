#pragma once

// Reads what happened to leads, for the backtest and the suggester: when each lead first
// entered each stage, from the stage history. One grouped scan, forward-only.

#include <functional>

#include <QSqlDatabase>

#include "stage.h"

class OutcomeRepository
{
public:
    explicit OutcomeRepository(QSqlDatabase db);

    // Visits (lead, stage, first time the lead entered it) for every stage a lead entered.
    void scanFirstEntries(
        const std::function<void(qint64 leadId, Stage stage, qint64 firstAt)> &visit) const;

private:
    QSqlDatabase m_db;
};
