#pragma once

// Inserts many activities fast, inside the caller's transaction: on SQLite through native
// prepared statements (NativeStatement) that write rows in groups (one statement per group
// costs about half as much per row as one per row); on a team server by COPY, thousands of
// rows in one round trip (PostgresCopy), where one INSERT a row cost a round trip each. The
// import of millions of activities goes through here, and so does its check for an activity
// a lead already has (what keeps a re-import from doubling it).

#include <functional>
#include <memory>
#include <vector>

#include <QHashFunctions>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

namespace handoff {

class ActivityRepository;
class NativeStatement;

class ActivityBulkWriter
{
public:
    // beforeWrite, when given, runs before rows held back are written: what they name and
    // another writer holds back (new leads: LeadBulkWriter) goes first.
    explicit ActivityBulkWriter(QSqlDatabase db, std::function<void()> beforeWrite = {});
    ~ActivityBulkWriter();
    ActivityBulkWriter(const ActivityBulkWriter &) = delete;
    ActivityBulkWriter &operator=(const ActivityBulkWriter &) = delete;

    // Written by the time of flush() at the latest; throws Error when the store refuses.
    // An undated activity is stored at UndatedTime whatever `occurredAt` says.
    void insert(qint64 leadId, int typeId, qint64 occurredAt, QStringView asset,
                QStringView channel, qint64 importBatchId, bool undated);
    // Writes what insert() holds back. Call it before committing.
    void flush();
    // Whether the lead already has an activity of this type at this time.
    bool exists(qint64 leadId, int typeId, qint64 occurredAt);

private:
    struct Row
    {
        qint64 leadId = 0;
        qint64 typeId = 0;
        qint64 occurredAt = 0;
        QString asset;
        QString channel;
        qint64 importBatchId = 0;
        bool undated = false;
    };
    // What exists() asks about a row held back for COPY.
    struct Key
    {
        qint64 leadId;
        qint64 typeId;
        qint64 occurredAt;
        bool operator==(const Key &) const = default;
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.leadId, key.typeId, key.occurredAt);
        }
    };
    static void bind(NativeStatement &statement, int first, const Row &row);
    void writeFirst();  // what the rows name, held back elsewhere
    void copyPending(); // a team server's: the rows held back, by one COPY
    // The insert of one row, or of a group, for the kind of rows held back.
    NativeStatement &statement(bool group);

    QSqlDatabase m_db;
    std::function<void()> m_beforeWrite;
    std::unique_ptr<NativeStatement> m_one;
    std::unique_ptr<NativeStatement> m_group;
    std::unique_ptr<NativeStatement> m_oneUndated; // prepared when the first undated row comes
    std::unique_ptr<NativeStatement> m_groupUndated;
    bool m_pendingUndated = false; // what m_pending holds: undated rows, or dated ones
    std::unique_ptr<NativeStatement> m_exists;
    std::unique_ptr<ActivityRepository> m_fallback;
    bool m_copy = false; // a team server: rows held back go by COPY
    QSet<Key> m_pendingKeys;
    std::vector<Row> m_pending;
};

} // namespace handoff
