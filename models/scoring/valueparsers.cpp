#include "scoring/valueparsers.h"

#include <array>

#include <QByteArrayView>
#include <QDate>
#include <QHash>
#include <QRegularExpression>

namespace handoff {

// Everything here is hand-scanned rather than matched with regular expressions: these run on
// every cell of files with millions of rows. No QLocale and no C library conversions, so the
// results do not change with LC_ALL or the user's Qt locale.

namespace valueparsers {

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode() | 0x20; // ASCII lower case
    return u >= u'a' && u <= u'z';
}

bool equalsIgnoringCase(QStringView s, QLatin1String word)
{
    return s.size() == word.size() && s.compare(word, Qt::CaseInsensitive) == 0;
}

bool placeholder(QStringView s)
{
    s = s.trimmed();
    if (s.isEmpty())
        return true;
    // Salesforce's empty lookups: the all-zero 15-character id, or its 18-character form
    // whose last three characters are a checksum ("AAA") or zeros.
    if (s.size() == 15 || s.size() == 18) {
        for (qsizetype i = 0; i < 15; ++i) {
            if (s[i] != u'0')
                return false;
        }
        for (qsizetype i = 15; i < s.size(); ++i) {
            const QChar c = s[i];
            if (!isAsciiLetter(c) && !(c.unicode() >= u'0' && c.unicode() <= u'5'))
                return false;
        }
        return true;
    }
    // MySQL's zero date, which Mautic writes for dates never set.
    if (s.startsWith(QLatin1String("0000-00-00")))
        return s.size() == 10 || s.sliced(10).trimmed() == QLatin1String("00:00:00");
    static const std::array<QLatin1String, 16> words = {
        QLatin1String("n/a"),       QLatin1String("na"),       QLatin1String("-"),
        QLatin1String("--"),        QLatin1String("null"),     QLatin1String("none"),
        QLatin1String("select"),    QLatin1String("(blank)"),  QLatin1String("undefined"),
        QLatin1String("#n/a"),      QLatin1String("--none--"), QLatin1String("(none)"),
        QLatin1String("select..."), QLatin1String("nil"),      QLatin1String("(null)"),
        QLatin1String("---"),
    };
    if (s.size() > 9)
        return false;
    for (const QLatin1String &w : words) {
        if (equalsIgnoringCase(s, w))
            return true;
    }
    return false;
}

// --- numbers -----------------------------------------------------------------------------

// Characters that only ever group digits: spaces (plain, no-break, narrow no-break, thin)
// and apostrophes (Swiss).
enum class Group { None, Comma, Dot, Space, Apostrophe };

Group groupClass(QChar c)
{
    switch (c.unicode()) {
    case u',':
        return Group::Comma;
    case u'.':
        return Group::Dot;
    case u' ':
    case 0x00A0:
    case 0x202F:
    case 0x2009:
        return Group::Space;
    case u'\'':
    case 0x2019:
        return Group::Apostrophe;
    default:
        return Group::None;
    }
}

// Currency codes written before or after the amount. Not every ISO code: a short list of the
// ones exports carry, so "12 abc" stays a non-number.
bool isCurrencyCode(QStringView s)
{
    static const std::array<QLatin1String, 34> codes = {
        QLatin1String("usd"), QLatin1String("eur"), QLatin1String("gbp"), QLatin1String("jpy"),
        QLatin1String("inr"), QLatin1String("cny"), QLatin1String("rmb"), QLatin1String("cad"),
        QLatin1String("aud"), QLatin1String("nzd"), QLatin1String("chf"), QLatin1String("sek"),
        QLatin1String("nok"), QLatin1String("dkk"), QLatin1String("pln"), QLatin1String("czk"),
        QLatin1String("huf"), QLatin1String("brl"), QLatin1String("mxn"), QLatin1String("zar"),
        QLatin1String("sgd"), QLatin1String("hkd"), QLatin1String("krw"), QLatin1String("rub"),
        QLatin1String("try"), QLatin1String("aed"), QLatin1String("sar"), QLatin1String("ils"),
        QLatin1String("isk"), QLatin1String("ron"), QLatin1String("rs"),  QLatin1String("rs."),
        QLatin1String("kr"),  QLatin1String("kr."),
    };
    for (const QLatin1String &code : codes) {
        if (equalsIgnoringCase(s, code))
            return true;
    }
    return false;
}

// Length of a currency marker at the start of s: a symbol ("$", "€", "₹"), letters with a
// dollar ("US$", "C$") or a code ("USD ", "Rs."). 0 when there is none.
qsizetype currencyPrefix(QStringView s)
{
    if (s.isEmpty())
        return 0;
    if (s.front().category() == QChar::Symbol_Currency)
        return 1;
    qsizetype letters = 0;
    while (letters < s.size() && letters < 4 && isAsciiLetter(s[letters]))
        ++letters;
    if (letters == 0)
        return 0;
    if (letters <= 3 && letters < s.size() && s[letters] == u'$')
        return letters + 1;
    qsizetype end = letters;
    if (end < s.size() && s[end] == u'.')
        ++end;
    if (end < s.size() && isAsciiLetter(s[end]))
        return 0;
    return isCurrencyCode(s.first(end)) ? end : 0;
}

qsizetype currencySuffix(QStringView s)
{
    if (s.isEmpty())
        return 0;
    if (s.back().category() == QChar::Symbol_Currency)
        return 1;
    qsizetype letters = 0;
    qsizetype end = s.size();
    if (s.back() == u'.')
        --end;
    while (letters < end && letters < 4 && isAsciiLetter(s[end - 1 - letters]))
        ++letters;
    if (letters == 0 || letters == end || isAsciiLetter(s[end - 1 - letters]))
        return 0;
    return isCurrencyCode(s.sliced(end - letters)) ? s.size() - (end - letters) : 0;
}

// Checks the digit groups of an integer part written with a grouping separator: the first
// group has 1-3 digits, the last exactly 3, those between 2 or 3 (Indian lakh grouping,
// "1,77,000"). Appends the digits to out.
bool appendGroupedDigits(QStringView s, Group group, char *out, qsizetype *n, qsizetype cap)
{
    qsizetype groupLength = 0;
    int groups = 0;
    for (qsizetype i = 0; i <= s.size(); ++i) {
        if (i < s.size() && isDigit(s[i])) {
            if (*n >= cap)
                return false;
            out[(*n)++] = char(s[i].unicode());
            ++groupLength;
            continue;
        }
        const bool last = i == s.size();
        if (!last && groupClass(s[i]) != group)
            return false;
        if (groupLength == 0 || groupLength > 3)
            return false;
        if (groups > 0 && !last && groupLength < 2)
            return false;
        if (groups > 0 && last && groupLength != 3)
            return false;
        ++groups;
        groupLength = 0;
    }
    return true;
}

std::optional<double> toDouble(const char *digits, qsizetype n)
{
    bool ok = false;
    // QByteArrayView::toDouble is QString::toDouble without the allocation: always the C
    // locale, whatever LC_NUMERIC says.
    const double value = QByteArrayView(digits, n).toDouble(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

// Scientific notation as spreadsheets write big numbers: "1.70965E+12". No grouping.
std::optional<double> scientific(QStringView s, bool negative)
{
    char buffer[64];
    qsizetype n = 0;
    if (s.size() >= qsizetype(sizeof buffer) - 1)
        return std::nullopt;
    if (negative)
        buffer[n++] = '-';
    bool mantissaDigit = false, dot = false, exponent = false, exponentDigit = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (isDigit(c)) {
            (exponent ? exponentDigit : mantissaDigit) = true;
        } else if (c == u'.' && !dot && !exponent) {
            dot = true;
        } else if ((c == u'e' || c == u'E') && !exponent && mantissaDigit) {
            exponent = true;
        } else if ((c == u'+' || c == u'-') && exponent && s[i - 1].toLower() == u'e') {
        } else {
            return std::nullopt;
        }
        buffer[n++] = char(c.unicode());
    }
    if (!exponentDigit)
        return std::nullopt;
    return toDouble(buffer, n);
}

} // namespace

bool isPlaceholder(const QString &text)
{
    return placeholder(text);
}

std::optional<bool> boolean(const QString &text)
{
    const QStringView s = QStringView(text).trimmed();
    if (s.isEmpty() || s.size() > 9)
        return std::nullopt;
    static const std::array<QLatin1String, 6> yes = {
        QLatin1String("yes"), QLatin1String("y"),       QLatin1String("true"),
        QLatin1String("1"),   QLatin1String("checked"), QLatin1String("on"),
    };
    static const std::array<QLatin1String, 6> no = {
        QLatin1String("no"), QLatin1String("n"),         QLatin1String("false"),
        QLatin1String("0"),  QLatin1String("unchecked"), QLatin1String("off"),
    };
    for (const QLatin1String &w : yes) {
        if (equalsIgnoringCase(s, w))
            return true;
    }
    for (const QLatin1String &w : no) {
        if (equalsIgnoringCase(s, w))
            return false;
    }
    return std::nullopt;
}

std::optional<double> number(const QString &text, bool *percent)
{
    if (percent)
        *percent = false;
    QStringView s = QStringView(text).trimmed();
    if (s.isEmpty() || s.size() > 60 || placeholder(s))
        return std::nullopt;

    // Peel sign, accounting parentheses, currency and percent off both ends, each at most
    // once and in whatever order the export put them: "-$5", "$-5", "($1,234.50)", "12 EUR".
    bool negative = false, sign = false, parentheses = false, currency = false, isPercent = false;
    for (bool changed = true; changed && !s.isEmpty();) {
        changed = false;
        if (!parentheses && s.size() > 2 && s.front() == u'(' && s.back() == u')') {
            parentheses = changed = negative = true;
            s = s.sliced(1, s.size() - 2).trimmed();
        } else if (!sign && (s.front() == u'-' || s.front() == u'+' || s.front() == u'\x2212')) {
            if (s.front() != u'+')
                negative = true;
            sign = changed = true;
            s = s.sliced(1).trimmed();
        } else if (!isPercent && s.back() == u'%') {
            isPercent = changed = true;
            s.chop(1);
            s = s.trimmed();
        } else if (!currency) {
            if (const qsizetype n = currencyPrefix(s)) {
                currency = changed = true;
                s = s.sliced(n).trimmed();
            } else if (const qsizetype m = currencySuffix(s)) {
                currency = changed = true;
                s.chop(m);
                s = s.trimmed();
            }
        }
    }
    if (s.isEmpty() || (sign && parentheses))
        return std::nullopt;

    char buffer[64];
    qsizetype n = 0;
    if (negative)
        buffer[n++] = '-';

    // Decide the decimal separator by the last comma or dot.
    qsizetype decimal = -1;
    Group group = Group::None;
    qsizetype last = -1;
    for (qsizetype i = s.size() - 1; i >= 0; --i) {
        if (s[i] == u',' || s[i] == u'.') {
            last = i;
            break;
        }
    }
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (isDigit(c))
            continue;
        if (c == u'e' || c == u'E') {
            const auto value = scientific(s, negative);
            if (value && isPercent && percent)
                *percent = true;
            return value;
        }
        if (groupClass(c) == Group::None)
            return std::nullopt;
    }
    if (last >= 0) {
        const qsizetype after = s.size() - last - 1;
        const QStringView before = s.first(last);
        for (qsizetype i = last + 1; i < s.size(); ++i) {
            if (!isDigit(s[i]))
                return std::nullopt; // grouping after the decimal separator
        }
        if (after == 0)
            return std::nullopt;
        if (s[last] == u'.') {
            if (before.contains(u'.')) {
                group = Group::Dot; // "1.234.567": dots group thousands
                if (after != 3)
                    return std::nullopt;
            } else {
                decimal = last;
            }
        } else {
            // Any grouping before the comma other than commas ("1.234,567", "1 234,567")
            // makes it a decimal comma; a comma before 3 digits otherwise groups thousands.
            bool otherGrouping = false;
            for (const QChar c : before) {
                if (!isDigit(c) && c != u',')
                    otherGrouping = true;
            }
            if (after != 3 || otherGrouping) {
                if (before.contains(u','))
                    return std::nullopt;
                decimal = last;
            } else {
                group = Group::Comma;
            }
        }
    }

