#include "store/activitybulkwriter.h"

#include "store/activityrepository.h"
#include "store/dialect.h"
#include "store/error.h"
#include "store/lead.h"
#include "store/nativestatement.h"
#include "store/postgrescopy.h"

namespace handoff {

namespace {

constexpr int GroupRows = 32;
constexpr int Columns = 6;
// Rows a COPY carries to a team server: one round trip, and a few megabytes held back.
constexpr size_t CopyRows = 20'000;

// Undated rows are written by their own statements, with the flag as a literal: a dated import
// binds the six values a row had before schema 8, and the column's default, 0, says "dated".
QByteArray insertStatement(int rows, bool undated)
{
    QByteArray sql = "INSERT INTO activities (lead_id, type_id, occurred_at, asset, channel, "
                     "import_batch_id";
    sql += undated ? ", undated) VALUES " : ") VALUES ";
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ", (";
        for (int c = 1; c <= Columns; ++c)
            sql += (c == 1 ? "?" : ", ?") + QByteArray::number(r * Columns + c);
        sql += undated ? ", 1)" : ")";
    }
    return sql;
}

} // namespace

ActivityBulkWriter::ActivityBulkWriter(QSqlDatabase db, std::function<void()> beforeWrite)
    : m_db(db)
    , m_beforeWrite(std::move(beforeWrite))
    , m_one(NativeStatement::prepare(db, insertStatement(1, false).constData()))
{
    if (m_one) {
        m_group = NativeStatement::prepare(db, insertStatement(GroupRows, false).constData());
        m_exists = NativeStatement::prepare(
            db, "SELECT 1 FROM activities WHERE lead_id = ?1 AND occurred_at = ?2 AND "
                "type_id = ?3");
        m_pending.reserve(GroupRows);
    } else if (dialect::backendOf(db) == Backend::PostgreSQL) {
        m_copy = true;
        m_fallback = std::make_unique<ActivityRepository>(db); // for exists()
        m_pending.reserve(CopyRows);
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
    if (m_copy) {
        m_pending.push_back({leadId, typeId, occurredAt, asset.toString(), channel.toString(),
                             importBatchId, undated});
        m_pendingKeys.insert({leadId, typeId, occurredAt});
        if (m_pending.size() == CopyRows)
            copyPending();
        return;
    }
    if (m_fallback) {
        writeFirst();
        m_fallback->insert({0, leadId, typeId, occurredAt, asset.toString(), channel.toString(),
                            importBatchId, undated});
        return;
    }
    // What is held back is all dated or all undated.
    if (!m_pending.empty() && undated != m_pendingUndated)
        flush();
    m_pendingUndated = undated;
    m_pending.push_back(
        {leadId, typeId, occurredAt, asset.toString(), channel.toString(), importBatchId});
    if (int(m_pending.size()) == GroupRows) {
        writeFirst();
        NativeStatement &group = statement(true);
        for (int r = 0; r < GroupRows; ++r)
            bind(group, r * Columns + 1, m_pending[size_t(r)]);
        group.run();
        m_pending.clear();
    }
}

NativeStatement &ActivityBulkWriter::statement(bool group)
{
    if (!m_pendingUndated)
        return group ? *m_group : *m_one;
    std::unique_ptr<NativeStatement> &undated = group ? m_groupUndated : m_oneUndated;
    if (!undated) {
        undated = NativeStatement::prepare(
            m_db, insertStatement(group ? GroupRows : 1, true).constData());
        if (!undated)
            throw Error(QStringLiteral("activities: cannot prepare the undated insert"));
    }
    return *undated;
}

void ActivityBulkWriter::copyPending()
{
    if (m_pending.empty())
        return;
    writeFirst();
    PostgresCopy copy(m_db, m_db.databaseName(), QStringLiteral("activities"),
                      {QStringLiteral("lead_id"), QStringLiteral("type_id"),
                       QStringLiteral("occurred_at"), QStringLiteral("asset"),
                       QStringLiteral("channel"), QStringLiteral("import_batch_id"),
                       QStringLiteral("undated")});
    for (const Row &row : m_pending) {
        copy.addInteger(row.leadId);
        copy.addInteger(row.typeId);
        copy.addInteger(row.occurredAt);
        copy.addText(row.asset.toUtf8());
        copy.addText(row.channel.toUtf8());
        if (row.importBatchId)
            copy.addInteger(row.importBatchId);
        else
            copy.addNull();
        copy.addInteger(row.undated ? 1 : 0);
        copy.endRow();
    }
    // The transaction is aborted then: the caller rolls the whole write back.
    if (const auto refusal = copy.finish())
        throw Error(QObject::tr("%1: the server refused the activities: %2")
                        .arg(m_db.databaseName(), refusal->text()));
    m_pending.clear();
    m_pendingKeys.clear();
}

void ActivityBulkWriter::flush()
{
    if (m_copy)
        return copyPending();
    if (m_pending.empty())
        return;
    writeFirst();
    NativeStatement &one = statement(false);
    for (const Row &row : m_pending) {
        bind(one, 1, row);
        one.run();
    }
    m_pending.clear();
}

void ActivityBulkWriter::writeFirst()
{
    if (m_beforeWrite)
        m_beforeWrite();
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
}

bool ActivityBulkWriter::exists(qint64 leadId, int typeId, qint64 occurredAt)
{
    if (m_copy) // held back, or in the database (read while no COPY runs)
        return m_pendingKeys.contains({leadId, typeId, occurredAt}) ||
               m_fallback->exists(leadId, typeId, occurredAt);
    if (m_fallback)
        return m_fallback->exists(leadId, typeId, occurredAt);
    flush(); // the rows held back count
    m_exists->bind(1, leadId);
    m_exists->bind(2, occurredAt);
    m_exists->bind(3, qint64(typeId));
    return m_exists->hasRow();
}

} // namespace handoff
