#pragma once

// Scope guard for one transaction: commit() makes the work durable, leaving the scope
// without it (an exception, an early return) rolls everything back. A write transaction
// takes SQLite's write lock up front (BEGIN IMMEDIATE), so a read-then-write such as a claim
// waits for another console instead of failing when that console commits in between.

#include <QSqlDatabase>

class Transaction
{
public:
    enum class Kind { Write, Read };

    explicit Transaction(QSqlDatabase db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};
