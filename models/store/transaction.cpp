#include "store/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "store/dialect.h"
#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

Transaction::Transaction(QSqlDatabase db, Kind kind)
    : m_db(std::move(db))
{
    QSqlQuery begin(m_db);
    if (!begin.exec(kind == Kind::Read ? dialect::beginRead(m_db) : dialect::beginWrite(m_db)))
        throw sql::failure(m_db.databaseName(), begin.lastError(), begin.lastQuery(),
                           dialect::backendOf(m_db));
    m_open = true;
    dialect::noteTransaction(m_db, true);
    if (kind == Kind::Write) {
        // A constructor that throws runs no destructor: roll back here, or the connection
        // stays in a transaction (on a server, an aborted one that refuses every statement).
        try {
            m_changeSeq = drawChangeNumber(m_db);
        } catch (...) {
            QSqlQuery rollback(m_db);
            rollback.exec(QStringLiteral("ROLLBACK"));
            m_open = false;
            dialect::noteTransaction(m_db, false);
            throw;
        }
    }
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        dialect::noteTransaction(m_db, false);
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
        dialect::noteTransaction(m_db, false);
        throw sql::failure(m_db.databaseName(), why, QStringLiteral("COMMIT"),
                           dialect::backendOf(m_db));
    }
    m_open = false;
    dialect::noteTransaction(m_db, false);
}

WriteScope::WriteScope(const QSqlDatabase &db, Transaction::Kind kind)
{
    if (!dialect::inTransaction(db))
        m_own.emplace(db, kind);
}

void WriteScope::commit()
{
    if (m_own)
        m_own->commit();
}

qint64 drawChangeNumber(const QSqlDatabase &db)
{
    auto draw = sql::prepare(
        db, QStringLiteral(
                "UPDATE change_sequence SET value = value + 1 WHERE id = 1 RETURNING value"));
    return sql::insertReturningId(draw);
}

} // namespace handoff
