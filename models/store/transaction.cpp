#include "transaction.h"

#include <QSqlError>

#include "storeerror.h"

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    if (!m_db.transaction())
        throw StoreError(QStringLiteral("%1: cannot begin a transaction: %2")
                             .arg(m_db.databaseName(), m_db.lastError().text()));
    m_open = true;
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

void Transaction::commit()
{
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        m_open = false;
        throw StoreError(QStringLiteral("%1: cannot commit: %2").arg(m_db.databaseName(), why));
    }
    m_open = false;
}
