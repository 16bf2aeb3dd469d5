#pragma once

// Runs the crash series: for each operation, three full runs to measure how long it takes
// (and to check that the checker recognises it whole, and partial once broken on purpose), then
// `kills` runs each killed with SIGKILL after a random delay: three in four spread evenly over
// the operation, the rest over its end and the closing of its database (where SQLite
// checkpoints the WAL into the file), which for a short operation such as a claim takes
// longer than the claim.
// After every kill the file is checked (CrashChecker), opened by the command line
// (`handoff queue intent` and `handoff check`) and by the console's core (Console), a random
// one of them first.
// Prints one table line per operation.

#include <random>

#include <QDir>
#include <QTextStream>

#include "crashfixture.h"
#include "crashoperation.h"

namespace handoff {

struct CrashOptions
{
    int kills = 100;
    quint64 seed = 1;
    QList<Operation> operations = allOperations();
    QString handoffBinary; // the CLI that must open what the kills leave
    FixtureSizes sizes;
    bool verbose = false;
};

class CrashRunner
{
public:
    CrashRunner(const QString &workDirectory, CrashOptions options, QTextStream &out);

    // 0 when every file was sound and every operation all there or not there at all.
    int run();

private:
    struct Tally
    {
        int runs = 0;
        int midOperation = 0; // after "ready", before "committed"
        int inClose = 0;      // after "committed", while the database was being closed
        int notThere = 0;
        int allThere = 0;
        int partial = 0;
        int corrupt = 0;    // integrity_check, foreign_key_check, an open handoff without a lead
        int unopenable = 0; // the command line or the console refused a file they should open
        int refused = 0;    // demo: target absent, and the command line said so
        qint64 commitMicros = 0; // a full run: the operation
        qint64 closeMicros = 0;  // a full run: the operation and closing the database
    };
    struct ChildRun;
    struct Check;

    Tally runOperation(const Scenario &scenario);
    ChildRun runChild(const Scenario &scenario, std::optional<qint64> killAfterMicros);
    // Who opens the file first: 0 handoff queue, 1 handoff check, 2 the checker, 3 the console.
    Check check(const Scenario &scenario, int firstOpener);
    void resetRunFile(const Scenario &scenario, bool clearLeftovers);
    bool selfTest(const Scenario &scenario);
    void fail(const Scenario &scenario, const QString &what);
    QString runFile(const Scenario &scenario) const;

    QDir m_dir;
    CrashOptions m_options;
    QTextStream &m_out;
    std::mt19937_64 m_rng;
    int m_failures = 0;
};

} // namespace handoff
