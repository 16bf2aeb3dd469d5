#pragma once

// One prepared statement on the SQLite handle behind a Qt connection, for the bulk paths:
// binds UTF-8 text and integers directly (Qt binds text as UTF-16, which SQLite converts
// again for every value). Only for SQLite: prepare() gives nothing on any other driver, and
// the caller keeps its QSqlQuery path for those.

#include <memory>

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

namespace handoff {

class NativeStatement
{
public:
    // nullptr when the connection is not SQLite; throws Error when SQLite refuses.
    static std::unique_ptr<NativeStatement> prepare(const QSqlDatabase &db, const char *statement);
    // The sqlite3 handle behind a Qt connection; nullptr when the connection is not SQLite.
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);
    ~NativeStatement();
    NativeStatement(const NativeStatement &) = delete;
    NativeStatement &operator=(const NativeStatement &) = delete;

    // Parameters are numbered from 1, as in ?1, ?2, ...
    void bind(int index, qint64 value);
    void bind(int index, const QString &value) { bind(index, QStringView(value)); }
    // Converts into a buffer the statement keeps, so binding text allocates nothing.
    void bind(int index, QStringView value);
    void bindNull(int index);
    // Runs the statement and makes it ready for the next row; throws Error.
    void run();
    // Runs a query and says whether it gave a row (an existence check); throws Error.
    bool hasRow();
    // Steps a query: true with a row to read with the column functions (numbered from 0),
    // false after the last. reset() makes it ready for new values. Throws Error.
    bool step();
    void reset();
    bool isNull(int column) const;
    qint64 integer(int column) const;
    QString text(int column) const;
    qint64 lastInsertId() const;

private:
    NativeStatement(sqlite3 *db, sqlite3_stmt *statement, QString databaseName);

    void fail() const;

    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
    QString m_databaseName;
    QByteArray m_utf8;
};

} // namespace handoff
