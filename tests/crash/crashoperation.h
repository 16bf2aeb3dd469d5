#pragma once

// The writes the crash harness interrupts, and what a run of each needs and leaves: the
// database it starts from, the arguments its child process gets, and the figures the
// checker expects once the operation is all there.

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

namespace handoff {

enum class Operation { Import, UndoImport, Demo, Create, GoLive, Claim };

QString operationName(Operation operation);
std::optional<Operation> operationFrom(const QString &name);
QList<Operation> allOperations();

// What the checker needs to know to tell "all there" from "not there" from "partial".
struct Expectation
{
    qint64 newLeads = 0;     // import, undo-import: leads the batch creates (CRASH-...)
    qint64 updatedLeads = 0; // import, undo-import: existing leads it retitles
    qint64 activities = 0;   // import, undo-import: activities the batch adds
    qint64 baseMaxModel = 0; // go-live: versions up to this id existed before
    qint64 previousLive = 0; // go-live: the version live before
    QList<qint64> handoffs;  // claim: the open unclaimed handoffs, claimed in this order
    QString rep;             // claim: who claims them
    qint64 demoLeads = 0;    // demo: leads a complete demo holds
    int schemaVersion = 0;   // create, demo: the schema a complete database has
};

struct Scenario
{
    Operation operation = Operation::Import;
    QString base; // copied to the run's file before each run; empty: no file (demo, create)
    QStringList childArguments; // besides --child and --db
    Expectation expect;
};

// Names shared by the fixture (which writes them), the child (which uses them) and the
// checker (which looks for them).
namespace crashnames {
inline QString updatedTitle()
{
    return QStringLiteral("Crash update");
}
inline QString marketingProfile()
{
    return QStringLiteral("Mara Marketing");
}
inline QString salesProfile()
{
    return QStringLiteral("Sam Sales");
}
inline QString rep()
{
    return QStringLiteral("Rita Rep");
}
} // namespace crashnames

} // namespace handoff
