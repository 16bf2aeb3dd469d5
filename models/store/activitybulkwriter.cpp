#include "activitybulkwriter.h"

#include "activityrepository.h"
#include "nativestatement.h"

ActivityBulkWriter::ActivityBulkWriter(QSqlDatabase db)
    : m_native(NativeStatement::prepare(
          db, "INSERT INTO activities (lead_id, type_id, occurred_at, asset, channel, "
              "import_batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"))
{
    if (!m_native)
        m_fallback = std::make_unique<ActivityRepository>(db);
}

ActivityBulkWriter::~ActivityBulkWriter() = default;

void ActivityBulkWriter::insert(const Activity &a)
{
    if (m_fallback) {
        m_fallback->insert(a);
        return;
    }
    m_native->bind(1, a.leadId);
    m_native->bind(2, qint64(a.typeId));
    m_native->bind(3, a.occurredAt);
    m_native->bind(4, a.asset);
    m_native->bind(5, a.channel);
    if (a.importBatchId)
        m_native->bind(6, a.importBatchId);
    else
        m_native->bindNull(6);
    m_native->run();
}
