#include "store/businesscalendarrepository.h"

#include <QVariant>

#include "store/auditlog.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

BusinessCalendarRepository::BusinessCalendarRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

BusinessCalendar BusinessCalendarRepository::load() const
{
    auto q =
        sql::prepare(m_db, QStringLiteral("SELECT definition FROM business_calendar WHERE id = 1"));
    sql::exec(q);
    return sql::next(q) ? BusinessCalendar::fromJson(q.value(0).toString())
                        : BusinessCalendar::always();
}

void BusinessCalendarRepository::save(const BusinessCalendar &calendar, const QString &actor,
                                      qint64 at)
{
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO business_calendar (id, definition, set_at, set_by) "
                             "VALUES (1, :definition, :at, :by) ON CONFLICT (id) DO UPDATE SET "
                             "definition = excluded.definition, set_at = excluded.set_at, "
                             "set_by = excluded.set_by"));
    q.bindValue(QStringLiteral(":definition"), calendar.toJson());
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), sql::text(actor));
    sql::exec(q);
    AuditLog(m_db).record({at, actor, QStringLiteral("calendar.set"),
                           QStringLiteral("business_calendar"), 1, calendar.describe()});
    scope.commit();
}

} // namespace handoff
