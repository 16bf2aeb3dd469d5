#pragma once

// Readies one connection for a bulk import while it lives and puts it back afterwards. On
// SQLite: no foreign-key checks, because the importer writes only lead, type and batch ids it
// read or made itself in the same transaction, so every check would pass (they cost about a
// third of each activity insert); and a larger page cache, so the indexes being filled stay
// in memory instead of spilling to the WAL in mid-transaction. Make it before the import's
// transaction begins: SQLite ignores the foreign-key switch inside one. Other drivers:
// nothing changes.

#include <QSqlDatabase>

namespace handoff {

class BulkLoadScope
{
public:
    explicit BulkLoadScope(QSqlDatabase db);
    ~BulkLoadScope();
    BulkLoadScope(const BulkLoadScope &) = delete;
    BulkLoadScope &operator=(const BulkLoadScope &) = delete;

private:
    QSqlDatabase m_db;
    bool m_active = false;
    bool m_foreignKeys = true;
    qint64 m_cacheSize = 0;
};

} // namespace handoff
