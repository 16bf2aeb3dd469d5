#include <clocale>

#include <QDateTime>
#include <QLocale>
#include <QTest>

#include "scoring/valueparsers.h"

using namespace handoff;

using valueparsers::DateFormat;

Q_DECLARE_METATYPE(DateFormat)

// The cell cleaners every import runs: placeholders, booleans, numbers, dates, stages and
// category keys, each with the spellings real exports use.
class TestValueParsers : public QObject
{
    Q_OBJECT

private:
    // Expected instants are computed by QDateTime, independently of the Julian-day arithmetic
    // the parser uses.
    static qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
    {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC).toSecsSinceEpoch();
    }

    static void addNumberColumns()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("percent");
    }

    static void addNumberRows()
    {
        const auto row = [](const char *name, const QString &text, double value,
                            bool percent = false) {
            QTest::newRow(name) << text << true << value << percent;
        };
        const auto bad = [](const char *name, const QString &text) {
            QTest::newRow(name) << text << false << 0.0 << false;
        };
        row("integer", QStringLiteral("42"), 42);
        row("one point zero", QStringLiteral("1.0"), 1);
        row("negative", QStringLiteral("-5"), -5);
        row("plus sign", QStringLiteral("+5"), 5);
        row("unicode minus", QStringLiteral("\u22127.5"), -7.5);
        row("quoted thousands", QStringLiteral("1,098"), 1098);
        row("thousands and decimals", QStringLiteral("1,234,567.89"), 1234567.89);
        row("indian grouping", QStringLiteral("1,77,000.00"), 177000);
        row("indian crore", QStringLiteral("12,34,56,789"), 123456789);
        row("dollar trailing space", QStringLiteral("$923.00 "), 923);
        row("euro prefix", QStringLiteral("€12.50"), 12.5);
        row("euro suffix european", QStringLiteral("12,50 €"), 12.5);
        row("pound", QStringLiteral("£1,000"), 1000);
        row("yen", QStringLiteral("¥5000"), 5000);
        row("rupee", QStringLiteral("₹1,77,000"), 177000);
        row("rs dot", QStringLiteral("Rs. 2,500"), 2500);
        row("usd code prefix", QStringLiteral("USD 12"), 12);
        row("eur code suffix", QStringLiteral("12 EUR"), 12);
        row("code no space", QStringLiteral("12EUR"), 12);
        row("us dollar", QStringLiteral("US$ 3.5"), 3.5);
        row("minus before currency", QStringLiteral("-$5"), -5);
        row("minus after currency", QStringLiteral("$-5"), -5);
        row("percent zero", QStringLiteral("0.00%"), 0, true);
        row("percent", QStringLiteral("12.5 %"), 12.5, true);
        row("percent european", QStringLiteral("12,5%"), 12.5, true);
        row("accounting negative", QStringLiteral("(1,234.50)"), -1234.5);
        row("accounting currency", QStringLiteral("($1,234.50)"), -1234.5);
        row("space thousands decimal comma", QStringLiteral("1 234,5"), 1234.5);
        row("no-break space thousands", QStringLiteral("1\u00A0234\u00A0567"), 1234567);
        row("dot thousands decimal comma", QStringLiteral("1.234,56"), 1234.56);
        row("dot thousands comma three", QStringLiteral("1.234,567"), 1234.567);
        row("dot thousands only", QStringLiteral("1.234.567"), 1234567);
        row("decimal comma one digit", QStringLiteral("3,5"), 3.5);
        row("decimal comma four digits", QStringLiteral("0,1234"), 0.1234);
        row("swiss apostrophe", QStringLiteral("1'234.50"), 1234.5);
        row("leading dot", QStringLiteral(".5"), 0.5);
        row("scientific", QStringLiteral("1.70965E+12"), 1.70965e12);
        row("surrounding spaces", QStringLiteral("  7  "), 7);
        bad("empty", QString());
        bad("blank", QStringLiteral("   "));
        bad("placeholder n/a", QStringLiteral("N/A"));
        bad("placeholder dash", QStringLiteral("-"));
        bad("placeholder zero id", QStringLiteral("000000000000000AAA"));
        bad("word", QStringLiteral("abc"));
        bad("digits then word", QStringLiteral("12abc"));
        bad("unknown code", QStringLiteral("12 abc"));
        bad("two dots", QStringLiteral("1.2.3"));
        bad("bad grouping", QStringLiteral("1,23,4567"));
        bad("comma then comma decimal", QStringLiteral("1,234,56"));
        bad("trailing separator", QStringLiteral("12."));
        bad("only currency", QStringLiteral("$"));
        bad("only percent", QStringLiteral("%"));
        bad("nan", QStringLiteral("nan"));
        bad("inf", QStringLiteral("inf"));
        bad("hex", QStringLiteral("0x1F"));
        bad("date", QStringLiteral("2024-03-05"));
        bad("double negative", QStringLiteral("(-5)"));
        bad("mixed grouping", QStringLiteral("1.234,567,890"));
    }

