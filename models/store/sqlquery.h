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
// A text value for a NOT NULL column: Qt binds a null QString as SQL NULL, this never does.
QVariant text(const QString &value);

} // namespace sql
