// `handoff hours`: the team's working hours, holidays and time zone, and whether the SLA clock
// counts working time only.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>

#include "cli/cli.h"
#include "store/businesscalendar.h"
#include "store/businesscalendarrepository.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

using namespace commandsupport;

namespace {

const QStringList dayNames = {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                              QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                              QStringLiteral("sun")};

// "mon-fri", "sat,sun", "wed": the days, Monday as 1.
QList<int> daysFrom(const QString &text)
{
    QList<int> days;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QStringList ends = part.trimmed().toLower().split(QLatin1Char('-'));
        const int first = int(dayNames.indexOf(ends.value(0))) + 1;
        const int last = ends.size() == 2 ? int(dayNames.indexOf(ends.value(1))) + 1 : first;
        if (first < 1 || last < 1 || ends.size() > 2 || last < first)
            throw UsageError(
                tr("--hours: '%1' is not days such as mon-fri, sat,sun or wed").arg(text));
        for (int d = first; d <= last; ++d)
            days.append(d);
    }
    return days;
}

QDate dateFrom(const QString &option, const QString &text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        throw UsageError(tr("--%1: '%2' is not a date such as 2026-12-25").arg(option, text));
    return date;
}

} // namespace

namespace commands {

int hours(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({
        {QStringLiteral("db"), tr("The database (a file or postgresql://...)."),
         QStringLiteral("FILE|URL")},
        {QStringLiteral("zone"), tr("The team's time zone, an IANA name such as Europe/Berlin."),
         QStringLiteral("ZONE")},
        {QStringLiteral("hours"),
         tr("Working hours of some days, such as mon-fri=09:00-17:30 or sat,sun=closed; "
            "repeatable."),
         QStringLiteral("DAYS=HOURS")},
        {QStringLiteral("holiday"), tr("A day the team does not work; repeatable."),
         QStringLiteral("DATE")},
        {QStringLiteral("not-holiday"), tr("A holiday to take off the list; repeatable."),
         QStringLiteral("DATE")},
        {QStringLiteral("sla-counts"),
         tr("What the speed-to-lead clock counts: working (hours only) or every (minute)."),
         QStringLiteral("WHAT")},
        {QStringLiteral("as"), tr("Who makes the change, for the audit log (default: $USER)."),
         QStringLiteral("NAME")},
    });
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const Database db = openExisting(requiredDb(parser));
    BusinessCalendarRepository repository(db.connection());
    BusinessCalendar calendar = repository.load();
    const bool neverSet = calendar == BusinessCalendar::always();
    const bool changing =
        parser.isSet(QStringLiteral("zone")) || parser.isSet(QStringLiteral("hours")) ||
        parser.isSet(QStringLiteral("holiday")) || parser.isSet(QStringLiteral("not-holiday")) ||
        parser.isSet(QStringLiteral("sla-counts"));
    if (parser.isSet(QStringLiteral("zone"))) {
        const QTimeZone zone(parser.value(QStringLiteral("zone")).toUtf8());
        if (!zone.isValid())
            throw UsageError(tr("--zone: '%1' is not a time zone; give an IANA name such as "
                                "Europe/Berlin or America/New_York")
                                 .arg(parser.value(QStringLiteral("zone"))));
        calendar.setZone(zone);
    }
    // A team setting its hours for the first time names the days it works: the others, the
    // whole week until now, are closed.
    if (parser.isSet(QStringLiteral("hours")) && neverSet) {
        for (int day = 1; day <= 7; ++day)
            calendar.setHours(day, std::nullopt);
    }
    for (const QString &entry : parser.values(QStringLiteral("hours"))) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        if (equals <= 0)
            throw UsageError(
                tr("--hours takes DAYS=HOURS, such as mon-fri=09:00-17:30, not '%1'").arg(entry));
        const QString text = entry.mid(equals + 1).trimmed();
        std::optional<OpeningHours> hours;
        if (text != u"closed") {
            // The calendar's own reading of hours, so the command and the stored JSON agree.
            const BusinessCalendar one =
                BusinessCalendar::fromJson(QStringLiteral(R"({"hours": {"mon": "%1"}})").arg(text));
            hours = one.hours(1);
        }
        for (int day : daysFrom(entry.left(equals)))
            calendar.setHours(day, hours);
    }
    QSet<QDate> holidays = calendar.holidays();
    for (const QString &day : parser.values(QStringLiteral("holiday")))
        holidays.insert(dateFrom(QStringLiteral("holiday"), day));
    for (const QString &day : parser.values(QStringLiteral("not-holiday")))
        holidays.remove(dateFrom(QStringLiteral("not-holiday"), day));
    calendar.setHolidays(holidays);
    if (parser.isSet(QStringLiteral("sla-counts"))) {
        const QString what = parser.value(QStringLiteral("sla-counts"));
        if (what != u"working" && what != u"every")
            throw UsageError(tr("--sla-counts must be working or every, not '%1'").arg(what));
        calendar.setBusinessTimeOnly(what == u"working");
    }
    if (changing) {
        // Checked as it will be read back: a calendar that counts working time needs some.
        calendar = BusinessCalendar::fromJson(calendar.toJson());
        repository.save(calendar,
                        parser.isSet(QStringLiteral("as"))
                            ? parser.value(QStringLiteral("as"))
                            : qEnvironmentVariable("USER", QStringLiteral("hours")),
                        QDateTime::currentSecsSinceEpoch());
    }
    io.out << calendar.describe() << '\n';
    QList<QDate> days = calendar.holidays().values();
    std::sort(days.begin(), days.end());
    for (const QDate &day : days)
        io.out << "  " << day.toString(Qt::ISODate) << '\n';
    return cli::Success;
}

} // namespace commands

} // namespace handoff
