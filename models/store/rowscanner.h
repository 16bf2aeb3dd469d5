#pragma once

// A forward-only read of one SELECT for the bulk paths (the dashboard reads every lead and
// every stage change): through the sqlite3 handle when the connection is SQLite, where
// reading columns costs a fraction of QSqlQuery's QVariants, and through a forward-only
// QSqlQuery on any other driver. Parameters are positional (`?`), numbered from 1.

#include <memory>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

#include "store/sqlquery.h"

struct sqlite3;
struct sqlite3_stmt;

namespace handoff {

class RowScanner
{
public:
    RowScanner(const QSqlDatabase &db, const QString &statement); // throws Error
    ~RowScanner();
    RowScanner(const RowScanner &) = delete;
    RowScanner &operator=(const RowScanner &) = delete;

    void bind(int index, qint64 value);
    // Starts (or restarts) the statement with the values bound so far.
    void run();
    bool next();

    // How a value is stored: SQLite keeps each value's own type, whatever its column declares.
    enum class Storage { Null, Integer, Real, Text, Blob };
    Storage storage(int column) const;
    bool isNull(int column) const;
    qint64 integer(int column) const; // 0 for NULL
    double real(int column) const;
    // Valid until the next call to next().
    QByteArrayView utf8(int column) const;
    QString text(int column) const { return QString::fromUtf8(utf8(column)); }

private:
    QString m_databaseName;
    sqlite3 *m_native = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    std::optional<sql::Statement> m_query;
    mutable QByteArray m_buffer;
};

} // namespace handoff
