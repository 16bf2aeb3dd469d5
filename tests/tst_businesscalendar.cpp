// The SLA clock in working time: across a weekend, a holiday, a change to summer time and
// between time zones; the moment an SLA runs out; and the calendar as the database keeps it.

#include <QDateTime>
#include <QTest>

#include "errorof.h"
#include "store/auditlog.h"
#include "store/businesscalendar.h"
#include "store/businesscalendarrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

const QTimeZone Berlin("Europe/Berlin");

qint64 at(const QString &localTime, const QTimeZone &zone = Berlin)
{
    return QDateTime(QDateTime::fromString(localTime, Qt::ISODate).date(),
                     QDateTime::fromString(localTime, Qt::ISODate).time(), zone)
        .toSecsSinceEpoch();
}

// Mon-Fri 09:00-17:00 in `zone`, the SLA counting working time only.
BusinessCalendar office(const QTimeZone &zone = Berlin)
{
    BusinessCalendar calendar;
    calendar.setZone(zone);
    for (int day = 1; day <= 5; ++day)
        calendar.setHours(day, OpeningHours{QTime(9, 0), QTime(17, 0)});
    calendar.setBusinessTimeOnly(true);
    return calendar;
}

} // namespace

class TestBusinessCalendar : public QObject
{
    Q_OBJECT

private slots:
    void untilATeamSaysTheClockCountsEverySecond()
    {
        const BusinessCalendar always = BusinessCalendar::always();
        const qint64 from = at(QStringLiteral("2026-12-04T22:10:00"));
        QCOMPARE(always.clockSeconds(from, from + 3 * 86400 + 17), 3 * 86400 + 17);
        QCOMPARE(always.clockSeconds(from, from - 5), 0);
        QCOMPARE(always.clockReaches(from, 300), from + 300);
        // Two years, past the day-by-day span, still every second in UTC.
        BusinessCalendar utc = BusinessCalendar::always();
        QCOMPARE(utc.businessSeconds(from, from + 730 * 86400), 730 * 86400);
    }

    void aFridayEveningRequestWaitsForMonday()
    {
        const BusinessCalendar calendar = office();
        const qint64 friday = at(QStringLiteral("2026-12-04T16:50:00"));
        const qint64 monday = at(QStringLiteral("2026-12-07T09:10:00"));
        QCOMPARE(calendar.clockSeconds(friday, monday), 20 * 60);
        // Ten of a 15-minute SLA's minutes pass on Friday; the rest run out at 09:05 on Monday.
        QCOMPARE(calendar.clockReaches(friday, 15 * 60), at(QStringLiteral("2026-12-07T09:05:00")));
        // Sent at night, it starts counting at opening.
        QCOMPARE(calendar.clockReaches(at(QStringLiteral("2026-12-08T23:00:00")), 300),
                 at(QStringLiteral("2026-12-09T09:05:00")));
        // A team that counts every minute counts the weekend too.
        BusinessCalendar everyMinute = calendar;
        everyMinute.setBusinessTimeOnly(false);
        QCOMPARE(everyMinute.clockSeconds(friday, monday), monday - friday);
        QCOMPARE(everyMinute.businessSeconds(friday, monday), 20 * 60);
    }

