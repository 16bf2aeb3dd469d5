#pragma once

// Where the team's business calendar is kept (one row, schema version 13): read by every
// console and the command line, changed with `handoff hours`, every change in the audit log.

#include <QSqlDatabase>

#include "store/businesscalendar.h"

namespace handoff {

class BusinessCalendarRepository
{
public:
    explicit BusinessCalendarRepository(QSqlDatabase db);

    // The team's calendar; BusinessCalendar::always() until one is set. Throws Error when the
    // stored one cannot be read.
    BusinessCalendar load() const;
    void save(const BusinessCalendar &calendar, const QString &actor, qint64 at);

private:
    QSqlDatabase m_db;
};

} // namespace handoff
