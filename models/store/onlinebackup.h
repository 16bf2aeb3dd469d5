#pragma once

// Copies an open lead database to a new file through SQLite's online backup API: safe while
// consoles, imports and the intake write to the source, since the copy is read inside one
// read transaction (a consistent moment; WAL readers never block writers). The copy is made
// beside the target, checked, and only then renamed into place, so a cancelled or failed
// backup leaves no file that looks complete.

#include <functional>

#include <QCoreApplication>
#include <QString>

namespace handoff {

class Database;

class OnlineBackup
{
    Q_DECLARE_TR_FUNCTIONS(OnlineBackup)

public:
    // Pages copied so far and in all; false cancels.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Refuses an existing target. Throws Error naming the file and what to do.
    static void copy(const Database &source, const QString &target, const Progress &progress = {});
};

} // namespace handoff
