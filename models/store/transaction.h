#pragma once

// Scope guard for one transaction: commit() makes the work durable, leaving the scope
// without it (an exception, an early return) rolls everything back. A write transaction
// takes SQLite's write lock up front (BEGIN IMMEDIATE), so a read-then-write such as a claim
// waits for another console instead of failing when that console commits in between.
// Every write transaction that may change leads draws the next number of the database's
// change sequence: what it writes to leads carries that number (ChangeSequence), so other
// consoles find it.

#include <optional>

#include <QSqlDatabase>

namespace handoff {

class Transaction
{
public:
    // Schema: a write that draws no number, for the migrations that make the sequence.
    // Handoffs: a write that changes no lead (a claim, a release): it draws no number either,
    // so on a team server it does not queue behind every other desk's write for one.
    enum class Kind { Write, Read, Schema, Handoffs };

    explicit Transaction(QSqlDatabase db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    // The change number a write transaction drew; what it wrote to leads carries it.
    qint64 changeSeq() const { return m_changeSeq; }

private:
    QSqlDatabase m_db;
    bool m_open = false;
    qint64 m_changeSeq = 0;
};

// A write that must carry a change number runs in a write transaction: the caller's, or,
// when none is open (autocommit), one of its own that commit() ends.
class WriteScope
{
public:
    explicit WriteScope(const QSqlDatabase &db, Transaction::Kind kind = Transaction::Kind::Write);
    void commit();

private:
    std::optional<Transaction> m_own;
};

// Draws the next change number in the open transaction, for a write that turns out to
// change leads in a transaction that drew none (Kind::Handoffs): a desk that wins the race
// to hand a lead over draws one; the desks that lose, the most of them, queue for nothing.
// What it writes to leads from then on carries the number. Returns it.
qint64 drawChangeNumber(const QSqlDatabase &db);

} // namespace handoff
