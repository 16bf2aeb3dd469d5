#include "store/qualificationrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/sqlquery.h"

namespace handoff {

QualificationRepository::QualificationRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Qualification QualificationRepository::find(qint64 leadId) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT goals, authority, timeline, budget, signup_reason, needed_by, "
                             "updated_at, updated_by FROM lead_qualification WHERE lead_id = :id"));
    q.bindValue(QStringLiteral(":id"), leadId);
    sql::exec(q);
    if (!sql::next(q))
        return {};
    return {q.value(0).toString(),   q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(),   q.value(4).toString(), q.value(5).toString(),
            q.value(6).toLongLong(), q.value(7).toString()};
}

void QualificationRepository::save(qint64 leadId, const Qualification &d)
{
    // Portable upsert: SQLite and PostgreSQL both accept ON CONFLICT ... DO UPDATE.
    auto q = sql::prepare(
        m_db, QStringLiteral(
                  "INSERT INTO lead_qualification (lead_id, goals, authority, timeline, budget, "
                  "signup_reason, needed_by, updated_at, updated_by) VALUES (:id, :goals, "
                  ":authority, :timeline, :budget, :signup_reason, :needed_by, :updated_at, "
                  ":updated_by) ON CONFLICT (lead_id) DO UPDATE SET goals = excluded.goals, "
                  "authority = excluded.authority, timeline = excluded.timeline, "
                  "budget = excluded.budget, signup_reason = excluded.signup_reason, "
                  "needed_by = excluded.needed_by, updated_at = excluded.updated_at, "
                  "updated_by = excluded.updated_by"));
    q.bindValue(QStringLiteral(":id"), leadId);
    q.bindValue(QStringLiteral(":goals"), sql::text(d.goals));
    q.bindValue(QStringLiteral(":authority"), sql::text(d.authority));
    q.bindValue(QStringLiteral(":timeline"), sql::text(d.timeline));
    q.bindValue(QStringLiteral(":budget"), sql::text(d.budget));
    q.bindValue(QStringLiteral(":signup_reason"), sql::text(d.signupReason));
    q.bindValue(QStringLiteral(":needed_by"), sql::text(d.neededBy));
    q.bindValue(QStringLiteral(":updated_at"), d.updatedAt);
    q.bindValue(QStringLiteral(":updated_by"), sql::text(d.updatedBy));
    sql::exec(q);
}

} // namespace handoff