private slots:
    void placeholders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("placeholder");
        const auto rows = [](const char *prefix, const auto &texts, bool placeholder) {
            for (const char *text : texts) {
                QTest::newRow(qPrintable(
                    QStringLiteral("%1 '%2'").arg(QLatin1String(prefix), QLatin1String(text))))
                    << QString::fromLatin1(text) << placeholder;
            }
        };
        const char *words[] = {"",      "   ",      "N/A",    "n/a",      "NA",
                               "na",    "-",        "--",     "null",     "NULL",
                               "none",  "None",     "Select", "(blank)",  "undefined",
                               " N/A ", "\tnull\t", "#N/A",   "--None--", "(none)"};
        rows("word", words, true);
        const char *zeroIds[] = {"000000000000000AAA", "000000000000000", "000000000000000000",
                                 "000000000000000AAC", "000000000000000aaa"};
        rows("zero id", zeroIds, true);
        const char *zeroDates[] = {"0000-00-00", "0000-00-00 00:00:00"};
        rows("zero date", zeroDates, true);
        const char *values[] = {"0",        "00Q1",     "Acme", "Nancy",
                                "nonesuch", "Selected", "12",   "Not applicable"};
        rows("value", values, false);
        const char *ids[] = {"0000000000000", "000000000000001", "00000000000000000AAA",
                             "000000000000000ABCD", "00Q000000000000AAA"};
        rows("id", ids, false);
        const char *dates[] = {"0000-00-01", "2024-03-05 00:00:00"};
        rows("date", dates, false);
    }

    void placeholders()
    {
        QFETCH(QString, text);
        QFETCH(bool, placeholder);
        QCOMPARE(valueparsers::isPlaceholder(text), placeholder);
    }

    void booleans_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 not a boolean
        const char *trueSpellings[] = {"Yes",  "yes", "YES",     "Y",       "y",  "true", "TRUE",
                                       "True", "1",   "checked", "Checked", "on", "ON",   " yes "};
        for (const char *text : trueSpellings)
            QTest::newRow(qPrintable(QStringLiteral("true '%1'").arg(QLatin1String(text))))
                << QString::fromLatin1(text) << 1;
        const char *falseSpellings[] = {"No",    "no",    "NO",      "N",         "n",
                                        "false", "FALSE", "0",       "unchecked", "Unchecked",
                                        "off",   "Off",   "\tfalse "};
        for (const char *text : falseSpellings)
            QTest::newRow(qPrintable(QStringLiteral("false '%1'").arg(QLatin1String(text))))
                << QString::fromLatin1(text) << 0;
        const char *neither[] = {"", "maybe", "2", "yess", "t", "N/A", "10", "-1", "nope"};
        for (const char *text : neither)
            QTest::newRow(qPrintable(QStringLiteral("neither '%1'").arg(QLatin1String(text))))
                << QString::fromLatin1(text) << -1;
    }

    void booleans()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const auto b = valueparsers::boolean(text);
        QCOMPARE(b.has_value(), expected >= 0);
        if (b)
            QCOMPARE(int(*b), expected);
    }

    void numbers_data()
    {
        addNumberColumns();
        addNumberRows();
    }

    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, value);
        QFETCH(bool, percent);
        bool isPercent = true; // must be reset by the call
        const auto n = valueparsers::number(text, &isPercent);
        QVERIFY2(n.has_value() == valid,
                 qPrintable(n ? QString::number(*n, 'g', 17) : QStringLiteral("nullopt")));
        if (n)
            QCOMPARE(*n, value);
        QCOMPARE(isPercent, percent && valid);
        QCOMPARE(valueparsers::number(text).has_value(), valid); // without the out parameter
    }

    // Company sizes as CRMs and forms write them: the smallest number of employees the text
    // allows (-1: unreadable, so the importer rejects the cell), and whether it was a plain
    // number (then the importer keeps no text beside it).
    void companySizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("employees");
        QTest::addColumn<bool>("plain");
        const auto row = [](const char *text, int employees, bool plain = false) {
            QTest::newRow(text) << QString::fromUtf8(text) << employees << plain;
        };
        row("250", 250, true);
        row("1,200", 1200, true);
        row(" 42 ", 42, true);
        row("51-200", 51);
        row("51 - 200", 51);
        row("51–200", 51); // en dash
        row("1,001-5,000", 1001);
        row("5,001-10,000", 5001);
        row("10,001+", 10001);
        row("5000+", 5000);
        row("1-10 employees", 1);
        row("11 to 50", 11);
        row("1K-5K", 1000);
        row("250 employees", 250);
        row("Self-employed", 1);
        row("self employed", 1);
        row("<50", 1);
        row("under 50", 1);
        row("fewer than 10", 1);
        row("more than 1000", 1001);
        row("at least 500", 500);
        row(">1000", 1001);
        row("N/A", -1);
        row("", -1);
        row("a few", -1);
        row("200-51", -1);
        row("12-30-50", -1);
        row("about 50 trucks", -1);
        row("-5", -1);
        row("20,000,000+", -1);
    }
    void companySizes()
    {
        QFETCH(QString, text);
        QFETCH(int, employees);
        QFETCH(bool, plain);
        bool isPlain = !plain;
        const auto n = valueparsers::companySize(text, &isPlain);
        QCOMPARE(n.value_or(-1), employees);
        if (n)
            QCOMPARE(isPlain, plain);
    }

    // The same rows under a German Qt default locale and, when installed, a German C locale:
    // a decimal comma there must not change what "1,098" means.
    void numbersIgnoreTheLocale_data()
    {
        addNumberColumns();
        addNumberRows();
    }

    void numbersIgnoreTheLocale()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, value);
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        std::setlocale(LC_ALL, "de_DE.UTF-8"); // fails harmlessly where it is not installed
        const auto n = valueparsers::number(text);
        std::setlocale(LC_ALL, "C");
        QLocale::setDefault(before);
        QCOMPARE(n.has_value(), valid);
        if (n)
            QCOMPARE(*n, value);
    }

    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<DateFormat>("format");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("expected");
        const auto row = [](const char *name, const char *text, DateFormat format,
                            qint64 expected) {
            QTest::newRow(name) << QString::fromUtf8(text) << format << true << expected;
        };
        const auto bad = [](const char *name, const char *text, DateFormat format) {
            QTest::newRow(name) << QString::fromUtf8(text) << format << false << qint64(0);
        };
        using F = DateFormat;
        row("iso date time", "2024-03-05 14:07:09", F::IsoDateTime, utc(2024, 3, 5, 14, 7, 9));
        row("iso no seconds", "2024-03-05 14:07", F::IsoDateTime, utc(2024, 3, 5, 14, 7));
        row("iso date only", "2024-03-05", F::IsoDateTime, utc(2024, 3, 5));
        row("iso spaces around", "  2024-03-05 14:07:09 ", F::IsoDateTime,
            utc(2024, 3, 5, 14, 7, 9));
        row("iso with utc", "2024-03-05 14:07:09 UTC", F::IsoDateTime, utc(2024, 3, 5, 14, 7, 9));
        row("iso leap day", "2024-02-29", F::IsoDateTime, utc(2024, 2, 29));
        row("iso before 1970", "1969-12-31 23:59:59", F::IsoDateTime, -1);
        bad("iso feb 30", "2024-02-30", F::IsoDateTime);
        bad("iso feb 29 non-leap", "2023-02-29 10:00", F::IsoDateTime);
        bad("iso month 13", "2024-13-01", F::IsoDateTime);
        bad("iso hour 24", "2024-03-05 24:00", F::IsoDateTime);
        bad("iso minute 60", "2024-03-05 12:60", F::IsoDateTime);
        bad("iso with T", "2024-03-05T14:07:09Z", F::IsoDateTime);
        bad("iso trailing junk", "2024-03-05 14:07:09 foo", F::IsoDateTime);
        bad("iso five digit year", "20245-03-05", F::IsoDateTime);

        row("8601 zulu", "2024-03-05T14:07:09Z", F::Iso8601, utc(2024, 3, 5, 14, 7, 9));
        row("8601 fraction", "2024-03-05T14:07:09.123Z", F::Iso8601, utc(2024, 3, 5, 14, 7, 9));
        row("8601 plus offset", "2024-03-05T14:07:09+01:00", F::Iso8601, utc(2024, 3, 5, 13, 7, 9));
        row("8601 minus offset", "2024-03-05T14:07:09-05:30", F::Iso8601,
            utc(2024, 3, 5, 19, 37, 9));
        row("8601 salesforce api", "2024-03-05T14:07:09.000+0000", F::Iso8601,
            utc(2024, 3, 5, 14, 7, 9));
        row("8601 offset crosses day", "2024-03-01T00:30:00+02:00", F::Iso8601,
            utc(2024, 2, 29, 22, 30));
        row("8601 no zone", "2024-03-05T14:07:09", F::Iso8601, utc(2024, 3, 5, 14, 7, 9));
        row("8601 no seconds", "2024-03-05T14:07Z", F::Iso8601, utc(2024, 3, 5, 14, 7));
        bad("8601 date only", "2024-03-05", F::Iso8601);
        bad("8601 feb 30", "2024-02-30T10:00:00Z", F::Iso8601);
        bad("8601 bad offset", "2024-03-05T14:07:09+1:0", F::Iso8601);

        row("dmy dashes", "05-03-2024 14:07", F::DayMonthYearTime, utc(2024, 3, 5, 14, 7));
        row("dmy dots", "05.03.2024", F::DayMonthYearTime, utc(2024, 3, 5));
        row("dmy slashes", "25/03/2024", F::DayMonthYearTime, utc(2024, 3, 25));
        row("dmy seconds", "31.12.2023 23:59:59", F::DayMonthYearTime,
            utc(2023, 12, 31, 23, 59, 59));
        bad("dmy mixed separators", "05-03.2024", F::DayMonthYearTime);
        bad("dmy month 25", "03/25/2024", F::DayMonthYearTime);
        bad("dmy 30 feb", "30.02.2024", F::DayMonthYearTime);

        row("mdy", "3/5/2024", F::MonthDayYear, utc(2024, 3, 5));
        row("mdy padded", "03/05/2024", F::MonthDayYear, utc(2024, 3, 5));
        row("mdy pm", "3/5/2024 2:07 PM", F::MonthDayYear, utc(2024, 3, 5, 14, 7));
        row("mdy am", "3/5/2024 9:01 AM", F::MonthDayYear, utc(2024, 3, 5, 9, 1));
        row("mdy 12 am", "3/5/2024 12:15 am", F::MonthDayYear, utc(2024, 3, 5, 0, 15));
        row("mdy 12 pm", "3/5/2024 12:15 PM", F::MonthDayYear, utc(2024, 3, 5, 12, 15));
        row("mdy pm no space", "3/5/2024 2:07:30pm", F::MonthDayYear, utc(2024, 3, 5, 14, 7, 30));
        row("mdy 24h", "3/5/2024 14:07", F::MonthDayYear, utc(2024, 3, 5, 14, 7));
        bad("mdy 13 pm", "3/5/2024 13:07 PM", F::MonthDayYear);
        bad("mdy day first", "25/03/2024", F::MonthDayYear);
        bad("mdy feb 30", "2/30/2024", F::MonthDayYear);
        bad("mdy short year", "3/5/24", F::MonthDayYear);
        bad("mdy dashes", "03-05-2024", F::MonthDayYear);

        row("mdyy 2000s", "3/5/24", F::MonthDayShortYear, utc(2024, 3, 5));
        row("mdyy 69", "12/31/69", F::MonthDayShortYear, utc(2069, 12, 31));
        row("mdyy 70", "1/1/70", F::MonthDayShortYear, 0);
        row("mdyy 99 with time", "7/4/99 6:30 PM", F::MonthDayShortYear, utc(1999, 7, 4, 18, 30));
        row("mdyy 00", "2/29/00", F::MonthDayShortYear, utc(2000, 2, 29));
        bad("mdyy long year", "3/5/2024", F::MonthDayShortYear);

        row("ymd dots", "2024.03.05", F::YearMonthDayDots, utc(2024, 3, 5));
        row("ymd dots time", "2024.03.05 14:07", F::YearMonthDayDots, utc(2024, 3, 5, 14, 7));
        bad("ymd dots feb 30", "2024.02.30", F::YearMonthDayDots);
        bad("ymd dashes", "2024-03-05", F::YearMonthDayDots);

        row("epoch millis", "1709647629000", F::EpochMillis, 1709647629);
        row("epoch millis rounding down", "1709647629999", F::EpochMillis, 1709647629);
        row("epoch millis 12 digits", "100000000000", F::EpochMillis, 100000000);
        bad("epoch millis 10 digits", "1709647629", F::EpochMillis);
        bad("epoch millis with dot", "1709647629.000", F::EpochMillis);
        row("epoch seconds", "1709647629", F::EpochSeconds, utc(2024, 3, 5, 14, 7, 9));
        row("epoch seconds 9 digits", "999999999", F::EpochSeconds, 999999999);
        bad("epoch seconds 13 digits", "1709647629000", F::EpochSeconds);
        bad("epoch seconds negative", "-1709647629", F::EpochSeconds);
        bad("epoch seconds text", "17096476x9", F::EpochSeconds);
        bad("empty", "", F::IsoDateTime);

        // Month names (English, any case), as Zoho CRM, Oracle and spreadsheets write them.
        row("zoho", "16 Apr, 2021 00:03:00", F::DayMonthNameYear, utc(2021, 4, 16, 0, 3));
        row("day month name", "5 March 2024", F::DayMonthNameYear, utc(2024, 3, 5));
        row("oracle", "05-MAR-24", F::DayMonthNameYear, utc(2024, 3, 5));
        row("spreadsheet", "05-Mar-2024 2:07 PM", F::DayMonthNameYear, utc(2024, 3, 5, 14, 7));
        row("abbreviation with dot", "5 Sept. 2024", F::DayMonthNameYear, utc(2024, 9, 5));
        row("comma without space", "5 Mar,2024", F::DayMonthNameYear, utc(2024, 3, 5));
        bad("mixed separators", "05-Mar 2024", F::DayMonthNameYear);
        bad("not a month", "05 Mix 2024", F::DayMonthNameYear);
        bad("a month name's start", "05 Ma 2024", F::DayMonthNameYear);
        bad("feb 30 by name", "30 Feb 2024", F::DayMonthNameYear);
        bad("three digit year", "05 Mar 202", F::DayMonthNameYear);
        bad("month first", "Mar 5, 2024", F::DayMonthNameYear);
        row("month name first", "Mar 5, 2024", F::MonthNameDayYear, utc(2024, 3, 5));
        row("full month name first", "December 31, 2023 11:59 PM", F::MonthNameDayYear,
            utc(2023, 12, 31, 23, 59));
        row("month name no comma", "APR 16 2021 14:07:09", F::MonthNameDayYear,
            utc(2021, 4, 16, 14, 7, 9));
        bad("month name short year", "Mar 5, 24", F::MonthNameDayYear);
        bad("month name day 32", "Mar 32, 2024", F::MonthNameDayYear);
    }

    void dates()
    {
        QFETCH(QString, text);
        QFETCH(DateFormat, format);
        QFETCH(bool, valid);
        QFETCH(qint64, expected);
        const auto at = valueparsers::parseDate(text, format);
        QVERIFY2(at.has_value() == valid,
                 qPrintable(at ? QString::number(*at) : QStringLiteral("nullopt")));
        if (at)
            QCOMPARE(*at, expected);
    }

    void formatNames()
    {
        using F = DateFormat;
        QCOMPARE(valueparsers::formatName(F::IsoDateTime), QStringLiteral("YYYY-MM-DD HH:MM:SS"));
        QCOMPARE(valueparsers::formatName(F::MonthDayYear), QStringLiteral("M/D/YYYY"));
        QSet<QString> names;
        for (F f : {F::IsoDateTime, F::Iso8601, F::DayMonthYearTime, F::MonthDayYear,
                    F::MonthDayShortYear, F::YearMonthDayDots, F::EpochMillis, F::EpochSeconds,
                    F::DayMonthNameYear, F::MonthNameDayYear})
            names.insert(valueparsers::formatName(f));
        QCOMPARE(names.size(), 10);
        QVERIFY(!names.contains(QString()));
    }

    void detectDateFormat_data()
    {
        QTest::addColumn<QStringList>("samples");
        QTest::addColumn<int>("expected"); // -1: no format
        const auto row = [](const char *name, const QStringList &samples, int expected) {
            QTest::newRow(name) << samples << expected;
        };
        const auto s = [](const char *text) { return QString::fromUtf8(text); };
        row("iso", {s("2024-03-05 14:07:09"), s("2024-03-06"), s("")},
            int(DateFormat::IsoDateTime));
        row("iso 8601", {s("2024-03-05T14:07:09Z"), s("2024-03-05T14:07:09.5+01:00")},
            int(DateFormat::Iso8601));
        row("ambiguous prefers month first", {s("03/05/2024"), s("04/06/2024"), s("12/12/2024")},
            int(DateFormat::MonthDayYear));
        row("day over 12 proves day first", {s("03/05/2024"), s("25/06/2024"), s("N/A")},
            int(DateFormat::DayMonthYearTime));
        row("second over 12 proves month first", {s("03/05/2024"), s("06/25/2024")},
            int(DateFormat::MonthDayYear));
        row("dashes are day first", {s("05-03-2024 14:07"), s("06-03-2024 09:00")},
            int(DateFormat::DayMonthYearTime));
        row("dots are day first", {s("05.03.2024")}, int(DateFormat::DayMonthYearTime));
        row("salesforce report", {s("3/4/2026"), s("11/20/2026 9:01 AM")},
            int(DateFormat::MonthDayYear));
        row("short year", {s("3/5/24"), s("12/31/99")}, int(DateFormat::MonthDayShortYear));
        row("year first dots", {s("2024.03.05")}, int(DateFormat::YearMonthDayDots));
        row("epoch millis", {s("1709647629000"), s("1709647630000")}, int(DateFormat::EpochMillis));
        row("epoch seconds", {s("1709647629"), s("null")}, int(DateFormat::EpochSeconds));
        row("mixed iso and us", {s("2024-03-05"), s("3/5/2024")}, -1);
        row("mixed day first and month first", {s("25/03/2024"), s("03/25/2024")}, -1);
        row("mixed epochs", {s("1709647629"), s("1709647629000")}, -1);
        row("one bad value", {s("2024-03-05"), s("2024-02-30")}, -1);
        row("not dates", {s("hello"), s("world")}, -1);
        row("zero dates ignored", {s("0000-00-00 00:00:00"), s("2024-03-05 10:00:00")},
            int(DateFormat::IsoDateTime));
        row("zoho export", {s("16 Apr, 2021 00:03:00"), s("3 Jan, 2022 17:45:10"), s("")},
            int(DateFormat::DayMonthNameYear));
        row("month names first", {s("Apr 16, 2021"), s("January 3, 2022 5:45 PM")},
            int(DateFormat::MonthNameDayYear));
        row("month names either way", {s("16 Apr 2021"), s("Apr 16, 2021")}, -1);
        row("only placeholders", {s(""), s("N/A"), s("-")}, -1);
        row("empty", {}, -1);
    }

    void detectDateFormat()
    {
        QFETCH(QStringList, samples);
        QFETCH(int, expected);
        const auto format = valueparsers::detectDateFormat(samples);
        QCOMPARE(format.has_value(), expected >= 0);
        if (format)
            QCOMPARE(int(*format), expected);
    }

    void stages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code"); // empty: unknown
        const auto row = [](const char *system, const char *text, const char *code) {
            QTest::newRow(qPrintable(
                QStringLiteral("%1 '%2'").arg(QLatin1String(system), QLatin1String(text))))
                << QString::fromLatin1(text) << QString::fromLatin1(code);
        };
        // HubSpot lifecycle stages, internal values and labels.
        row("hubspot", "subscriber", "suspect");
        row("hubspot", "Subscriber", "suspect");
        row("hubspot", "lead", "suspect");
        row("hubspot", "marketingqualifiedlead", "mql");
        row("hubspot", "Marketing Qualified Lead", "mql");
        row("hubspot", "salesqualifiedlead", "sql");
        row("hubspot", "Sales Qualified Lead", "sql");
        row("hubspot", "opportunity", "opportunity");
        row("hubspot", "customer", "won");
        row("hubspot", "evangelist", "won");
        row("hubspot", "other", "suspect");
        // HubSpot lead status.
        row("hubspot status", "New", "mql");
        row("hubspot status", "Open", "mql");
        row("hubspot status", "In Progress", "sql");
        row("hubspot status", "IN_PROGRESS", "sql");
        row("hubspot status", "Open Deal", "opportunity");
        row("hubspot status", "OPEN_DEAL", "opportunity");
        row("hubspot status", "Unqualified", "disqualified");
        row("hubspot status", "Attempted to Contact", "sql");
        row("hubspot status", "ATTEMPTED_TO_CONTACT", "sql");
        row("hubspot status", "Connected", "sql");
        row("hubspot status", "Bad Timing", "nurture");
        row("hubspot status", "BAD_TIMING", "nurture");
        // HubSpot deal stages.
        row("hubspot deal", "appointmentscheduled", "opportunity");
        row("hubspot deal", "closedwon", "won");
        row("hubspot deal", "closedlost", "lost");
        // Salesforce lead status and opportunity stages.
        row("salesforce", "Open - Not Contacted", "mql");
        row("salesforce", "Working - Contacted", "sql");
        row("salesforce", "Closed - Converted", "opportunity");
        row("salesforce", "Closed - Not Converted", "lost");
        row("salesforce", "Nurturing", "nurture");
        row("salesforce", "Qualified", "sql");
        row("salesforce", "Unqualified", "disqualified");
        row("salesforce", "Working", "sql");
        row("salesforce", "Closed Won", "won");
        row("salesforce", "Closed Lost", "lost");
        row("salesforce", "Negotiation/Review", "opportunity");
        row("salesforce", "Id. Decision Makers", "opportunity");
        // Pardot.
        row("pardot", "Visitor", "suspect");
        row("pardot", "Prospect", "suspect");
        row("pardot", "MQL", "mql");
        row("pardot", "SQL", "sql");
        row("pardot", "Won Opportunity", "won");
        row("pardot", "Lost Opportunity", "lost");
        // Marketo revenue cycle model.
        row("marketo", "Anonymous", "suspect");
        row("marketo", "Known", "suspect");
        row("marketo", "Engaged", "suspect");
        row("marketo", "Inquiry", "suspect");
        row("marketo", "Marketing Qualified", "mql");
        row("marketo", "Sales Accepted", "sql");
        row("marketo", "SAL", "sql");
        row("marketo", "Sales Qualified", "sql");
        row("marketo", "Recycled", "recycled");
        row("marketo", "Disqualified", "disqualified");
        // Mautic stages, named by each account.
        row("mautic", "Lead", "suspect");
        row("mautic", "New Lead", "suspect");
        row("mautic", "Engaged Lead", "suspect");
        row("mautic", "Marketing Lead", "mql");
        row("mautic", "Sales Lead", "sql");
        row("mautic", "Customer", "won");
        row("mautic", "Loyal Customer", "won");
        row("mautic", "Nurturing", "nurture");
        // Generic words and folding.
        row("generic", "mql", "mql");
        row("generic", "M.Q.L.", "mql");
        row("generic", "sql", "sql");
        row("generic", "Nurture", "nurture");
        row("generic", "recycled", "recycled");
        row("generic", "Junk", "disqualified");
        row("generic", "Won", "won");
        row("generic", "Lost", "lost");
        row("generic", "  closed_won  ", "won");
        row("generic", "CLOSED-LOST", "lost");
        row("generic", "suspect", "suspect");
        row("unknown", "Teleported", "");
        row("unknown", "", "");
        row("unknown", " - ", "");
        row("unknown", "Closed", "");
    }

    void stages()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        const auto stage = valueparsers::stageCode(text);
        QCOMPARE(stage.value_or(QString()), code);
        QCOMPARE(stage.has_value(), !code.isEmpty());
    }

    void categoryKeys_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key");
        const auto row = [](const char *name, const QString &text, const QString &key) {
            QTest::newRow(name) << text << key;
        };
        row("lower", QStringLiteral("google"), QStringLiteral("google"));
        row("capitalised trailing space", QStringLiteral("Google "), QStringLiteral("google"));
        row("upper", QStringLiteral("GOOGLE"), QStringLiteral("google"));
        row("inner spaces", QStringLiteral("  Paid   Search "), QStringLiteral("paid search"));
        row("tab and no-break space", QStringLiteral("Paid\t\u00A0Search"),
            QStringLiteral("paid search"));
        row("underscores", QStringLiteral("PAID_SEARCH"), QStringLiteral("paid search"));
        row("end punctuation", QStringLiteral("(Google.)"), QStringLiteral("google"));
        row("quotes", QStringLiteral("\"Word of mouth\""), QStringLiteral("word of mouth"));
        row("inner punctuation kept", QStringLiteral("E-mail"), QStringLiteral("e-mail"));
        row("symbols kept", QStringLiteral("C++"), QStringLiteral("c++"));
        row("misspelling not merged", QStringLiteral("Advertisment"),
            QStringLiteral("advertisment"));
        row("correct spelling", QStringLiteral("Advertisement"), QStringLiteral("advertisement"));
        row("accent composed", QStringLiteral("Café"), QStringLiteral("café"));
        row("accent decomposed", QStringLiteral("Cafe\u0301"), QStringLiteral("café"));
        row("only punctuation", QStringLiteral(" .. "), QString());
        row("empty", QString(), QString());
    }

    void categoryKeys()
    {
        QFETCH(QString, text);
        QFETCH(QString, key);
        QCOMPARE(valueparsers::categoryKey(text), key);
    }

    void categoryVariantsShareAKey()
    {
        const QString key = valueparsers::categoryKey(QStringLiteral("google"));
        QCOMPARE(valueparsers::categoryKey(QStringLiteral("Google ")), key);
        QCOMPARE(valueparsers::categoryKey(QStringLiteral("GOOGLE")), key);
        QVERIFY(valueparsers::categoryKey(QStringLiteral("Advertisment")) !=
                valueparsers::categoryKey(QStringLiteral("Advertisement")));
    }
};

QTEST_GUILESS_MAIN(TestValueParsers)
#include "tst_valueparsers.moc"
