#include "demo/demodatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace handoff {

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

// Held while a demo is made into one file, so two demos never share a temporary. A kernel
// lock goes with its process however that ends: a demo killed mid-way never blocks the next
// one. (QLockFile, which names its holder in the file and guesses whether it still runs,
// kept refusing for half a minute after a kill in the crash harness.)
class CreationLock
{
public:
    explicit CreationLock(const QString &path)
        : m_path(QFile::encodeName(path))
    {}
    ~CreationLock()
    {
#ifdef Q_OS_UNIX
        if (m_fd >= 0) {
            ::unlink(m_path.constData()); // while still held: nobody can take it in between
            ::close(m_fd);
        }
#endif
    }
    CreationLock(const CreationLock &) = delete;
    CreationLock &operator=(const CreationLock &) = delete;

    bool tryLock()
    {
#ifdef Q_OS_UNIX
        for (int attempt = 0; attempt < 3; ++attempt) {
            const int fd = ::open(m_path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
            if (fd < 0)
                return false;
            if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
                ::close(fd);
                return false;
            }
            // The previous holder removes the file as it lets go: the lock must be on the
            // file that still has the name, or a third demo could take the name meanwhile.
            struct stat held
            {
            }, named{};
            if (::fstat(fd, &held) == 0 && ::stat(m_path.constData(), &named) == 0 &&
                held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
                m_fd = fd;
                return true;
            }
            ::close(fd);
        }
        return false;
#else
        return true;
#endif
    }

private:
    QByteArray m_path;
    int m_fd = -1;
};

} // namespace

namespace DemoDatabase {

QString partialPath(const QString &target)
{
    return QFileInfo(target).absoluteFilePath() + QStringLiteral(".creating");
}

std::optional<DemoSummary> create(const QString &target, const DemoOptions &options,
                                  const DemoGenerator::Progress &progress)
{
    if (DatabaseLocation::looksLikeServer(target)) {
        // A team server's database: the schema as `handoff init` makes it (an empty database
        // of another program's is refused), then the world in the generator's one
        // transaction, which a database with leads refuses and a failure leaves unwritten.
        Database db(target);
        const DemoSummary done = DemoGenerator(db, options).run(progress);
        return done.leads > 0 || options.leads == 0 ? std::optional(done) : std::nullopt;
    }
    const QFileInfo info(QFileInfo(target).absoluteFilePath());
    const QString path = info.absoluteFilePath();
    if (!info.absoluteDir().exists())
        throw Error(tr("%1: the folder %2 does not exist").arg(path, info.absolutePath()));
    if (info.exists() && info.size() > 0)
        throw Error(tr("%1: already exists; demo data goes into a new database, so name "
                       "a file that does not exist yet (or delete this one first)")
                        .arg(path));
    const QString partial = partialPath(path);
    CreationLock lock(partial + QStringLiteral(".lock"));
    if (!lock.tryLock())
        throw Error(tr("%1: another demo is being created into it right now").arg(path));
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
            throw Error(
                tr("%1: the demo data could not be written through to the file").arg(partial));
        syncToDisk(partial);
        if (QFileInfo::exists(path) && QFileInfo(path).size() == 0)
            QFile::remove(path); // an empty file holds nothing to keep
        // QFile::rename never replaces an existing file: a database that appeared meanwhile
        // is kept, and this demo is refused instead.
        QFile file(partial);
        if (!file.rename(path))
            throw Error(tr("%1: cannot be created: %2").arg(path, file.errorString()));
        syncToDisk(info.absolutePath());
        removeWithCompanions(partial); // an empty -wal or -shm SQLite may have left behind
    } catch (...) {
        removeWithCompanions(partial);
        throw;
    }
    return summary;
}

} // namespace DemoDatabase

} // namespace handoff
