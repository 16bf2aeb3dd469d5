#pragma once

// The command-line front: `handoff demo|queue|explain ...`, `--help` and `--version`.
// Errors go to stderr; the exit code is 0 for success, 1 for a failure, 2 for a usage mistake.

#include <QStringList>

namespace handoff {

namespace cli {

enum ExitCode { Success = 0, Failure = 1, UsageMistake = 2 };

// True when the arguments ask for a command rather than the window.
bool wantsCommand(const QStringList &arguments);
// True for the commands that draw with widgets (the report's charts).
bool needsWidgets(const QStringList &arguments);
int run(const QStringList &arguments);
QString defaultDatabasePath();

} // namespace cli

} // namespace handoff
