#include "store/sqlquery.h"

#include <unordered_map>
#include <vector>

#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include "store/error.h"

namespace handoff {

namespace {

constexpr char NameProperty[] = "handoffDatabaseName";

// The database a query reads: QSqlQuery keeps only its driver, which its connection named
// (looking the connection up would touch other threads' connections, which Qt refuses).
QString databaseNameOf(const QSqlQuery &query)
{
    const QVariant name = query.driver() ? query.driver()->property(NameProperty) : QVariant();
    return name.isValid() ? name.toString() : QObject::tr("the database");
}

Backend backendOfQuery(const QSqlQuery &query)
{
    return query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL
               ? Backend::PostgreSQL
               : Backend::SQLite;
}

// A team server's refusal, by SQLSTATE class, in words a person can act on.
Error serverFailure(const QString &databaseName, const QSqlError &error, const QString &statement)
{
    const QString state = error.nativeErrorCode();
    // No SQLSTATE: libpq's own failure, not the server's answer (the socket closed, say).
    if (state.isEmpty() || state.startsWith(QLatin1String("08")) ||
        state.startsWith(QLatin1String("57P")))
        return Error(QObject::tr("%1: the connection to the server was lost (%2); nothing of "
                                 "this change was written. Check the network and try again")
                         .arg(databaseName, error.databaseText()));
    if (state == QLatin1String("42501"))
        return Error(QObject::tr("%1: the server does not allow this to your database user "
                                 "(%2); nothing of this change was written")
                         .arg(databaseName, error.databaseText()));
    if (state == QLatin1String("40001") || state == QLatin1String("40P01") ||
        state == QLatin1String("55P03"))
        return Error(QObject::tr("%1: another desk was changing the same data; nothing of "
                                 "this change was written. Try again")
                         .arg(databaseName));
    if (state == QLatin1String("53100"))
        return Error(QObject::tr("%1: the server's disk is full; nothing of this change was "
                                 "written. Tell whoever runs the server")
                         .arg(databaseName));
    return Error(
        QStringLiteral("%1: %2 (in: %3)").arg(databaseName, error.text(), statement.simplified()));
}

struct KeptStatement
{
    QString text;
    QSqlQuery query;
};
constexpr size_t KeptPerConnection = 48;
constexpr int KeptRowsAtMost = 256;

// What one connection keeps: its statements, the most recently used last, and the count of
// its sessions (forgetStatements() ends one). A statement prepared in an earlier session,
// still in use when the connection was opened again, names a statement the server no longer
// has and is not kept.
struct ConnectionStatements
{
    std::vector<KeptStatement> kept;
    quint64 session = 0;
};

// Per thread, as connections are: each is used on the thread that opened it only.
ConnectionStatements &statementsOf(const QSqlDriver *driver)
{
    thread_local std::unordered_map<const QSqlDriver *, ConnectionStatements> connections;
    return connections[driver];
}

} // namespace

namespace sql {

void nameForMessages(const QSqlDatabase &db, const QString &name)
{
    db.driver()->setProperty(NameProperty, name);
}

QString describe(const QSqlQuery &query)
{
    return QStringLiteral("%1 (in: %2)")
        .arg(query.lastError().text(), query.lastQuery().simplified());
}

Error failure(const QString &databaseName, const QSqlError &error, const QString &statement,
              Backend backend)
{
    // PostgreSQL reports a five-character SQLSTATE; SQLite's result codes (extended ones
    // too) have four digits at most.
    if (backend == Backend::PostgreSQL || error.nativeErrorCode().size() == 5)
        return serverFailure(databaseName, error, statement);
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
        throw failure(databaseNameOf(query), query.lastError(), query.lastQuery(),
                      backendOfQuery(query));
    return false;
}

Statement::Statement(QSqlQuery &&query, QString text, bool keep)
    : QSqlQuery(std::move(query))
    , m_text(std::move(text))
    , m_keep(keep)
    , m_session(keep ? statementsOf(driver()).session : 0)
{}

Statement::Statement(Statement &&other) noexcept
    : QSqlQuery(std::move(other.query()))
    , m_text(std::move(other.m_text))
    , m_keep(std::exchange(other.m_keep, false))
    , m_session(other.m_session)
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    Statement moved(std::move(other));
    QSqlQuery::swap(moved.query());
    std::swap(m_text, moved.m_text);
    std::swap(m_keep, moved.m_keep);
    std::swap(m_session, moved.m_session);
    return *this;
}

Statement::~Statement()
{
    // A statement that failed (its session may be gone with the connection) is not run
    // again; nor is one of an earlier session.
    if (!m_keep || !driver() || lastError().isValid() ||
        statementsOf(driver()).session != m_session)
        return;
    // QPSQL's finish() keeps the last result in memory until the next run: a statement that
    // read many rows goes (deallocated) instead of holding them.
    if (size() > KeptRowsAtMost)
        return;
    finish();
    setForwardOnly(false); // as a new query: who takes it next may step back
    // Nor do the values bound for the last run: a placeholder left unbound is NULL.
    for (int i = 0, n = int(boundValues().size()); i < n; ++i)
        bindValue(i, QVariant());
    std::vector<KeptStatement> &kept = statementsOf(driver()).kept;
    kept.push_back({std::move(m_text), std::move(query())});
    if (kept.size() > KeptPerConnection)
        kept.erase(kept.begin());
}

Statement prepare(const QSqlDatabase &db, const QString &statement)
{
    const bool keep = db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    if (keep) {
        std::vector<KeptStatement> &kept = statementsOf(db.driver()).kept;
        // A statement in use (a nested read of the same text) is not here, and the nested
        // one prepares its own.
        for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
            if (it->text == statement) {
                QSqlQuery query = std::move(it->query);
                kept.erase(std::next(it).base());
                return Statement(std::move(query), statement, true);
            }
        }
    }
    QSqlQuery query(db);
    if (!query.prepare(statement)) // a server prepares it: a lost connection fails here
        throw failure(databaseNameOf(query), query.lastError(), statement, backendOfQuery(query));
    return Statement(std::move(query), statement, keep);
}

void forgetStatements(const QSqlDatabase &db)
{
    ConnectionStatements &connection = statementsOf(db.driver());
    connection.kept.clear();
    ++connection.session;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        throw failure(databaseNameOf(query), query.lastError(), query.lastQuery(),
                      backendOfQuery(query));
}

void execDirect(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        throw failure(databaseNameOf(query), query.lastError(), statement, backendOfQuery(query));
}

qint64 scalar(const QSqlDatabase &db, const QString &statement)
{
    Statement query = prepare(db, statement);
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
