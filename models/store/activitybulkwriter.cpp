#include "activitybulkwriter.h"

#include "activityrepository.h"
#include "lead.h"
#include "nativestatement.h"

namespace {

constexpr int GroupRows = 32;
constexpr int Columns = 7;

QByteArray insertStatement(int rows)
{
    QByteArray sql = "INSERT INTO activities (lead_id, type_id, occurred_at, asset, channel, "
                     "import_batch_id, undated) VALUES ";
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ", (";
        for (int c = 1; c <= Columns; ++c)
            sql += (c == 1 ? "?" : ", ?") + QByteArray::number(r * Columns + c);
        sql += ')';
    }
    return sql;
}

} // namespace

ActivityBulkWriter::ActivityBulkWriter(QSqlDatabase db)
    : m_one(NativeStatement::prepare(db, insertStatement(1).constData()))
{
    if (m_one) {
        m_group = NativeStatement::prepare(db, insertStatement(GroupRows).constData());
        m_exists = NativeStatement::prepare(
            db, "SELECT 1 FROM activities WHERE lead_id = ?1 AND occurred_at = ?2 AND "
                "type_id = ?3");
        m_pending.reserve(GroupRows);
    } else {
        m_fallback = std::make_unique<ActivityRepository>(db);
    }
}

ActivityBulkWriter::~ActivityBulkWriter() = default;

void ActivityBulkWriter::insert(qint64 leadId, int typeId, qint64 occurredAt, QStringView asset,
                                QStringView channel, qint64 importBatchId, bool undated)
{
    if (undated)
        occurredAt = UndatedTime;
    if (m_fallback) {
        m_fallback->insert({0, leadId, typeId, occurredAt, asset.toString(), channel.toString(),
                            importBatchId, undated});
        return;
    }
    m_pending.push_back(
        {leadId, typeId, occurredAt, asset.toString(), channel.toString(), importBatchId, undated});
    if (int(m_pending.size()) == GroupRows) {
        for (int r = 0; r < GroupRows; ++r)
            bind(*m_group, r * Columns + 1, m_pending[size_t(r)]);
        m_group->run();
        m_pending.clear();
    }
}

void ActivityBulkWriter::flush()
{
    for (const Row &row : m_pending) {
        bind(*m_one, 1, row);
        m_one->run();
    }
    m_pending.clear();
}

void ActivityBulkWriter::bind(NativeStatement &statement, int first, const Row &row)
{
    statement.bind(first, row.leadId);
    statement.bind(first + 1, row.typeId);
    statement.bind(first + 2, row.occurredAt);
    statement.bind(first + 3, row.asset);
    statement.bind(first + 4, row.channel);
    if (row.importBatchId)
        statement.bind(first + 5, row.importBatchId);
    else
        statement.bindNull(first + 5);
    statement.bind(first + 6, qint64(row.undated ? 1 : 0));
}

bool ActivityBulkWriter::exists(qint64 leadId, int typeId, qint64 occurredAt)
{
    if (m_fallback)
        return m_fallback->exists(leadId, typeId, occurredAt);
    flush(); // the rows held back count
    m_exists->bind(1, leadId);
    m_exists->bind(2, occurredAt);
    m_exists->bind(3, qint64(typeId));
    return m_exists->hasRow();
}
