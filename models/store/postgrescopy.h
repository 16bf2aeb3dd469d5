#pragma once

// Streams rows into one table of a team server through COPY ... FROM STDIN, inside the
// caller's transaction: the PostgreSQL twin of the SQLite bulk paths (NativeStatement), for
// copies of millions of rows (handoff migrate). Values travel as data in COPY's text format,
// never as SQL; the statement names only the table and its columns. The server checks each
// row as it arrives and refuses the whole statement at the first it cannot take: finish()
// then gives its reasons, and the caller's transaction is aborted (roll it back).

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct pg_conn;

namespace handoff {

class PostgresCopy
{
    Q_DECLARE_TR_FUNCTIONS(PostgresCopy)

public:
    // Why the server refused the rows, in its own words, with the fields it set.
    struct Refusal
    {
        QString state;      // SQLSTATE, e.g. 23503 for a foreign key violation
        QString message;    // the primary message
        QString detail;     // "Key (lead_id)=(7) is not present in table "leads"."
        QString context;    // "COPY activities, line 3, column occurred_at: "x""
        QString column;     // the column, when the server names one
        QString constraint; // the constraint, when the server names one

        QString text() const; // message, detail and context in one line
    };

    // Starts COPY table (columns) FROM STDIN on a team server's connection, which must not be
    // reading anything else meanwhile; `where` names the database in messages (its address).
    // Throws Error when the server refuses to start.
    PostgresCopy(const QSqlDatabase &db, const QString &where, const QString &table,
                 const QStringList &columns);
    // An unfinished copy is abandoned: the server refuses it, and the caller rolls back.
    ~PostgresCopy();
    PostgresCopy(const PostgresCopy &) = delete;
    PostgresCopy &operator=(const PostgresCopy &) = delete;

    // One value of the current row each, in the columns' order; endRow() closes the row.
    void addNull();
    void addInteger(qint64 value);
    void addReal(double value);
    void addText(QByteArrayView utf8);
    void endRow();

    // Sends what is held back and ends the statement: nullopt when the server took every
    // row, else why it refused them all. Throws Error when the connection fails.
    [[nodiscard]] std::optional<Refusal> finish();

    // A table's or a column's name as SQL reads it, quoted: "leads".
    static QString identifier(const QString &name);

private:
    void separate();
    void send();
    [[noreturn]] void failConnection(const QString &what) const;

    pg_conn *m_conn = nullptr;
    QString m_databaseName;
    QByteArray m_buffer;
    bool m_rowStarted = false;
    bool m_open = false;
};

} // namespace handoff