    const QStringView integer = decimal < 0 ? s : s.first(decimal);
    if (group == Group::None) {
        for (const QChar c : integer) {
            if (!isDigit(c)) {
                group = groupClass(c);
                break;
            }
        }
    }
    const qsizetype cap = qsizetype(sizeof buffer) - 1;
    if (group == Group::None) {
        for (const QChar c : integer)
            buffer[n++] = char(c.unicode());
        if (integer.isEmpty() && decimal < 0)
            return std::nullopt;
    } else if (!appendGroupedDigits(integer, group, buffer, &n, cap)) {
        return std::nullopt;
    }
    if (decimal >= 0) {
        buffer[n++] = '.';
        for (const QChar c : s.sliced(decimal + 1)) {
            if (n >= cap)
                return std::nullopt;
            buffer[n++] = char(c.unicode());
        }
    }
    const auto value = toDouble(buffer, n);
    if (value && isPercent && percent)
        *percent = true;
    return value;
}

// --- dates -------------------------------------------------------------------------------

namespace {

// A cursor over one cell for the date scanners.
struct Scanner
{
    QStringView s;
    qsizetype i = 0;

    bool atEnd() const { return i >= s.size(); }
    bool take(char16_t c)
    {
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool takeAnyCase(char16_t lower)
    {
        if (i < s.size() && s[i].toLower() == lower) {
            ++i;
            return true;
        }
        return false;
    }
    bool skipSpaces()
    {
        const qsizetype from = i;
        while (i < s.size() && s[i].isSpace())
            ++i;
        return i > from;
    }
    // Reads min..max ASCII digits; -1 when there are fewer than min.
    int number(int min, int max)
    {
        int value = 0, count = 0;
        while (count < max && i < s.size() && isDigit(s[i])) {
            value = value * 10 + (s[i].unicode() - u'0');
            ++i;
            ++count;
        }
        if (count < min || (i < s.size() && isDigit(s[i])))
            return -1;
        return value;
    }
};

struct Moment
{
    int year = 0, month = 0, day = 0;
    int hour = 0, minute = 0, second = 0;
    int offset = 0; // seconds east of UTC
};

// "14:07", "14:07:09", "14:07:09.123", "2:07 PM", "2:07:09pm".
bool scanTime(Scanner &sc, Moment &m, bool allowAmPm)
{
    m.hour = sc.number(1, 2);
    if (m.hour < 0 || !sc.take(u':'))
        return false;
    m.minute = sc.number(2, 2);
    if (m.minute < 0 || m.minute > 59)
        return false;
    if (sc.take(u':')) {
        m.second = sc.number(2, 2);
        if (m.second < 0 || m.second > 59)
            return false;
        if (sc.take(u'.') || sc.take(u',')) {
            if (sc.number(1, 9) < 0)
                return false; // fractions of a second are dropped
        }
    }
    if (allowAmPm) {
        const qsizetype mark = sc.i;
        sc.skipSpaces();
        const bool am = sc.takeAnyCase(u'a');
        const bool pm = !am && sc.takeAnyCase(u'p');
        if ((am || pm) && sc.takeAnyCase(u'm')) {
            if (m.hour < 1 || m.hour > 12)
                return false;
            m.hour = (m.hour % 12) + (pm ? 12 : 0);
            return true;
        }
        sc.i = mark;
    }
    return m.hour <= 23;
}

// "Z", "+01:00", "+0100", "-05", "UTC", "GMT+1", after optional spaces. Nothing is fine too.
bool scanZone(Scanner &sc, Moment &m)
{
    sc.skipSpaces();
    if (sc.atEnd())
        return true;
    if (sc.takeAnyCase(u'z'))
        return true;
    if (sc.s.sliced(sc.i).startsWith(QLatin1String("utc"), Qt::CaseInsensitive) ||
        sc.s.sliced(sc.i).startsWith(QLatin1String("gmt"), Qt::CaseInsensitive)) {
        sc.i += 3;
        if (sc.atEnd())
            return true;
    }
    const bool east = sc.take(u'+');
    if (!east && !sc.take(u'-') && !sc.take(u'\x2212'))
        return false;
    // "+1", "+01", "+01:00" or "+0100" (Salesforce's API writes the last).
    const qsizetype from = sc.i;
    const int digits = sc.number(1, 4);
    int hours = digits, minutes = 0;
    if (digits < 0 || sc.i - from == 3)
        return false;
    if (sc.i - from == 4) {
        hours = digits / 100;
        minutes = digits % 100;
    } else if (sc.take(u':')) {
        minutes = sc.number(2, 2);
    }
    if (hours > 14 || minutes < 0 || minutes > 59)
        return false;
    m.offset = (east ? 1 : -1) * (hours * 3600 + minutes * 60);
    return true;
}

// Optional time after a date: nothing, or spaces and a time.
bool scanOptionalTime(Scanner &sc, Moment &m, bool allowAmPm)
{
    if (sc.atEnd())
        return true;
    if (!sc.skipSpaces())
        return false;
    return scanTime(sc, m, allowAmPm);
}

// An English month name, any case: "Mar", "MAR", "Mar.", "March", "Sept". 1..12, or -1
// (and the cursor where it was) for anything else.
int scanMonthName(Scanner &sc)
{
    static constexpr std::array<const char *, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    const qsizetype from = sc.i;
    while (sc.i < sc.s.size() && sc.s[sc.i].unicode() < 128 && sc.s[sc.i].isLetter())
        ++sc.i;
    const QStringView word = sc.s.sliced(from, sc.i - from);
    for (int m = 0; m < 12; ++m) {
        const QLatin1String name(names[size_t(m)]);
        if (word.compare(name, Qt::CaseInsensitive) == 0 ||
            word.compare(name.first(3), Qt::CaseInsensitive) == 0 ||
            (m == 8 && word.compare(QLatin1String("sept"), Qt::CaseInsensitive) == 0)) {
            if (word.size() < name.size())
                sc.take(u'.'); // "Mar."
            return m + 1;
        }
    }
    sc.i = from;
    return -1;
}

// ", ", "," or spaces between a date's parts.
bool commaOrSpaces(Scanner &sc)
{
    const bool comma = sc.take(u',');
    return sc.skipSpaces() || comma;
}

// A two-digit year's century: 00-69 the 2000s, 70-99 the 1900s.
int withCentury(int twoDigitYear)
{
    return twoDigitYear + (twoDigitYear < 70 ? 2000 : 1900);
}

// A year of four digits, or of two.
int scanYear(Scanner &sc)
{
    const qsizetype from = sc.i;
    const int year = sc.number(2, 4);
    if (year < 0 || sc.i - from == 3)
        return -1;
    return sc.i - from == 4 ? year : withCentury(year);
}

// Year, month and day separated by sep: "2024-03-05", "2024.03.05".
bool scanYearFirst(Scanner &sc, Moment &m, char16_t sep)
{
    m.year = sc.number(4, 4);
    if (m.year < 0 || !sc.take(sep))
        return false;
    m.month = sc.number(1, 2);
    if (m.month < 0 || !sc.take(sep))
        return false;
    m.day = sc.number(1, 2);
    return m.day >= 0;
}

std::optional<Moment> scan(QStringView text, DateFormat format)
{
    Scanner sc{text.trimmed()};
    Moment m;
    switch (format) {
    case DateFormat::IsoDateTime:
        if (!scanYearFirst(sc, m, u'-'))
            return std::nullopt;
        if (!sc.atEnd() && (!scanOptionalTime(sc, m, false) || !scanZone(sc, m)))
            return std::nullopt;
        break;
    case DateFormat::Iso8601:
        if (!scanYearFirst(sc, m, u'-') || !sc.takeAnyCase(u't') || !scanTime(sc, m, false) ||
            !scanZone(sc, m))
            return std::nullopt;
        break;
    case DateFormat::DayMonthYearTime: {
        m.day = sc.number(1, 2);
        if (m.day < 0 || sc.atEnd())
            return std::nullopt;
        const char16_t sep = sc.s[sc.i].unicode();
        if (sep != u'-' && sep != u'.' && sep != u'/')
            return std::nullopt;
        ++sc.i;
        m.month = sc.number(1, 2);
        if (m.month < 0 || !sc.take(sep))
            return std::nullopt;
        m.year = sc.number(4, 4);
        if (m.year < 0 || !scanOptionalTime(sc, m, true))
            return std::nullopt;
        break;
    }
    case DateFormat::MonthDayYear:
    case DateFormat::MonthDayShortYear: {
        m.month = sc.number(1, 2);
        if (m.month < 0 || !sc.take(u'/'))
            return std::nullopt;
        m.day = sc.number(1, 2);
        if (m.day < 0 || !sc.take(u'/'))
            return std::nullopt;
        if (format == DateFormat::MonthDayYear) {
            m.year = sc.number(4, 4);
        } else {
            m.year = sc.number(2, 2);
            if (m.year >= 0)
                m.year = withCentury(m.year);
        }
        if (m.year < 0 || !scanOptionalTime(sc, m, true))
            return std::nullopt;
        break;
    }
    case DateFormat::YearMonthDayDots:
        if (!scanYearFirst(sc, m, u'.') || !scanOptionalTime(sc, m, true))
            return std::nullopt;
        break;
    case DateFormat::DayMonthNameYear: {
        // "05 Mar 2024", "05 Mar, 2024", "05-Mar-2024": one separator kind, a comma allowed
        // after the month when it is spaces.
        m.day = sc.number(1, 2);
        const bool dashes = sc.take(u'-');
        if (m.day < 0 || (!dashes && !sc.skipSpaces()))
            return std::nullopt;
        m.month = scanMonthName(sc);
        if (m.month < 0)
            return std::nullopt;
        if (dashes ? !sc.take(u'-') : !commaOrSpaces(sc))
            return std::nullopt;
        m.year = scanYear(sc);
        if (m.year < 0 || !scanOptionalTime(sc, m, true))
            return std::nullopt;
        break;
    }
    case DateFormat::MonthNameDayYear:
        // "Mar 5, 2024", "March 5 2024 2:07 PM".
        m.month = scanMonthName(sc);
        if (m.month < 0 || !sc.skipSpaces())
            return std::nullopt;
        m.day = sc.number(1, 2);
        if (m.day < 0 || !commaOrSpaces(sc))
            return std::nullopt;
        m.year = sc.number(4, 4);
        if (m.year < 0 || !scanOptionalTime(sc, m, true))
            return std::nullopt;
        break;
    case DateFormat::EpochMillis:
    case DateFormat::EpochSeconds:
        return std::nullopt; // no calendar fields: epoch() reads these
    }
    if (!sc.atEnd() || !QDate::isValid(m.year, m.month, m.day))
        return std::nullopt;
    return m;
}

std::optional<qint64> epoch(QStringView text, int minDigits, int maxDigits)
{
    text = text.trimmed();
    if (text.size() < minDigits || text.size() > maxDigits)
        return std::nullopt;
    qint64 value = 0;
    for (const QChar c : text) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

// Tried in this order, so MonthDayYear wins over DayMonthYearTime when both fit a column.
constexpr std::array<DateFormat, 10> detectionOrder = {
    DateFormat::IsoDateTime,      DateFormat::Iso8601,           DateFormat::MonthDayYear,
    DateFormat::DayMonthYearTime, DateFormat::MonthDayShortYear, DateFormat::YearMonthDayDots,
    DateFormat::EpochMillis,      DateFormat::EpochSeconds,      DateFormat::DayMonthNameYear,
    DateFormat::MonthNameDayYear,
};

} // namespace

QString formatName(DateFormat format)
{
    switch (format) {
    case DateFormat::IsoDateTime:
        return QStringLiteral("YYYY-MM-DD HH:MM:SS");
    case DateFormat::Iso8601:
        return QStringLiteral("YYYY-MM-DDTHH:MM:SSZ");
    case DateFormat::DayMonthYearTime:
        return QStringLiteral("DD-MM-YYYY HH:MM");
    case DateFormat::MonthDayYear:
        return QStringLiteral("M/D/YYYY");
    case DateFormat::MonthDayShortYear:
        return QStringLiteral("M/D/YY");
    case DateFormat::YearMonthDayDots:
        return QStringLiteral("YYYY.MM.DD");
    case DateFormat::EpochMillis:
        return QStringLiteral("milliseconds since 1970");
    case DateFormat::EpochSeconds:
        return QStringLiteral("seconds since 1970");
    case DateFormat::DayMonthNameYear:
        return QStringLiteral("DD Mon YYYY");
    case DateFormat::MonthNameDayYear:
        return QStringLiteral("Mon DD, YYYY");
    }
    return {};
}

namespace {

std::optional<qint64> parseView(QStringView text, DateFormat format)
{
    if (format == DateFormat::EpochMillis) {
        const auto ms = epoch(text, 12, 13);
        return ms ? std::optional(*ms / 1000) : std::nullopt;
    }
    if (format == DateFormat::EpochSeconds)
        return epoch(text, 9, 10);
    const auto m = scan(text, format);
    if (!m)
        return std::nullopt;
    // Julian days instead of QDateTime: the same UTC arithmetic without time zone lookups,
    // many times faster on millions of cells.
    static const qint64 epochDay = QDate(1970, 1, 1).toJulianDay();
    const qint64 days = QDate(m->year, m->month, m->day).toJulianDay() - epochDay;
    return days * 86400 + m->hour * 3600 + m->minute * 60 + m->second - m->offset;
}

} // namespace

std::optional<qint64> parseDate(const QString &text, DateFormat format)
{
    return parseView(text, format);
}

std::optional<DateFormat> detectDateFormat(const QStringList &samples)
{
    QList<QStringView> values;
    values.reserve(samples.size());
    for (const QString &sample : samples) {
        if (!placeholder(sample))
            values.append(QStringView(sample).trimmed());
    }
    if (values.isEmpty())
        return std::nullopt;
    // A day-first column fails MonthDayYear on its first value over 12, so the first format
    // in detectionOrder that reads every value is the answer.
    for (const DateFormat format : detectionOrder) {
        bool all = true;
        for (const QStringView value : values) {
            if (!parseView(value, format)) {
                all = false;
                break;
            }
        }
        if (all)
            return format;
    }
    return std::nullopt;
}

// --- stages ------------------------------------------------------------------------------

namespace {

// Lower-case letters and digits only: "Closed - Not Converted" -> "closednotconverted",
// "SALES_QUALIFIED_LEAD" -> "salesqualifiedlead".
QString stageKey(QStringView text)
{
    QString key;
    key.reserve(text.size());
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            key.append(c.toCaseFolded());
    }
    return key;
}

const QHash<QString, QString> &stageSpellings()
{
    static const QHash<QString, QString> spellings = [] {
        struct Spelling
        {
            const char *text;
            const char *code;
        };
        static const Spelling all[] = {
            // Handoff's own codes and the generic funnel words every system uses.
            {"suspect", "suspect"},
            {"mql", "mql"},
            {"sql", "sql"},
            {"sal", "sql"},
            {"opportunity", "opportunity"},
            {"opp", "opportunity"},
            {"won", "won"},
            {"closed won", "won"},
            {"lost", "lost"},
            {"closed lost", "lost"},
            {"nurture", "nurture"},
            {"nurturing", "nurture"},
            {"recycled", "recycled"},
            {"recycle", "recycled"},
            {"disqualified", "disqualified"},
            {"junk", "disqualified"},
            {"spam", "disqualified"},
            {"not qualified", "disqualified"},
            {"marketing qualified lead", "mql"},
            {"marketing qualified", "mql"},
            {"sales qualified lead", "sql"},
            {"sales qualified", "sql"},
            {"sales accepted lead", "sql"},
            {"sales accepted", "sql"},
            // HubSpot lifecycle stages (internal values fold to the labels).
            {"subscriber", "suspect"},
            {"lead", "suspect"},
            {"other", "suspect"},
            {"customer", "won"},
            {"evangelist", "won"},
            // HubSpot lead status. New and Open are handed over but not yet worked; the
            // contact states mean sales is working the lead.
            {"new", "mql"},
            {"open", "mql"},
            {"in progress", "sql"},
            {"attempted to contact", "sql"},
            {"connected", "sql"},
            {"open deal", "opportunity"},
            {"unqualified", "disqualified"},
            {"bad timing", "nurture"},
            // HubSpot default deal stages.
            {"appointment scheduled", "opportunity"},
            {"qualified to buy", "opportunity"},
            {"presentation scheduled", "opportunity"},
            {"decision maker bought in", "opportunity"},
            {"contract sent", "opportunity"},
            // Salesforce lead status: converted means it became an opportunity.
            {"open - not contacted", "mql"},
            {"working - contacted", "sql"},
            {"working", "sql"},
            {"contacted", "sql"},
            {"qualified", "sql"},
            {"closed - converted", "opportunity"},
            {"converted", "opportunity"},
            {"closed - not converted", "lost"},
            // Salesforce opportunity stages.
            {"prospecting", "opportunity"},
            {"qualification", "opportunity"},
            {"needs analysis", "opportunity"},
            {"value proposition", "opportunity"},
            {"id. decision makers", "opportunity"},
            {"perception analysis", "opportunity"},
            {"proposal/price quote", "opportunity"},
            {"negotiation/review", "opportunity"},
            // Pardot lifecycle.
            {"visitor", "suspect"},
            {"prospect", "suspect"},
            {"won opportunity", "won"},
            {"lost opportunity", "lost"},
            {"opportunity won", "won"},
            {"opportunity lost", "lost"},
            // Marketo revenue cycle model and lead status.
            {"anonymous", "suspect"},
            {"known", "suspect"},
            {"engaged", "suspect"},
            {"inquiry", "suspect"},
            {"marketing lead", "mql"},
            {"sales lead", "sql"},
            // Salesforce lead status values orgs commonly add.
            {"untouched", "mql"},
            {"qualified - convert", "sql"},
            {"unqualified - no interest", "disqualified"},
            // Zoho CRM lead status and potential stages.
            {"not contacted", "mql"},
            {"pre qualified", "mql"},
            {"pre-qualified", "mql"},
            {"contact in future", "nurture"},
            {"junk lead", "disqualified"},
            {"lost lead", "lost"},
            {"closed lost to competition", "lost"},
            {"initial offer", "opportunity"},
            {"negotiation", "opportunity"},
            {"proposal", "opportunity"},
            {"demo scheduled", "opportunity"},
            // Mailchimp audience member status: on the list, nothing more.
            {"subscribed", "suspect"},
            {"unsubscribed", "suspect"},
            {"cleaned", "suspect"},
            {"pending", "suspect"},
            {"transactional", "suspect"},
            // Mautic has no built-in stages; each account names its own. Beyond the generic
            // names above, these are the ones Mautic setups commonly use.
            {"new lead", "suspect"},
            {"cold lead", "suspect"},
            {"engaged lead", "suspect"},
            {"loyal customer", "won"},
            {"client", "won"},
        };
        QHash<QString, QString> map;
        for (const Spelling &s : all)
            map.insert(stageKey(QString::fromLatin1(s.text)), QString::fromLatin1(s.code));
        return map;
    }();
    return spellings;
}

} // namespace

std::optional<QString> stageCode(const QString &text)
{
    const QString key = stageKey(text);
    if (key.isEmpty())
        return std::nullopt;
    const auto &spellings = stageSpellings();
    if (const auto it = spellings.constFind(key); it != spellings.cend())
        return it.value();
    // Pipelines number their stages so they sort: "6 - Won", "2. Qualified".
    static const QRegularExpression numbered(QStringLiteral("^\\s*\\d{1,2}\\s*[-.):]\\s*(\\S.*)$"));
    if (const auto m = numbered.match(text); m.hasMatch()) {
        const auto it = spellings.constFind(stageKey(m.capturedView(1)));
        if (it != spellings.cend())
            return it.value();
    }
    return std::nullopt;
}

// --- categories --------------------------------------------------------------------------

QString categoryKey(const QString &text)
{
    const auto loose = [](QChar c) { return c.isSpace() || c.isPunct(); };
    QStringView s(text);
    qsizetype from = 0, to = s.size();
    while (from < to && loose(s[from]))
        ++from;
    while (to > from && loose(s[to - 1]))
        --to;
    s = s.sliced(from, to - from);

    QString key;
    key.reserve(s.size());
    bool space = false;
    for (const QChar c : s) {
        if (c.isSpace() || c == u'_') {
            space = true;
            continue;
        }
        if (space && !key.isEmpty())
            key.append(QLatin1Char(' '));
        space = false;
        key.append(c);
    }
    // Composed and decomposed accents ("é" vs "e" + combining accent) fold to one key.
    for (const QChar c : std::as_const(key)) {
        if (c.unicode() >= 0x80) {
            key = key.normalized(QString::NormalizationForm_C);
            break;
        }
    }
    return key.toCaseFolded();
}

std::optional<int> companySize(const QString &text, bool *plain)
{
    constexpr double Largest = 10'000'000;
    if (plain)
        *plain = false;
    const QString s = text.trimmed().toCaseFolded();
    if (s.isEmpty() || s.size() > 60 || placeholder(s))
        return std::nullopt;
    if (const auto n = number(s)) {
        if (*n < 0 || *n > Largest)
            return std::nullopt;
        if (plain)
            *plain = true;
        return int(*n);
    }
    // Each number becomes '#' in the text's shape, "51-200 employees" -> "#-#".
    static const QRegularExpression numberPattern(
        QStringLiteral(R"((\d{1,3}(?:[,.\x{00a0} ]\d{3})+|\d+)(\s*k\b)?)"));
    QList<double> numbers;
    QString shape;
    qsizetype last = 0;
    for (auto it = numberPattern.globalMatch(s); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        shape += QStringView(s).sliced(last, m.capturedStart() - last);
        shape += QLatin1Char('#');
        last = m.capturedEnd();
        QString digits = m.captured(1);
        digits.removeIf([](QChar c) { return !c.isDigit(); });
        numbers.append(digits.toDouble() * (m.capturedLength(2) > 0 ? 1000 : 1));
    }
    shape += QStringView(s).sliced(last);
    static const QRegularExpression noise(QStringLiteral(
        R"(\b(employees|employee|people|persons|staff|mitarbeiter|ftes|fte|emp)\b|\s)"));
    shape.remove(noise);
    shape.replace(QChar(u'\x2013'), QLatin1Char('-')).replace(QChar(u'\x2014'), QLatin1Char('-'));
    for (const double n : numbers) {
        if (n > Largest)
            return std::nullopt;
    }
    static const QStringList alone = {
        QStringLiteral("self-employed"), QStringLiteral("selfemployed"),
        QStringLiteral("freelancer"),    QStringLiteral("freelance"),
        QStringLiteral("justme"),        QStringLiteral("onlyme"),
        QStringLiteral("soleproprietor")};
    if (numbers.isEmpty())
        return alone.contains(shape) ? std::optional<int>(1) : std::nullopt;
    const int first = int(numbers.first());
    if (numbers.size() == 2) {
        if ((shape == QLatin1String("#-#") || shape == QLatin1String("#to#")) &&
            numbers[0] <= numbers[1])
            return first;
        return std::nullopt;
    }
    if (numbers.size() != 1)
        return std::nullopt;
    static const QStringList atLeast = {
        QStringLiteral("#"),        QStringLiteral("#+"),       QStringLiteral(">=#"),
        QStringLiteral("atleast#"), QStringLiteral("#ormore"),  QStringLiteral("#andmore"),
        QStringLiteral("#andup"),   QStringLiteral("#andover"), QStringLiteral("\x2265#")};
    static const QStringList moreThan = {QStringLiteral(">#"), QStringLiteral("morethan#"),
                                         QStringLiteral("over#")};
    static const QStringList fewerThan = {QStringLiteral("<#"),        QStringLiteral("<=#"),
                                          QStringLiteral("\x2264#"),   QStringLiteral("under#"),
                                          QStringLiteral("lessthan#"), QStringLiteral("fewerthan#"),
                                          QStringLiteral("below#"),    QStringLiteral("upto#")};
    if (atLeast.contains(shape))
        return first;
    if (moreThan.contains(shape))
        return first + 1;
    if (fewerThan.contains(shape) && first >= 1)
        return 1;
    return std::nullopt;
}

} // namespace valueparsers

} // namespace handoff
