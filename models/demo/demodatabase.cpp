#include "demodatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include "database.h"
#include "storeerror.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DemoDatabase", text);
}

// SQLite keeps a database in up to three files; a stale temporary may have left any of them.
void removeWithCompanions(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// The rename is only as durable as the data behind it and the folder entry it changes: both
// go to the disk, so a power cut cannot leave the target naming a file that is not there yet.
void syncToDisk(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path);
#endif
}

} // namespace

namespace DemoDatabase {

QString partialPath(const QString &target)
{
    return QFileInfo(target).absoluteFilePath() + QStringLiteral(".creating");
}

std::optional<DemoSummary> create(const QString &target, const DemoOptions &options,
                                  const DemoGenerator::Progress &progress)
{
    const QFileInfo info(QFileInfo(target).absoluteFilePath());
    const QString path = info.absoluteFilePath();
    if (!info.absoluteDir().exists())
        throw StoreError(tr("%1: the folder %2 does not exist").arg(path, info.absolutePath()));
    if (info.exists() && info.size() > 0)
        throw StoreError(tr("%1: already exists; demo data goes into a new database, so name "
                            "a file that does not exist yet (or delete this one first)")
                             .arg(path));
    // Two demos made into the same file at once would share one temporary; the lock goes
    // with a killed process (QLockFile checks whether its holder still runs).
    const QString partial = partialPath(path);
    QLockFile lock(partial + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        throw StoreError(tr("%1: another demo is being created into it right now").arg(path));
    removeWithCompanions(partial); // left by a run that was killed

    std::optional<DemoSummary> summary;
    try {
        bool cancelled = false;
        {
            Database db(partial);
            const DemoSummary done = DemoGenerator(db, options).run([&](qint64 n, qint64 total) {
                cancelled = progress && !progress(n, total);
                return !cancelled;
            });
            if (!cancelled)
                summary = done;
        } // closing the only connection checkpoints the WAL into the file and removes it
        if (cancelled) {
            removeWithCompanions(partial);
            return std::nullopt;
        }
        if (QFileInfo(partial + QStringLiteral("-wal")).size() > 0)
            throw StoreError(
                tr("%1: the demo data could not be written through to the file").arg(partial));
        syncToDisk(partial);
        if (QFileInfo::exists(path) && QFileInfo(path).size() == 0)
            QFile::remove(path); // an empty file holds nothing to keep
        // QFile::rename never replaces an existing file: a database that appeared meanwhile
        // is kept, and this demo is refused instead.
        QFile file(partial);
        if (!file.rename(path))
            throw StoreError(tr("%1: cannot be created: %2").arg(path, file.errorString()));
        syncToDisk(info.absolutePath());
    } catch (...) {
        removeWithCompanions(partial);
        throw;
    }
    return summary;
}

} // namespace DemoDatabase
