#pragma once

// Small helpers so repositories read as SQL plus bound values: prepare-or-throw and
// exec-or-throw, both turning a driver error into a Error naming the statement.

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "store/dialect.h"
#include "store/error.h"

class QSqlError;

namespace handoff {

namespace sql {

// A prepared statement. On a team server a prepare is a round trip to the server, and so is
// the DEALLOCATE when the query goes: two of every three round trips were those. So a
// connection to a server keeps its statements (the most recently used few dozen), and a
// Statement takes one from there and gives it back, finished, when it goes: a statement
// run again on the same connection is one round trip. On a SQLite file a prepare costs
// microseconds, and a Statement is a plain query.
// Privately a QSqlQuery: moving it into a plain QSqlQuery (which would lose track of it) does
// not compile; query() is the QSqlQuery for code that takes one.
class Statement : private QSqlQuery
{
public:
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    ~Statement();

    QSqlQuery &query() { return *this; }
    const QSqlQuery &query() const { return *this; }

    using QSqlQuery::addBindValue;
    using QSqlQuery::at;
    using QSqlQuery::bindValue;
    using QSqlQuery::boundValue;
    using QSqlQuery::driver;
    using QSqlQuery::finish;
    using QSqlQuery::first;
    using QSqlQuery::isActive;
    using QSqlQuery::isNull;
    using QSqlQuery::lastError;
    using QSqlQuery::lastInsertId;
    using QSqlQuery::lastQuery;
    using QSqlQuery::numRowsAffected;
    using QSqlQuery::record;
    using QSqlQuery::setForwardOnly;
    using QSqlQuery::size;
    using QSqlQuery::value;

private:
    friend Statement prepare(const QSqlDatabase &db, const QString &statement);
    Statement(QSqlQuery &&query, QString text, bool keep);

    QString m_text;
    bool m_keep = false;   // given back to its connection's statements when it goes
    quint64 m_session = 0; // of its connection, when it was prepared
};

Statement prepare(const QSqlDatabase &db, const QString &statement);
// Lets go of the statements kept for `db`: before its connection closes (a connection opened
// again is a new session, without them) or is removed.
void forgetStatements(const QSqlDatabase &db);
// Steps a query: true with a row, false after the last. Throws when the read failed (a
// damaged page, an I/O error), which QSqlQuery::next() reports exactly like the end of the
// data: a scan that stops early must never pass for a complete one.
bool next(QSqlQuery &query);
inline bool next(Statement &statement)
{
    return next(statement.query());
}
void exec(QSqlQuery &query);
inline void exec(Statement &statement)
{
    exec(statement.query());
}
void execDirect(const QSqlDatabase &db, const QString &statement);
QString describe(const QSqlQuery &query);
inline QString describe(const Statement &statement)
{
    return describe(statement.query());
}
// The error for a failed statement on the database `databaseName`, in words a person can act
// on: a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) says so and what to do; on a team server
// a lost connection (libpq gives no SQLSTATE then) says so instead of libpq's text.
Error failure(const QString &databaseName, const QSqlError &error, const QString &statement,
              Backend backend = Backend::SQLite);
// Names a connection for the messages above (its file, or its server address without the
// password): a failed query knows only its driver, not the connection it came from.
void nameForMessages(const QSqlDatabase &db, const QString &name);
// The change number of the write transaction open on the connection, as an SQL expression
// to write into a change_seq column (see Transaction).
inline constexpr char changeSeqExpression[] = "(SELECT value FROM change_sequence WHERE id = 1)";
// Runs a query of one value (a count, a max) and gives it; 0 when it is NULL.
qint64 scalar(const QSqlDatabase &db, const QString &statement);
// Runs an INSERT ... RETURNING id and gives the new row's id.
qint64 insertReturningId(QSqlQuery &query);
inline qint64 insertReturningId(Statement &statement)
{
    return insertReturningId(statement.query());
}
// A text value for a NOT NULL column: Qt binds a null QString as SQL NULL, this never does.
QVariant text(const QString &value);
// Calls `each(chunk, marks)` for `ids` 500 at a time, `marks` the chunk's "?,?,..." for an
// IN list: a statement takes a bounded number of values, and a few hundred plan quickly.
template <typename Each> void inChunks(const QList<qint64> &ids, Each each)
{
    constexpr qsizetype Chunk = 500;
    for (qsizetype from = 0; from < ids.size(); from += Chunk) {
        const QList<qint64> chunk = ids.mid(from, Chunk);
        each(chunk, QStringList(chunk.size(), QStringLiteral("?")).join(QLatin1Char(',')));
    }
}

} // namespace sql

} // namespace handoff
