#pragma once

// Runs the built handoff binary as a user would from a shell, for the command-line tests:
// exit code, standard output and standard error. HANDOFF_BINARY comes from CMake.

#include <QProcess>
#include <QStringList>

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

inline CliRun runHandoff(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(HANDOFF_BINARY), arguments);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}
