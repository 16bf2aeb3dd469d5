#include "transaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include "sqlquery.h"
#include "storeerror.h"

Transaction::Transaction(QSqlDatabase db, Kind kind)
    : m_db(std::move(db))
{
    QSqlQuery begin(m_db);
    if (!begin.exec(kind == Kind::Write ? sql::beginWrite(m_db) : QStringLiteral("BEGIN")))
        throw StoreError(QCoreApplication::translate("Store", "%1: cannot begin a transaction: %2")
                             .arg(m_db.databaseName(), begin.lastError().text()));
    m_open = true;
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
}

void Transaction::commit()
{
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QString why = commit.lastError().text();
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        m_open = false;
        throw StoreError(QCoreApplication::translate("Store", "%1: cannot commit: %2")
                             .arg(m_db.databaseName(), why));
    }
    m_open = false;
}
