#pragma once

// What the subcommands share: option parsing that throws UsageError, the --db option,
// opening an existing database, and number and time formatting for the output.

#include <QCommandLineParser>
#include <QCoreApplication>

#include "cli/commandparser.h"

namespace handoff {

class Database;

namespace commandsupport {

QString tr(const char *text);
// Parses `arguments` (no program name, no subcommand) or throws UsageError.
void parse(CommandParser &parser, const QStringList &arguments);
QString requiredDb(const QCommandLineParser &parser);
// Opens an existing database; only demo, init and import make one, never by accident.
Database openExisting(const QString &path);
int positiveInt(const QCommandLineParser &parser, const QString &name, int fallback, int max);
double rounded(double value);

} // namespace commandsupport

} // namespace handoff