    // Past 400 days the days before the last 400 count at the week's average: within a
    // working day of the exact count (which this test counts day by day itself).
    void aVeryLongWaitIsCountedWithinADay()
    {
        const BusinessCalendar calendar = office(QTimeZone::utc());
        const QDate first(2024, 1, 3);
        const qint64 from = QDateTime(first, QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch();
        const qint64 to = from + 900 * 86400;
        qint64 exact = 4 * 3600; // the first day's afternoon, a Wednesday
        for (QDate d = first.addDays(1); d < first.addDays(900); d = d.addDays(1))
            exact += d.dayOfWeek() <= 5 ? 8 * 3600 : 0;
        exact += first.addDays(900).dayOfWeek() <= 5 ? 3 * 3600 : 0; // up to 12:00, from 09:00
        QVERIFY2(std::abs(calendar.businessSeconds(from, to) - exact) <= 8 * 3600,
                 qPrintable(QStringLiteral("%1 against %2")
                                .arg(calendar.businessSeconds(from, to))
                                .arg(exact)));
    }

    void aHolidayIsNotWorked()
    {
        BusinessCalendar calendar = office();
        calendar.setHolidays({QDate(2026, 12, 25)}); // a Friday
        QCOMPARE(calendar.clockSeconds(at(QStringLiteral("2026-12-24T16:00:00")),
                                       at(QStringLiteral("2026-12-28T10:00:00"))),
                 2 * 3600);
    }

    void summerTimeMovesTheHoursWithIt()
    {
        // Berlin's clocks go forward on Sunday 29 March 2026 at 02:00: that weekend has an
        // hour less, but a working day is still eight hours.
        BusinessCalendar calendar = office();
        for (int day = 6; day <= 7; ++day)
            calendar.setHours(day, OpeningHours{QTime(9, 0), QTime(17, 0)});
        const qint64 from = at(QStringLiteral("2026-03-28T12:00:00"));
        const qint64 to = at(QStringLiteral("2026-03-30T10:00:00"));
        QCOMPARE(to - from, 45 * 3600);
        QCOMPARE(calendar.clockSeconds(from, to), (5 + 8 + 1) * 3600);
        QCOMPARE(calendar.clockReaches(from, 14 * 3600), to);
    }

    void theSameMomentsCountByTheTeamsZone()
    {
        // 08:00 to 10:00 UTC on a Monday in winter: 09:00-11:00 in Berlin (two working
        // hours), 03:00-05:00 in New York (none).
        const qint64 from = at(QStringLiteral("2026-12-07T08:00:00"), QTimeZone::utc());
        const qint64 to = from + 2 * 3600;
        QCOMPARE(office(Berlin).clockSeconds(from, to), 2 * 3600);
        QCOMPARE(office(QTimeZone("America/New_York")).clockSeconds(from, to), 0);
    }

    void itIsKeptAsJson()
    {
        BusinessCalendar calendar = office();
        calendar.setHours(6, OpeningHours{QTime(10, 0), QTime(0, 0)}); // Saturday until midnight
        calendar.setHolidays({QDate(2026, 12, 25), QDate(2027, 1, 1)});
        const QString json = calendar.toJson();
        QVERIFY2(json.contains(QStringLiteral(R"("sat":"10:00-24:00")")), qPrintable(json));
        QCOMPARE(BusinessCalendar::fromJson(json), calendar);
        QCOMPARE(calendar.describe(),
                 QStringLiteral("Mon-Fri 09:00-17:00, Sat 10:00-24:00 Europe/Berlin, 2 holidays; "
                                "the SLA counts working time only"));
    }

    void theDatabaseKeepsItAndTheAuditLogSaysWho()
    {
        TestDatabase t;
        BusinessCalendarRepository repository(t.connection());
        QCOMPARE(repository.load(), BusinessCalendar::always());
        BusinessCalendar calendar = office(QTimeZone("America/New_York"));
        calendar.setHolidays({QDate(2026, 11, 26)});
        repository.save(calendar, QStringLiteral("max"), 1'780'000'000);
        QCOMPARE(BusinessCalendarRepository(t.connection()).load(), calendar);
        const AuditEntry entry = AuditLog(t.connection()).recent(1).value(0);
        QCOMPARE(entry.actor, QStringLiteral("max"));
        QCOMPARE(entry.action, QStringLiteral("calendar.set"));
        QCOMPARE(entry.detail, calendar.describe());
    }

    void whatIsWrongIsSaidWithWhere_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("zone") << R"({"zone": "Mars/Olympus"})"
                              << "zone: 'Mars/Olympus' is not a time zone";
        QTest::newRow("day") << R"({"hours": {"monday": "09:00-17:00"}})"
                             << "hours.monday: not a day";
        QTest::newRow("hours") << R"({"hours": {"tue": "9 to 5"}})"
                               << "hours.tue: '9 to 5'";
        QTest::newRow("backwards") << R"({"hours": {"wed": "17:00-09:00"}})"
                                   << "hours.wed";
        QTest::newRow("holiday") << R"({"holidays": ["25/12/2026"]})"
                                 << "holidays: '25/12/2026'";
        QTest::newRow("never open") << R"({"business_time_only": true})"
                                    << "no day has working hours";
        QTest::newRow("not JSON") << "{"
                                  << "not a JSON object";
    }
    void whatIsWrongIsSaidWithWhere()
    {
        QFETCH(QString, json);
        QFETCH(QString, says);
        const auto refused = errorOf([&] { BusinessCalendar::fromJson(json); });
        QVERIFY(refused);
        QVERIFY2(refused->message().contains(says), qPrintable(refused->message()));
    }
};

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"
