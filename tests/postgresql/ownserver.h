#pragma once

// A PostgreSQL server of a test's or benchmark's own (pgserver.sh, whose path the build gives
// as HANDOFF_PGSERVER_SCRIPT): for work that kills the server or loads it alone, so it does
// not share the ctest fixture's.

#include <cstdio>
#include <optional>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace handoff {

// A PostgreSQL server in a temporary folder, stopped and deleted with the object.
class OwnServer
{
public:
    OwnServer() { m_ok = run(QStringLiteral("start")); }
    ~OwnServer() { run(QStringLiteral("stop")); }
    OwnServer(const OwnServer &) = delete;
    OwnServer &operator=(const OwnServer &) = delete;

    bool isRunning() const { return m_ok; }
    QString address() const
    {
        QFile state(m_state);
        if (!state.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(state.readLine()).trimmed();
    }
    bool kill() { return run(QStringLiteral("kill")); }
    bool restart() { return run(QStringLiteral("restart")); }

private:
    bool run(const QString &mode)
    {
        QProcess script;
        script.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        script.start(QStringLiteral(HANDOFF_PGSERVER_SCRIPT), {mode, m_state});
        return script.waitForFinished(120000) && script.exitStatus() == QProcess::NormalExit &&
               script.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    QString m_state = m_dir.filePath(QStringLiteral("server"));
    bool m_ok = false;
};

// The server a benchmark works on: `given` (an admin address), or else one of its own,
// started in `own`. Empty, said on stderr, when that one did not start.
inline QString givenOrOwnServer(const QString &given, std::optional<OwnServer> &own)
{
    if (!given.isEmpty())
        return given;
    own.emplace();
    if (own->isRunning())
        return own->address();
    std::fprintf(stderr, "the benchmark's own PostgreSQL server did not start\n");
    return {};
}

} // namespace handoff
