#include "store/dialect.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <QSqlDriver>
#include <QVariant>

#include "store/nativestatement.h"

namespace handoff::dialect {

namespace {
// The connection's driver property noteTransaction() keeps.
constexpr char TransactionOpen[] = "handoffTransactionOpen";
} // namespace

PGconn *postgresHandle(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // Qt registers the handle under libpq's struct name.
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

Backend backendOf(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? Backend::PostgreSQL : Backend::SQLite;
}

QString beginWrite(const QSqlDatabase &db)
{
    return backendOf(db) == Backend::SQLite ? QStringLiteral("BEGIN IMMEDIATE")
                                            : QStringLiteral("BEGIN");
}

QString beginRead(const QSqlDatabase &db)
{
    return backendOf(db) == Backend::SQLite
               ? QStringLiteral("BEGIN")
               : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

bool inTransaction(const QSqlDatabase &db)
{
    if (sqlite3 *native = NativeStatement::sqliteHandle(db))
        return sqlite3_get_autocommit(native) == 0;
    if (PGconn *native = postgresHandle(db)) {
        switch (PQtransactionStatus(native)) {
        case PQTRANS_IDLE:
            return false;
        case PQTRANS_ACTIVE: // a read still streaming: whether a Transaction holds it
            return db.driver()->property(TransactionOpen).toBool();
        default:
            return true;
        }
    }
    // A connection whose handle cannot be read: say a transaction is open, so a write scope
    // never commits a caller's transaction by opening one of its own inside it.
    return true;
}

void noteTransaction(const QSqlDatabase &db, bool open)
{
    if (QSqlDriver *driver = db.driver())
        driver->setProperty(TransactionOpen, open);
}

bool connectionLost(const QSqlDatabase &db)
{
    PGconn *native = postgresHandle(db);
    return native && PQstatus(native) == CONNECTION_BAD;
}

bool connectionLostWhileIdle(const QSqlDatabase &db)
{
    PGconn *native = postgresHandle(db);
    if (!native)
        return false;
    // A read returns what arrived (a server's last words, "terminating connection"), and only
    // the next one finds the connection closed; on a live connection both find nothing.
    for (int read = 0; read < 2 && PQstatus(native) == CONNECTION_OK; ++read)
        PQconsumeInput(native);
    return PQstatus(native) == CONNECTION_BAD;
}

} // namespace handoff::dialect
