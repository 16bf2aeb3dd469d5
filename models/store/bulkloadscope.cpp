#include "store/bulkloadscope.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/nativestatement.h"
#include "store/sqlquery.h"

namespace handoff {

namespace {

// Negative: KiB, as SQLite counts it. 64 MiB holds the leads' indexes of a million-lead file.
constexpr int BulkCacheKiB = 64 * 1024;

} // namespace

BulkLoadScope::BulkLoadScope(QSqlDatabase db)
    : m_db(std::move(db))
{
    if (m_db.driverName() != QLatin1String("QSQLITE") || NativeStatement::isPortableOnly(m_db))
        return;
    m_foreignKeys = sql::scalar(m_db, QStringLiteral("PRAGMA foreign_keys")) != 0;
    m_cacheSize = sql::scalar(m_db, QStringLiteral("PRAGMA cache_size"));
    sql::execDirect(m_db, QStringLiteral("PRAGMA foreign_keys = OFF"));
    sql::execDirect(m_db, QStringLiteral("PRAGMA cache_size = -%1").arg(BulkCacheKiB));
    m_active = true;
}

BulkLoadScope::~BulkLoadScope()
{
    if (!m_active)
        return;
    // The import's transaction is over by now, so SQLite takes both; a destructor cannot
    // throw, and there is nothing better to do with an error here.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA foreign_keys = %1")
               .arg(m_foreignKeys ? QStringLiteral("ON") : QStringLiteral("OFF")));
    q.exec(QStringLiteral("PRAGMA cache_size = %1").arg(m_cacheSize));
}

} // namespace handoff
