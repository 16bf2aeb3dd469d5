#pragma once

// Runs the built handoff binary as a user would from a shell, for the command-line tests:
// exit code, standard output and standard error. HANDOFF_BINARY comes from CMake.

#include <QProcess>
#include <QStringList>

namespace handoff {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// What a fresh process sees in a database file: the sqlite3 shell, independent of our code.
// Its standard output, trimmed; a message saying so when the shell failed.
inline QString runSqliteShell(const QString &path, const QString &statement)
{
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {path, statement});
    if (!shell.waitForFinished(60000) || shell.exitCode() != 0)
        return QStringLiteral("sqlite3 failed: ") + QString::fromUtf8(shell.readAllStandardError());
    return QString::fromUtf8(shell.readAllStandardOutput()).trimmed();
}

inline CliRun runHandoff(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(HANDOFF_BINARY), arguments);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace handoff
