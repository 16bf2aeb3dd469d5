#pragma once

// What the libFuzzer targets share: a QCoreApplication made once (Qt's SQL plugins and
// QTemporaryDir want one), a scratch folder that lives as long as the fuzzing process, and a
// check that aborts with a message when a property of the code under test does not hold, so
// libFuzzer saves the input like any other crash.

#include <cstdio>
#include <cstdlib>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace handoff {

namespace fuzzsupport {

inline void start(int *argc, char ***argv)
{
    // Exactly one instance for the whole run; QCoreApplication keeps argc by reference.
    static QCoreApplication app(*argc, *argv);
}

// A folder removed when the process ends. tmpfs when there is one: every input is written
// to a file, and the importer's database commits several times per input.
inline const QTemporaryDir &scratch()
{
    static const QTemporaryDir dir(QDir(QStringLiteral("/dev/shm")).exists()
                                       ? QStringLiteral("/dev/shm/handoff-fuzz-XXXXXX")
                                       : QDir::tempPath() + QStringLiteral("/handoff-fuzz-XXXXXX"));
    if (!dir.isValid()) {
        std::fprintf(stderr, "fuzz: cannot create a scratch folder\n");
        std::abort();
    }
    return dir;
}

// Writes bytes to NAME in the scratch folder, replacing what was there; returns the path.
inline QString writeScratch(const QString &name, const QByteArray &bytes)
{
    const QString path = scratch().filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

[[noreturn]] inline void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz: property violated: %s %s\n", what, qPrintable(detail));
    std::abort();
}

inline void check(bool condition, const char *what, const QString &detail = {})
{
    if (!condition)
        fail(what, detail);
}

} // namespace fuzzsupport

} // namespace handoff
