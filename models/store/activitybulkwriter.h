#pragma once

// Inserts many activities fast, inside the caller's transaction: on SQLite through one
// native prepared statement (NativeStatement), on any other driver through
// ActivityRepository. The import of millions of activities goes through here.

#include <memory>

#include <QSqlDatabase>

#include "lead.h"

class ActivityRepository;
class NativeStatement;

class ActivityBulkWriter
{
public:
    explicit ActivityBulkWriter(QSqlDatabase db);
    ~ActivityBulkWriter();
    ActivityBulkWriter(const ActivityBulkWriter &) = delete;
    ActivityBulkWriter &operator=(const ActivityBulkWriter &) = delete;

    void insert(const Activity &activity);

private:
    std::unique_ptr<NativeStatement> m_native;
    std::unique_ptr<ActivityRepository> m_fallback;
};
