#include "store/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

Transaction::Transaction(QSqlDatabase db, Kind kind)
    : m_db(std::move(db))
{
    QSqlQuery begin(m_db);
    if (!begin.exec(kind == Kind::Read ? QStringLiteral("BEGIN") : sql::beginWrite(m_db)))
        throw sql::failure(m_db.databaseName(), begin.lastError(), begin.lastQuery());
    m_open = true;
    if (kind == Kind::Write) {
        QSqlQuery draw =
            sql::prepare(m_db, QStringLiteral("UPDATE change_sequence SET value = "
                                              "value + 1 WHERE id = 1 RETURNING value"));
        m_changeSeq = sql::insertReturningId(draw);
    }
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
        const QSqlError why = commit.lastError();
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        m_open = false;
        throw sql::failure(m_db.databaseName(), why, QStringLiteral("COMMIT"));
    }
    m_open = false;
}

WriteScope::WriteScope(const QSqlDatabase &db)
{
    if (!sql::inTransaction(db))
        m_own.emplace(db);
}

void WriteScope::commit()
{
    if (m_own)
        m_own->commit();
}

} // namespace handoff
