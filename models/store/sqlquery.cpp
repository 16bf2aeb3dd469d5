#include "sqlquery.h"

#include <QSqlError>

#include "storeerror.h"

namespace sql {

QString describe(const QSqlQuery &query)
{
    return QStringLiteral("%1 (in: %2)")
        .arg(query.lastError().text(), query.lastQuery().simplified());
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        throw StoreError(QStringLiteral("%1: %2").arg(db.databaseName(), describe(query)));
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        throw StoreError(describe(query));
}

void execDirect(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        throw StoreError(QStringLiteral("%1: %2").arg(db.databaseName(), describe(query)));
}

QString beginWrite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE") ? QStringLiteral("BEGIN IMMEDIATE")
                                                       : QStringLiteral("BEGIN");
}

qint64 scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query = prepare(db, statement);
    exec(query);
    return query.next() ? query.value(0).toLongLong() : 0;
}

qint64 insertReturningId(QSqlQuery &query)
{
    exec(query);
    if (!query.next())
        throw StoreError(QStringLiteral("%1: no id came back").arg(describe(query)));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

} // namespace sql
