#pragma once

// Brings a lead database of an older schema (a file, or a team server's database) up to this
// version's before a window opens on it: off the GUI thread, behind a dialog that says what is
// happening. The upgrade copies a file first and may build an index over every activity (half
// a minute at a million leads); a window that froze that long would look hung.

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace handoff {

class DatabaseUpgrade
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUpgrade)

public:
    // Returns once the database at `location` holds this version's schema, or at once when it
    // needs no upgrade (a current database, one that is not an older Handoff database or
    // cannot be reached: opening it says what is wrong). The path of the copy kept of a file
    // as it was, or empty when there was nothing to upgrade or the database is on a server.
    // Throws Error when the upgrade failed; the database is then as it was.
    static QString runIfNeeded(const QString &location, QWidget *parent);
};

} // namespace handoff
