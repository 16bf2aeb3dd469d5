#pragma once

// Checks a lead database the way `handoff check` and File > Check the database report it:
// SQLite's own integrity and foreign-key checks, then the promises Handoff makes on top of
// them (one open handoff per lead, claims and outcomes recorded whole, every live model
// signed off by both sides, import batches undone entirely). On a team server, Handoff's
// promises only: the server keeps its pages and references itself. Only reads.

#include <functional>

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

class QSqlQuery;

namespace handoff {

class DatabaseCheck
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseCheck)

public:
    struct Finding
    {
        QString check;        // what was checked, e.g. "foreign keys"
        QStringList problems; // empty when the check passed
    };
    // Called before each check with its number and the count; false cancels.
    using Progress = std::function<bool(int done, int total)>;

    explicit DatabaseCheck(QSqlDatabase db);

    // Every check in turn; a check that cannot run (the file is too damaged) is a finding
    // too. Throws Error only when cancelled.
    QList<Finding> run(const Progress &progress = {}) const;

    static bool passed(const QList<Finding> &findings);

private:
    QStringList integrity() const;
    QStringList foreignKeys() const;
    QStringList openHandoffs() const;
    QStringList wholeRecords() const;
    QStringList liveModels() const;
    QStringList importBatches() const;
    // The rows a query finds, each described for a person; a few examples and a count.
    QStringList rows(const QString &statement,
                     const std::function<QString(const QSqlQuery &)> &describe) const;

    QSqlDatabase m_db;
};

} // namespace handoff
