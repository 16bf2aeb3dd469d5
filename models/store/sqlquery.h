#pragma once

// Small helpers so repositories read as SQL plus bound values: prepare-or-throw and
// exec-or-throw, both turning a driver error into a StoreError naming the statement.

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace sql {

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement);
void exec(QSqlQuery &query);
void execDirect(const QSqlDatabase &db, const QString &statement);
QString describe(const QSqlQuery &query);
// The statement that opens a write transaction: SQLite's BEGIN IMMEDIATE takes the write
// lock at once; PostgreSQL's plain BEGIN locks rows as it goes. The one dialect switch.
QString beginWrite(const QSqlDatabase &db);
// Runs a query of one value (a count, a max) and gives it; 0 when it is NULL.
qint64 scalar(const QSqlDatabase &db, const QString &statement);
// Runs an INSERT ... RETURNING id and gives the new row's id.
qint64 insertReturningId(QSqlQuery &query);
// A text value for a NOT NULL column: Qt binds a null QString as SQL NULL, this never does.
QVariant text(const QString &value);

} // namespace sql
