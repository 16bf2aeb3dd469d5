#include "store/activityrepository.h"

#include "store/leadrepository.h"

#include <limits>

#include <QVariant>

#include "store/error.h"
#include "store/leadrepository.h"
#include "store/rowscanner.h"
#include "store/sqlquery.h"

namespace handoff {

ActivityRepository::ActivityRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<ActivityType> ActivityRepository::types() const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT id, code, label, kind FROM activity_types ORDER BY id"));
    sql::exec(q);
    QList<ActivityType> types;
    while (sql::next(q)) {
        const auto kind = activitykind::fromString(q.value(3).toString());
        if (!kind)
            throw Error(
                QStringLiteral("%1: activity type %2 has an unknown kind '%3'")
                    .arg(m_db.databaseName(), q.value(1).toString(), q.value(3).toString()));
        types.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toString(), *kind});
    }
    return types;
}

qint64 ActivityRepository::insert(const Activity &activity)
{
    if (!m_insert) {
        m_insert = sql::prepare(
            m_db, QStringLiteral("INSERT INTO activities (lead_id, type_id, occurred_at, asset, "
                                 "channel, import_batch_id, undated) VALUES (:lead_id, :type_id, "
                                 ":occurred_at, :asset, :channel, :batch, :undated) RETURNING id"));
    }
    sql::Statement &q = *m_insert;
    q.bindValue(QStringLiteral(":lead_id"), activity.leadId);
    q.bindValue(QStringLiteral(":type_id"), activity.typeId);
    q.bindValue(QStringLiteral(":occurred_at"),
                activity.undated ? UndatedTime : activity.occurredAt);
    q.bindValue(QStringLiteral(":asset"), sql::text(activity.asset));
    q.bindValue(QStringLiteral(":channel"), sql::text(activity.channel));
    q.bindValue(QStringLiteral(":batch"),
                activity.importBatchId ? QVariant(activity.importBatchId) : QVariant());
    q.bindValue(QStringLiteral(":undated"), activity.undated ? 1 : 0);
    return sql::insertReturningId(q);
}

QList<Activity> ActivityRepository::forLead(qint64 leadId) const
{
    return select(QStringLiteral("lead_id = :value ORDER BY occurred_at DESC, id DESC"), leadId);
}

qint64 ActivityRepository::count() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT count(*) FROM activities"));
}

void ActivityRepository::scan(
    const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit) const
{
    scan(visit, std::numeric_limits<qint64>::max());
}

void ActivityRepository::scan(
    const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit,
    qint64 upToId) const
{
    scan(visit, std::numeric_limits<qint64>::min(), upToId);
}

void ActivityRepository::scan(
    const std::function<void(qint64 leadId, int typeId, qint64 occurredAt)> &visit, qint64 afterId,
    qint64 upToId, LeadScope scope) const
{
    // Every activity at start-up: through RowScanner, without a QVariant a value.
    RowScanner q(m_db, QStringLiteral("SELECT lead_id, type_id, occurred_at FROM activities "
                                      "WHERE id > ? AND id <= ? AND %1")
                           .arg(LeadRepository::scopeCondition(scope, QStringLiteral("lead_id"))));
    q.bind(1, afterId);
    q.bind(2, upToId);
    q.run();
    while (q.next())
        visit(q.integer(0), int(q.integer(1)), q.integer(2));
}

QList<Activity> ActivityRepository::since(qint64 afterId) const
{
    return between(afterId, std::numeric_limits<qint64>::max());
}

QList<Activity> ActivityRepository::between(qint64 afterId, qint64 upToId) const
{
    return select(QStringLiteral("id > :value AND id <= :upTo ORDER BY id"), afterId, upToId);
}

QList<Activity> ActivityRepository::select(const QString &whereAndOrder, qint64 value,
                                           std::optional<qint64> upTo) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT id, lead_id, type_id, occurred_at, asset, channel, "
                             "import_batch_id, undated FROM activities WHERE %1")
                  .arg(whereAndOrder));
    q.bindValue(QStringLiteral(":value"), value);
    if (upTo)
        q.bindValue(QStringLiteral(":upTo"), *upTo);
    sql::exec(q);
    QList<Activity> activities;
    while (sql::next(q)) {
        activities.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(),
                           q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                           q.value(6).toLongLong(), q.value(7).toInt() != 0});
    }
    return activities;
}

qint64 ActivityRepository::maxId() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT max(id) FROM activities"));
}

qint64 ActivityRepository::minId() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT min(id) FROM activities"));
}

QHash<int, int> ActivityRepository::countsByType(qint64 leadId) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT type_id, count(*) FROM activities "
                                               "WHERE lead_id = :lead_id GROUP BY type_id"));
    q.bindValue(QStringLiteral(":lead_id"), leadId);
    sql::exec(q);
    QHash<int, int> counts;
    while (sql::next(q))
        counts.insert(q.value(0).toInt(), q.value(1).toInt());
    return counts;
}

bool ActivityRepository::exists(qint64 leadId, int typeId, qint64 occurredAt) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT 1 FROM activities WHERE lead_id = :lead "
                                               "AND occurred_at = :at AND type_id = :type"));
    q.bindValue(QStringLiteral(":lead"), leadId);
    q.bindValue(QStringLiteral(":at"), occurredAt);
    q.bindValue(QStringLiteral(":type"), typeId);
    sql::exec(q);
    return sql::next(q);
}

} // namespace handoff
