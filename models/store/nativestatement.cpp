#include "store/nativestatement.h"

#include <sqlite3.h>

#include <QSqlDriver>
#include <QSqlError>
#include <QStringEncoder>
#include <QVariant>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

sqlite3 *NativeStatement::sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

namespace {

constexpr char PortableOnlyProperty[] = "handoffPortableOnly";

} // namespace

sqlite3 *NativeStatement::bulkHandle(const QSqlDatabase &db)
{
    return isPortableOnly(db) ? nullptr : sqliteHandle(db);
}

void NativeStatement::setPortableOnly(const QSqlDatabase &db, bool portable)
{
    db.driver()->setProperty(PortableOnlyProperty, portable);
}

bool NativeStatement::isPortableOnly(const QSqlDatabase &db)
{
    return db.driver()->property(PortableOnlyProperty).toBool();
}

std::unique_ptr<NativeStatement> NativeStatement::prepare(const QSqlDatabase &db,
                                                          const char *statement)
{
    sqlite3 *native = bulkHandle(db);
    if (!native)
        return nullptr;
    sqlite3_stmt *prepared = nullptr;
    if (sqlite3_prepare_v3(native, statement, -1, SQLITE_PREPARE_PERSISTENT, &prepared, nullptr) !=
        SQLITE_OK)
        throw Error(QStringLiteral("%1: %2").arg(db.databaseName(),
                                                 QString::fromUtf8(sqlite3_errmsg(native))));
    return std::unique_ptr<NativeStatement>(
        new NativeStatement(native, prepared, db.databaseName()));
}

NativeStatement::NativeStatement(sqlite3 *db, sqlite3_stmt *statement, QString databaseName)
    : m_db(db)
    , m_statement(statement)
    , m_databaseName(std::move(databaseName))
{}

NativeStatement::~NativeStatement()
{
    sqlite3_finalize(m_statement);
}

void NativeStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void NativeStatement::bind(int index, QStringView value)
{
    if (value.isEmpty()) {
        sqlite3_bind_text(m_statement, index, "", 0, SQLITE_STATIC);
        return;
    }
    // At most three bytes per UTF-16 unit; SQLite copies the text (SQLITE_TRANSIENT).
    if (m_utf8.size() < value.size() * 3)
        m_utf8.resize(value.size() * 3);
    QStringEncoder encoder(QStringEncoder::Utf8);
    const char *end = encoder.appendToBuffer(m_utf8.data(), value);
    sqlite3_bind_text(m_statement, index, m_utf8.constData(), int(end - m_utf8.constData()),
                      SQLITE_TRANSIENT);
}

void NativeStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

void NativeStatement::run()
{
    const int result = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    if (result != SQLITE_DONE && result != SQLITE_ROW)
        fail();
}

bool NativeStatement::hasRow()
{
    const int result = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    if (result != SQLITE_DONE && result != SQLITE_ROW)
        fail();
    return result == SQLITE_ROW;
}

bool NativeStatement::step()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result != SQLITE_DONE) {
        sqlite3_reset(m_statement);
        fail();
    }
    return false;
}

void NativeStatement::reset()
{
    sqlite3_reset(m_statement);
}

bool NativeStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 NativeStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString NativeStatement::text(int column) const
{
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
}

void NativeStatement::fail() const
{
    throw sql::failure(m_databaseName,
                       QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_db)),
                                 QSqlError::StatementError, QString::number(sqlite3_errcode(m_db))),
                       QString::fromUtf8(sqlite3_sql(m_statement)));
}

qint64 NativeStatement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace handoff
