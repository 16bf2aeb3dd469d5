#include "store/onlinebackup.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include "store/database.h"
#include "store/error.h"
#include "store/nativestatement.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// Pages per step: small enough for a responsive progress bar and cancel.
constexpr int PagesPerStep = 1024;

// The destination connection, closed on every way out.
struct Destination
{
    sqlite3 *db = nullptr;
    ~Destination() { sqlite3_close(db); }
};

} // namespace

void OnlineBackup::copy(const Database &source, const QString &target, const Progress &progress)
{
    const QString path = QFileInfo(target).absoluteFilePath();
    if (QFileInfo::exists(path))
        throw Error(tr("%1: already exists; choose a new file for the backup").arg(path));
    if (!QFileInfo(path).absoluteDir().exists())
        throw Error(
            tr("%1: the folder %2 does not exist").arg(path, QFileInfo(path).absolutePath()));
    sqlite3 *from = NativeStatement::sqliteHandle(source.connection());
    if (!from)
        throw Error(
            tr("%1: only a local database file can be backed up this way").arg(source.filePath()));

    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial); // a leftover of a backup that was killed
    bool complete = false;
    auto cleanUp = qScopeGuard([&] {
        if (!complete)
            QFile::remove(partial);
    });
    {
        Destination to;
        const QByteArray partialUtf8 = partial.toUtf8();
        if (sqlite3_open_v2(partialUtf8.constData(), &to.db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw Error(tr("%1: cannot be written: %2")
                            .arg(partial, QString::fromUtf8(sqlite3_errmsg(to.db))));
        // One read transaction over every step: the copy is one moment of the source, and
        // other processes' commits meanwhile do not restart it.
        Transaction snapshot(source.connection(), Transaction::Kind::Read);
        // A deferred BEGIN takes its snapshot at the first read: take it now, before the steps.
        sql::scalar(source.connection(), QStringLiteral("SELECT count(*) FROM sqlite_master"));
        sqlite3_backup *backup = sqlite3_backup_init(to.db, "main", from, "main");
        if (!backup)
            throw Error(tr("%1: cannot be written: %2")
                            .arg(partial, QString::fromUtf8(sqlite3_errmsg(to.db))));
        int result = SQLITE_OK;
        bool cancelled = false;
        while (result == SQLITE_OK || result == SQLITE_BUSY || result == SQLITE_LOCKED) {
            result = sqlite3_backup_step(backup, PagesPerStep);
            const int total = sqlite3_backup_pagecount(backup);
            if (progress && !progress(total - sqlite3_backup_remaining(backup), total)) {
                cancelled = true;
                break;
            }
            if (result == SQLITE_BUSY || result == SQLITE_LOCKED)
                sqlite3_sleep(50);
        }
        sqlite3_backup_finish(backup);
        snapshot.commit();
        if (cancelled)
            throw Error(tr("The backup was cancelled; %1 was not written").arg(path));
        if (result != SQLITE_DONE)
            throw Error(tr("%1: the backup failed: %2 (is the disk full?)")
                            .arg(path, QString::fromUtf8(sqlite3_errstr(result))));
        // The copy is checked before it may stand for the source.
        sqlite3_stmt *check = nullptr;
        QString verdict;
        if (sqlite3_prepare_v2(to.db, "PRAGMA quick_check", -1, &check, nullptr) == SQLITE_OK &&
            sqlite3_step(check) == SQLITE_ROW)
            verdict =
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)));
        sqlite3_finalize(check);
        if (verdict != QLatin1String("ok"))
            throw Error(tr("%1: the copy did not pass its check (%2); the source may be "
                           "damaged: run 'handoff check --db %3'")
                            .arg(path, verdict, source.filePath()));
        // The copy leaves no -wal behind: it is one self-contained file.
        sqlite3_exec(to.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    }
    if (!QFile::rename(partial, path))
        throw Error(tr("%1: cannot be written (renaming %2 failed)").arg(path, partial));
    complete = true;
}

} // namespace handoff
