#pragma once

// Inserts many activities fast, inside the caller's transaction: on SQLite through the
// driver's native handle with one prepared statement (a few times faster than QSqlQuery's
// bind-by-name per row); on any other driver through ActivityRepository. The import of
// millions of activities goes through here.

#include <memory>

#include <QSqlDatabase>

#include "lead.h"

struct sqlite3_stmt;
class ActivityRepository;

class ActivityBulkWriter
{
public:
    explicit ActivityBulkWriter(QSqlDatabase db);
    ~ActivityBulkWriter();
    ActivityBulkWriter(const ActivityBulkWriter &) = delete;
    ActivityBulkWriter &operator=(const ActivityBulkWriter &) = delete;

    void insert(const Activity &activity);

private:
    QSqlDatabase m_db;
    sqlite3_stmt *m_statement = nullptr;
    std::unique_ptr<ActivityRepository> m_fallback;
};
