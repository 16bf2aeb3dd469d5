#pragma once

// The team's working time: opening hours for each day of the week in the team's time zone,
// and the holidays it does not work. The SLA clock counts either every second since a hand
// was raised or, when the team says so (businessTimeOnly), only the seconds inside those
// hours: a demo request sent on Friday evening starts its clock on Monday morning. Days are
// the team's local days, so a change of the zone's offset (summer time) moves the hours with
// it. Kept as JSON in the database (schema version 13); a team that set nothing counts every
// second (always()).

#include <array>
#include <optional>

#include <QDate>
#include <QSet>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace handoff {

struct OpeningHours
{
    QTime open;
    QTime close; // after open, on the same day
    bool operator==(const OpeningHours &) const = default;
};

class BusinessCalendar
{
public:
    // Every day, all day, and the clock counts every second: what a team gets until it says.
    static BusinessCalendar always();

    QTimeZone zone() const { return m_zone; }
    // Monday is 1, as QDate::dayOfWeek(); nullopt when the team does not work that day.
    std::optional<OpeningHours> hours(int dayOfWeek) const;
    const QSet<QDate> &holidays() const { return m_holidays; }
    bool businessTimeOnly() const { return m_businessTimeOnly; }

    void setZone(const QTimeZone &zone) { m_zone = zone; }
    void setHours(int dayOfWeek, std::optional<OpeningHours> hours);
    void setHolidays(QSet<QDate> holidays) { m_holidays = std::move(holidays); }
    void setBusinessTimeOnly(bool only) { m_businessTimeOnly = only; }

    // The seconds from `from` to `to` (seconds since the epoch, UTC) the SLA clock counts:
    // all of them, or only those in working hours. 0 when `to` is not after `from`.
    qint64 clockSeconds(qint64 from, qint64 to) const;
    // The seconds in working hours between the two moments, whatever businessTimeOnly says.
    qint64 businessSeconds(qint64 from, qint64 to) const;
    // When the clock started at `from` reaches `seconds` (the moment a hand-raiser's SLA runs
    // out): `from + seconds`, or that much working time later.
    qint64 clockReaches(qint64 from, qint64 seconds) const;

    // {"zone": "Europe/Berlin", "hours": {"mon": "09:00-17:30", ...}, "holidays": [...],
    //  "business_time_only": true}
    QString toJson() const;
    // Throws Error saying what is wrong and where ("hours.tue: ...").
    static BusinessCalendar fromJson(const QString &json);
    // "Mon-Fri 09:00-17:30 Europe/Berlin, 3 holidays; the SLA counts working time only"
    QString describe() const;

    bool operator==(const BusinessCalendar &other) const;

private:
    // When `day`'s working hours begin and end (UTC seconds); nullopt on a day off.
    std::optional<std::pair<qint64, qint64>> workingSpan(const QDate &day) const;

    QTimeZone m_zone = QTimeZone::utc();
    std::array<std::optional<OpeningHours>, 7> m_hours; // Monday first
    QSet<QDate> m_holidays;
    bool m_businessTimeOnly = false;
};

} // namespace handoff
