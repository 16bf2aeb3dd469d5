#include "store/sqlquery.h"

#include <sqlite3.h>

#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include "store/error.h"
#include "store/nativestatement.h"

namespace handoff {

namespace {

// The file a query reads: QSqlQuery keeps only its driver, so find the connection that owns
// it (only on the error path; connections of other threads are not ours to look at).
QString databaseNameOf(const QSqlQuery &query)
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        const QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid() && db.driver() == query.driver())
            return db.databaseName();
    }
    return QObject::tr("the database");
}

} // namespace

namespace sql {

QString describe(const QSqlQuery &query)
{
    return QStringLiteral("%1 (in: %2)")
        .arg(query.lastError().text(), query.lastQuery().simplified());
}

Error failure(const QString &databaseName, const QSqlError &error, const QString &statement)
{
    // Qt reports SQLite's result code; extended codes keep the primary one in the low byte.
    if (error.nativeErrorCode().toInt() == 776) // SQLITE_READONLY_ROLLBACK
        return Error(QObject::tr("%1: a write to it was interrupted and a read-only look "
                                 "cannot undo it; open it once with the console or any "
                                 "command that writes, then try again")
                         .arg(databaseName));
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return Error(QObject::tr("%1: the database is damaged (%2); nothing more was "
                                 "written to it. Run 'handoff check --db %1' and restore "
                                 "it from a backup")
                         .arg(databaseName, error.databaseText()));
    case 13: // SQLITE_FULL
        return Error(QObject::tr("%1: the disk is full; nothing of this change was "
                                 "written. Free some space and try again")
                         .arg(databaseName));
    case 8: // SQLITE_READONLY
        return Error(QObject::tr("%1: cannot be written (%2); make the file and its folder "
                                 "writable, or copy it to a folder of yours")
                         .arg(databaseName, error.databaseText()));
    case 5: // SQLITE_BUSY, after the connection's busy timeout
        return Error(QObject::tr("%1: another program kept the database busy too long; "
                                 "nothing of this change was written. Try again")
                         .arg(databaseName));
    case 10: // SQLITE_IOERR
        return Error(QObject::tr("%1: reading or writing the file failed (%2); nothing of "
                                 "this change was written. Is the disk full or gone?")
                         .arg(databaseName, error.databaseText()));
    default:
        return Error(QStringLiteral("%1: %2 (in: %3)")
                         .arg(databaseName, error.text(), statement.simplified()));
    }
}

bool next(QSqlQuery &query)
{
    if (query.next())
        return true;
    if (query.lastError().isValid())
        throw failure(databaseNameOf(query), query.lastError(), query.lastQuery());
    return false;
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        throw Error(QStringLiteral("%1: %2").arg(db.databaseName(), describe(query)));
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        throw failure(databaseNameOf(query), query.lastError(), query.lastQuery());
}

void execDirect(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        throw failure(db.databaseName(), query.lastError(), statement);
}

QString beginWrite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE") ? QStringLiteral("BEGIN IMMEDIATE")
                                                       : QStringLiteral("BEGIN");
}

bool inTransaction(const QSqlDatabase &db)
{
    if (sqlite3 *native = NativeStatement::sqliteHandle(db))
        return sqlite3_get_autocommit(native) == 0;
    return true; // other drivers: the callers open their transactions themselves
}

qint64 scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query = prepare(db, statement);
    exec(query);
    return next(query) ? query.value(0).toLongLong() : 0;
}

qint64 insertReturningId(QSqlQuery &query)
{
    exec(query);
    if (!next(query))
        throw Error(QStringLiteral("%1: no id came back").arg(describe(query)));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

} // namespace sql

} // namespace handoff
