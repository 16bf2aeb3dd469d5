#include "store/rowscanner.h"

#include <sqlite3.h>

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include "store/error.h"
#include "store/nativestatement.h"
#include "store/sqlquery.h"

namespace handoff {

RowScanner::RowScanner(const QSqlDatabase &db, const QString &statement)
    : m_databaseName(db.databaseName())
{
    m_native = NativeStatement::bulkHandle(db);
    if (m_native) {
        const QByteArray utf8 = statement.toUtf8();
        if (sqlite3_prepare_v2(m_native, utf8.constData(), int(utf8.size()), &m_statement,
                               nullptr) != SQLITE_OK)
            throw Error(QStringLiteral("%1: %2 (in: %3)")
                            .arg(m_databaseName, QString::fromUtf8(sqlite3_errmsg(m_native)),
                                 statement.simplified()));
        return;
    }
    m_query.emplace(sql::prepare(db, statement));
    m_query->setForwardOnly(true);
}

RowScanner::~RowScanner()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

void RowScanner::bind(int index, qint64 value)
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        sqlite3_bind_int64(m_statement, index, value);
    } else {
        m_query->bindValue(index - 1, value);
    }
}

void RowScanner::run()
{
    if (m_statement)
        sqlite3_reset(m_statement);
    else
        sql::exec(*m_query);
}

bool RowScanner::next()
{
    if (!m_statement)
        return sql::next(*m_query);
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result != SQLITE_DONE)
        throw sql::failure(m_databaseName,
                           QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_native)),
                                     QSqlError::StatementError, QString::number(result)),
                           QString::fromUtf8(sqlite3_sql(m_statement)));
    return false;
}

RowScanner::Storage RowScanner::storage(int column) const
{
    if (m_statement) {
        switch (sqlite3_column_type(m_statement, column)) {
        case SQLITE_INTEGER:
            return Storage::Integer;
        case SQLITE_FLOAT:
            return Storage::Real;
        case SQLITE_TEXT:
            return Storage::Text;
        case SQLITE_BLOB:
            return Storage::Blob;
        default:
            return Storage::Null;
        }
    }
    const QVariant value = m_query->value(column);
    if (value.isNull())
        return Storage::Null;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return Storage::Integer;
    case QMetaType::Double:
        return Storage::Real;
    case QMetaType::QByteArray:
        return Storage::Blob;
    default:
        return Storage::Text;
    }
}

bool RowScanner::isNull(int column) const
{
    return m_statement ? sqlite3_column_type(m_statement, column) == SQLITE_NULL
                       : m_query->isNull(column);
}

qint64 RowScanner::integer(int column) const
{
    return m_statement ? sqlite3_column_int64(m_statement, column)
                       : m_query->value(column).toLongLong();
}

double RowScanner::real(int column) const
{
    return m_statement ? sqlite3_column_double(m_statement, column)
                       : m_query->value(column).toDouble();
}

QByteArrayView RowScanner::utf8(int column) const
{
    if (m_statement) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return text ? QByteArrayView(text, sqlite3_column_bytes(m_statement, column))
                    : QByteArrayView();
    }
    m_buffer = m_query->value(column).toString().toUtf8();
    return QByteArrayView(m_buffer);
}

} // namespace handoff
