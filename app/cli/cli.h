#pragma once

// The command-line front: `handoff demo|queue|explain ...`, `--help` and `--version`.
// Errors go to stderr; the exit code is 0 for success, 1 for a failure, 2 for a usage mistake.
// What --help says is also what the manual page says (manualpage.h): both are written from
// the definitions below.

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

#include "cli/commandparser.h"

namespace handoff {

namespace cli {

enum ExitCode { Success = 0, Failure = 1, UsageMistake = 2 };

// True when the arguments ask for a command rather than the window. A first word that is no
// command but names a file or a server (a file manager opening a database hands over its
// path) opens the window on it.
bool wantsCommand(const QStringList &arguments);
// True for the commands that draw with widgets (the report's charts).
bool needsWidgets(const QStringList &arguments);
int run(const QStringList &arguments);
QString defaultDatabasePath();

// What --help and the manual page are written from.
struct CommandHelp
{
    QString name;
    QString synopsis; // after "handoff "
    QString summary;  // one sentence
    OptionsHelp options;
};
struct ExitCodeHelp
{
    ExitCode code;
    QString meaning;
};
QString tagline();
// The window: what `handoff [FILE | --db FILE] ...` takes and does; `defaultDatabase` is
// where the database is when none is named.
QString consoleSynopsis();
QString consoleSummary(const QString &defaultDatabase);
QList<QCommandLineOption> consoleOptions();
// How to ask handoff about itself: --help, --version, a command's --help.
QStringList helpSynopses();
QList<CommandHelp> commands();
QList<ExitCodeHelp> exitCodes();

} // namespace cli

} // namespace handoff
