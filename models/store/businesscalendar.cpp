#include "store/businesscalendar.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include "store/error.h"

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BusinessCalendar", text);
}

const char *const dayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Exact day by day over this many days at most; a wait longer than that (imported history)
// counts the days before them at the week's average.
constexpr int ExactDays = 400;

QString timeText(const QTime &time)
{
    return time.toString(QStringLiteral("HH:mm"));
}

} // namespace

BusinessCalendar BusinessCalendar::always()
{
    BusinessCalendar calendar;
    for (int day = 1; day <= 7; ++day)
        calendar.setHours(day, OpeningHours{QTime(0, 0), QTime(0, 0)});
    return calendar;
}

std::optional<OpeningHours> BusinessCalendar::hours(int dayOfWeek) const
{
    return dayOfWeek >= 1 && dayOfWeek <= 7 ? m_hours[size_t(dayOfWeek - 1)] : std::nullopt;
}

void BusinessCalendar::setHours(int dayOfWeek, std::optional<OpeningHours> hours)
{
    if (dayOfWeek >= 1 && dayOfWeek <= 7)
        m_hours[size_t(dayOfWeek - 1)] = hours;
}

std::optional<std::pair<qint64, qint64>> BusinessCalendar::workingSpan(const QDate &day) const
{
    const auto h = hours(day.dayOfWeek());
    if (!h || m_holidays.contains(day))
        return std::nullopt;
    // Times of the day in the zone: an offset change that day moves them with it.
    const qint64 open = QDateTime(day, h->open, m_zone).toSecsSinceEpoch();
    const qint64 close = h->close == QTime(0, 0)
                             ? QDateTime(day.addDays(1), QTime(0, 0), m_zone).toSecsSinceEpoch()
                             : QDateTime(day, h->close, m_zone).toSecsSinceEpoch();
    return std::pair{open, close};
}

qint64 BusinessCalendar::clockSeconds(qint64 from, qint64 to) const
{
    if (to <= from)
        return 0;
    return m_businessTimeOnly ? businessSeconds(from, to) : to - from;
}

qint64 BusinessCalendar::businessSeconds(qint64 from, qint64 to) const
{
    if (to <= from)
        return 0;
    const QDate first = QDateTime::fromSecsSinceEpoch(from, m_zone).date();
    const QDate last = QDateTime::fromSecsSinceEpoch(to, m_zone).date();
    QDate day = first;
    qint64 total = 0;
    if (first.daysTo(last) > ExactDays) {
        // The first day exactly, the whole days up to the last ExactDays at the template's
        // weekly working time, then day by day.
        const QDate cut = last.addDays(-ExactDays);
        total += businessSeconds(
            from, QDateTime(first.addDays(1), QTime(0, 0), m_zone).toSecsSinceEpoch());
        qint64 week = 0;
        for (int d = 1; d <= 7; ++d) {
            if (const auto h = hours(d)) {
                const qint64 close =
                    h->close == QTime(0, 0) ? 24 * 3600 : h->close.msecsSinceStartOfDay() / 1000;
                week += std::max<qint64>(0, close - h->open.msecsSinceStartOfDay() / 1000);
            }
        }
        total += first.addDays(1).daysTo(cut) * week / 7;
        from = QDateTime(cut, QTime(0, 0), m_zone).toSecsSinceEpoch();
        day = cut;
    }
    for (; day <= last; day = day.addDays(1)) {
        if (const auto span = workingSpan(day))
            total += std::max<qint64>(0, std::min(to, span->second) - std::max(from, span->first));
    }
    return total;
}

qint64 BusinessCalendar::clockReaches(qint64 from, qint64 seconds) const
{
    if (!m_businessTimeOnly || seconds <= 0)
        return from + std::max<qint64>(seconds, 0);
    qint64 left = seconds;
    QDate day = QDateTime::fromSecsSinceEpoch(from, m_zone).date();
    for (int n = 0; n < 3 * ExactDays; ++n, day = day.addDays(1)) {
        const auto span = workingSpan(day);
        if (!span)
            continue;
        const qint64 open = std::max(from, span->first);
        const qint64 close = span->second;
        if (close <= open)
            continue;
        if (left <= close - open)
            return open + left;
        left -= close - open;
    }
    return from + seconds; // no working day within years: fromJson() refuses such a calendar
}

QString BusinessCalendar::toJson() const
{
    QJsonObject hoursObject;
    for (int d = 1; d <= 7; ++d) {
        if (const auto h = hours(d))
            hoursObject.insert(
                QLatin1String(dayKeys[d - 1]),
                timeText(h->open) + u'-' +
                    (h->close == QTime(0, 0) ? QStringLiteral("24:00") : timeText(h->close)));
    }
    QStringList days;
    for (const QDate &d : m_holidays)
        days.append(d.toString(Qt::ISODate));
    days.sort();
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("zone"), QString::fromUtf8(m_zone.id())},
                                  {QStringLiteral("hours"), hoursObject},
                                  {QStringLiteral("holidays"), QJsonArray::fromStringList(days)},
                                  {QStringLiteral("business_time_only"), m_businessTimeOnly}})
            .toJson(QJsonDocument::Compact));
}

