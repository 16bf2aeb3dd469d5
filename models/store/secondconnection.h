#pragma once

// A connection of its own to a database file, beside the one a Database holds: for a check
// before opening, a reader on another thread (Qt SQL connections belong to one thread) or an
// online backup. Written once so every such connection is named, opened and removed alike.

#include <functional>

#include <QSqlDatabase>
#include <QString>

namespace handoff {

// A connection name no other connection in the process has.
QString nextConnectionName();

// Runs `work` on a new connection to the existing file `filePath`, opened with Qt's SQLite
// `options` ("QSQLITE_OPEN_READONLY", ...); closed and removed on return, also when `work`
// throws. Throws Error when the file cannot be opened.
void withSecondConnection(const QString &filePath, const QString &options,
                          const std::function<void(const QSqlDatabase &)> &work);

} // namespace handoff
