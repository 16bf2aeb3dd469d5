#pragma once

// Scope guard for one write transaction: commit() makes the work durable, leaving the scope
// without it (an exception, an early return) rolls everything back.

#include <QSqlDatabase>

class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};