BusinessCalendar BusinessCalendar::fromJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw Error(tr("the business calendar is not a JSON object: %1").arg(error.errorString()));
    const QJsonObject object = document.object();
    BusinessCalendar calendar;
    const QString zoneId = object.value(QStringLiteral("zone")).toString(QStringLiteral("UTC"));
    const QTimeZone zone(zoneId.toUtf8());
    if (!zone.isValid())
        throw Error(tr("zone: '%1' is not a time zone; give an IANA name such as Europe/Berlin "
                       "or America/New_York")
                        .arg(zoneId));
    calendar.setZone(zone);
    const QJsonObject hoursObject = object.value(QStringLiteral("hours")).toObject();
    for (auto it = hoursObject.begin(); it != hoursObject.end(); ++it) {
        const auto key = std::find_if(std::begin(dayKeys), std::end(dayKeys),
                                      [&](const char *k) { return it.key() == QLatin1String(k); });
        if (key == std::end(dayKeys))
            throw Error(
                tr("hours.%1: not a day; use mon, tue, wed, thu, fri, sat or sun").arg(it.key()));
        const QString text = it.value().toString().trimmed();
        if (text.isEmpty() || text == u"closed")
            continue;
        const QStringList parts = text.split(QLatin1Char('-'));
        const QTime open = QTime::fromString(parts.value(0).trimmed(), QStringLiteral("HH:mm"));
        const bool untilMidnight = parts.value(1).trimmed() == u"24:00";
        const QTime close =
            untilMidnight ? QTime(0, 0)
                          : QTime::fromString(parts.value(1).trimmed(), QStringLiteral("HH:mm"));
        if (parts.size() != 2 || !open.isValid() || !close.isValid() ||
            (!untilMidnight && close <= open))
            throw Error(
                tr("hours.%1: '%2' is not opening hours such as 09:00-17:30").arg(it.key(), text));
        calendar.setHours(int(key - std::begin(dayKeys)) + 1, OpeningHours{open, close});
    }
    QSet<QDate> holidays;
    for (const QJsonValue &value : object.value(QStringLiteral("holidays")).toArray()) {
        const QDate day = QDate::fromString(value.toString(), Qt::ISODate);
        if (!day.isValid())
            throw Error(
                tr("holidays: '%1' is not a date such as 2026-12-25").arg(value.toString()));
        holidays.insert(day);
    }
    calendar.setHolidays(holidays);
    calendar.setBusinessTimeOnly(object.value(QStringLiteral("business_time_only")).toBool());
    const bool works = std::any_of(calendar.m_hours.cbegin(), calendar.m_hours.cend(),
                                   [](const auto &h) { return h.has_value(); });
    if (calendar.businessTimeOnly() && !works)
        throw Error(tr("hours: the SLA counts working time only, but no day has working hours"));
    return calendar;
}

QString BusinessCalendar::describe() const
{
    static const char *const names[7] = {
        QT_TRANSLATE_NOOP("BusinessCalendar", "Mon"), QT_TRANSLATE_NOOP("BusinessCalendar", "Tue"),
        QT_TRANSLATE_NOOP("BusinessCalendar", "Wed"), QT_TRANSLATE_NOOP("BusinessCalendar", "Thu"),
        QT_TRANSLATE_NOOP("BusinessCalendar", "Fri"), QT_TRANSLATE_NOOP("BusinessCalendar", "Sat"),
        QT_TRANSLATE_NOOP("BusinessCalendar", "Sun")};
    QStringList runs;
    for (int d = 1; d <= 7;) {
        const auto h = hours(d);
        int end = d;
        while (end < 7 && hours(end + 1) == h)
            ++end;
        if (h) {
            const QString days =
                end == d ? tr(names[d - 1]) : tr(names[d - 1]) + u'-' + tr(names[end - 1]);
            runs.append(days + u' ' + timeText(h->open) + u'-' +
                        (h->close == QTime(0, 0) ? QStringLiteral("24:00") : timeText(h->close)));
        }
        d = end + 1;
    }
    QString text = (runs.isEmpty() ? tr("no working days") : runs.join(QStringLiteral(", "))) +
                   u' ' + QString::fromUtf8(m_zone.id());
    if (!m_holidays.isEmpty())
        text +=
            m_holidays.size() == 1 ? tr(", 1 holiday") : tr(", %1 holidays").arg(m_holidays.size());
    text += m_businessTimeOnly ? tr("; the SLA counts working time only")
                               : tr("; the SLA counts every minute");
    return text;
}

bool BusinessCalendar::operator==(const BusinessCalendar &other) const
{
    return m_zone == other.m_zone && m_hours == other.m_hours && m_holidays == other.m_holidays &&
           m_businessTimeOnly == other.m_businessTimeOnly;
}

} // namespace handoff
