#pragma once

// Reads and writes activities and the activity-type catalogue. insert() joins the caller's
// transaction and reuses one prepared statement, so bulk loads stay fast.

#include <functional>
#include <optional>

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include "store/activitytype.h"
#include "store/lead.h"
#include "store/sqlquery.h"

namespace handoff {

class ActivityRepository
{
public:
    explicit ActivityRepository(QSqlDatabase db);

    QList<ActivityType> types() const;

    qint64 insert(const Activity &activity);
    QList<Activity> forLead(qint64 leadId) const;
    qint64 count() const;
    // Every activity as (lead, type, time), forward-only and in no particular order (an
    // undated one at UndatedTime, the oldest history there is): the
    // feature index is built from it.
    void scan(const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit) const;
    // The same for the activities up to `upToId` only (those stored by then).
    void scan(const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit,
              qint64 upToId) const;
    // ... and for those after `afterId` up to `upToId`, of the leads in `scope`.
    void scan(const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit,
              qint64 afterId, qint64 upToId, LeadScope scope = LeadScope::Every) const;

    // Activities stored after `afterId`, oldest first: what arrived since the last look.
    QList<Activity> since(qint64 afterId) const;
    // Those after `afterId` up to `upToId`, oldest first.
    QList<Activity> between(qint64 afterId, qint64 upToId) const;
    qint64 maxId() const;
    qint64 minId() const; // 0 when there are none, as maxId()
    // Whether the lead already has this activity: what keeps a re-import from doubling it.
    bool exists(qint64 leadId, int typeId, qint64 occurredAt) const;
    // How many activities of each type (by type id) the lead has.
    QHash<int, int> countsByType(qint64 leadId) const;

private:
    // Activities matching `whereAndOrder` (an internal clause binding :value).
    // `whereAndOrder` binds :value, and :upTo when given.
    QList<Activity> select(const QString &whereAndOrder, qint64 value,
                           std::optional<qint64> upTo = {}) const;

    QSqlDatabase m_db;
    std::optional<sql::Statement> m_insert;
};

} // namespace handoff
