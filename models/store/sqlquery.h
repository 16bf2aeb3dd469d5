#pragma once

// Small helpers so repositories read as SQL plus bound values: prepare-or-throw and
// exec-or-throw, both turning a driver error into a Error naming the statement.

#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "store/dialect.h"
#include "store/error.h"

class QSqlError;

namespace handoff {

namespace sql {

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement);
// Steps a query: true with a row, false after the last. Throws when the read failed (a
// damaged page, an I/O error), which QSqlQuery::next() reports exactly like the end of the
// data: a scan that stops early must never pass for a complete one.
bool next(QSqlQuery &query);
void exec(QSqlQuery &query);
void execDirect(const QSqlDatabase &db, const QString &statement);
QString describe(const QSqlQuery &query);
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
// A text value for a NOT NULL column: Qt binds a null QString as SQL NULL, this never does.
QVariant text(const QString &value);

} // namespace sql

} // namespace handoff
