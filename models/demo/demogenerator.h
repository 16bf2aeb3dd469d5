#pragma once

// Fills an empty database with a reproducible demo world: leads over the last weeks with
// realistic titles, industries, sizes and activity, hand-raisers arriving today, handoffs
// claimed, accepted or rejected with reasons, sales-sourced leads, leads the
// disqualification rules catch, and stage history in which conversion really depends on fit,
// engagement and speed to lead (so charts and backtests show something true).

#include <functional>

#include <QCoreApplication>

namespace handoff {

class Database;

struct DemoOptions
{
    int leads = 5000;
    quint64 seed = 42;
    qint64 now = 0; // reference time in epoch seconds; 0 means the current time
    int weeks = 26;
};

struct DemoSummary
{
    qint64 leads = 0;
    qint64 activities = 0;
    qint64 handoffs = 0;
    qint64 stageChanges = 0;
};

class DemoGenerator
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)

public:
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    DemoGenerator(Database &db, DemoOptions options);

    // Writes everything in one transaction. Refuses a database that already holds leads.
    // `progress` may return false to cancel: then nothing is written. Throws Error.
    DemoSummary run(const Progress &progress = {});

private:
    Database &m_db;
    DemoOptions m_options;
};

} // namespace handoff
