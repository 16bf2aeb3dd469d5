#include "activitybulkwriter.h"

#include <sqlite3.h>

#include <QSqlDriver>
#include <QVariant>

#include "activityrepository.h"
#include "storeerror.h"

namespace {

sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

} // namespace

ActivityBulkWriter::ActivityBulkWriter(QSqlDatabase db)
    : m_db(std::move(db))
{
    sqlite3 *handle = nativeHandle(m_db);
    if (!handle) {
        m_fallback = std::make_unique<ActivityRepository>(m_db);
        return;
    }
    const char *statement =
        "INSERT INTO activities (lead_id, type_id, occurred_at, asset, channel, "
        "import_batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    if (sqlite3_prepare_v3(handle, statement, -1, SQLITE_PREPARE_PERSISTENT, &m_statement,
                           nullptr) != SQLITE_OK)
        throw StoreError(QStringLiteral("%1: %2").arg(m_db.databaseName(),
                                                      QString::fromUtf8(sqlite3_errmsg(handle))));
}

ActivityBulkWriter::~ActivityBulkWriter()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

void ActivityBulkWriter::insert(const Activity &a)
{
    if (m_fallback) {
        m_fallback->insert(a);
        return;
    }
    const QByteArray asset = a.asset.toUtf8();
    const QByteArray channel = a.channel.toUtf8();
    sqlite3_bind_int64(m_statement, 1, a.leadId);
    sqlite3_bind_int(m_statement, 2, a.typeId);
    sqlite3_bind_int64(m_statement, 3, a.occurredAt);
    sqlite3_bind_text(m_statement, 4, asset.constData(), int(asset.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(m_statement, 5, channel.constData(), int(channel.size()), SQLITE_TRANSIENT);
    if (a.importBatchId)
        sqlite3_bind_int64(m_statement, 6, a.importBatchId);
    else
        sqlite3_bind_null(m_statement, 6);
    const int result = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    if (result != SQLITE_DONE)
        throw StoreError(QStringLiteral("%1: cannot add an activity: %2")
                             .arg(m_db.databaseName(), QString::fromUtf8(sqlite3_errmsg(
                                                           sqlite3_db_handle(m_statement)))));
}
