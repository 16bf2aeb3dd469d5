#include "queues/speedtolead.h"

#include <algorithm>

#include <QCoreApplication>

namespace handoff {

namespace speedtolead {

Band band(qint64 waitedSeconds, int slaMinutes)
{
    const qint64 sla = qint64(slaMinutes > 0 ? slaMinutes : DefaultSlaMinutes) * 60;
    if (waitedSeconds < sla)
        return Band::Fast;
    if (waitedSeconds < sla * LateFactor)
        return Band::Slow;
    return Band::Late;
}

QString minutesText(int minutes)
{
    // Spelled out: without a translation loaded, %n(s) would read "5 minute(s)".
    if (minutes >= 60 && minutes % 60 == 0) {
        const int hours = minutes / 60;
        return hours == 1 ? QCoreApplication::translate("SpeedToLead", "1 hour")
                          : QCoreApplication::translate("SpeedToLead", "%1 hours").arg(hours);
    }
    return minutes == 1 ? QCoreApplication::translate("SpeedToLead", "1 minute")
                        : QCoreApplication::translate("SpeedToLead", "%1 minutes").arg(minutes);
}

QString legend(int slaMinutes, bool workingTime)
{
    if (slaMinutes <= 0)
        slaMinutes = DefaultSlaMinutes;
    const QString text =
        QCoreApplication::translate("SpeedToLead", "Speed to lead: green within %1 (the SLA), "
                                                   "amber up to %2, red beyond; contacted leads "
                                                   "show the time they were reached in")
            .arg(minutesText(slaMinutes), minutesText(slaMinutes * LateFactor));
    return workingTime ? text + QCoreApplication::translate("SpeedToLead",
                                                            "; the clocks count working hours only")
                       : text;
}

QString waitedText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const auto two = [](qint64 n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
    if (seconds < 3600)
        return QStringLiteral("%1:%2").arg(seconds / 60).arg(two(seconds % 60));
    if (seconds < 86400)
        return QCoreApplication::translate("SpeedToLead", "%1h %2m")
            .arg(seconds / 3600)
            .arg(two(seconds % 3600 / 60));
    return QCoreApplication::translate("SpeedToLead", "%1d %2h")
        .arg(seconds / 86400)
        .arg(seconds % 86400 / 3600);
}

const BusinessCalendar &everySecond()
{
    static const BusinessCalendar calendar = BusinessCalendar::always();
    return calendar;
}

qint64 clockSeconds(qint64 raisedAt, std::optional<qint64> firstContactAt, qint64 now,
                    const BusinessCalendar &calendar)
{
    return calendar.clockSeconds(raisedAt, firstContactAt.value_or(now));
}

QString clockText(qint64 raisedAt, std::optional<qint64> firstContactAt, qint64 now,
                  const BusinessCalendar &calendar)
{
    const QString waited = waitedText(clockSeconds(raisedAt, firstContactAt, now, calendar));
    return firstContactAt
               ? QCoreApplication::translate("SpeedToLead", "contacted in %1").arg(waited)
               : waited;
}

} // namespace speedtolead

} // namespace handoff
