#pragma once

// Turns the messy cell texts of CRM and marketing-automation exports (HubSpot, Salesforce,
// Pardot, Marketo, Mautic) into clean values: recognises "no answer" placeholders, reads
// booleans, numbers written with any grouping, currency or percent, dates in the formats
// those systems write (one format decided per column; month names in English), each system's stage
// names, and folds category spellings to one key. Pure functions without locale dependence: the
// same file gives the same values on every machine. They run on every cell, so they stay cheap.

#include <optional>

#include <QString>
#include <QStringList>

namespace handoff {

namespace valueparsers {

// "No answer" placeholders: empty or blank, "N/A", "n/a", "NA", "-", "--", "null", "NULL",
// "none", "Select", "(blank)", "undefined", and all-zero ids such as "000000000000000AAA" or
// "0" repeated 15/18 times with optional trailing "AAA"/"AAC" style Salesforce suffix letters.
// Also "#N/A" (spreadsheets), "--None--", "(none)" and "Select..." (Salesforce picklists),
// "nil", "(null)", "---" and the zero date "0000-00-00 00:00:00" (Mautic). Case-insensitive,
// surrounding spaces ignored.
bool isPlaceholder(const QString &text);

// Yes/No, Y/N, true/false, 1/0, checked/unchecked, on/off (any case, trimmed); nullopt otherwise.
std::optional<bool> boolean(const QString &text);

// Numbers as exports write them: "1,098" (quoted thousands), "1,77,000.00" (Indian grouping),
// "$923.00 " (currency symbols $ € £ ¥ ₹ and codes like "USD 12" or "12 EUR", trailing
// spaces), "0.00%" (percent: returns the number as written, 0.00, and sets *percent if given),
// "1.0", "-5", "(1,234.50)" accounting negative, "1 234,5" and "1.234,56" (European: decided
// by the LAST separator: a comma followed by 1-2 digits, or by exactly 3 digits after an
// earlier dot or space grouping, is a decimal comma; a lone comma followed by exactly 3 digits
// like "1,098" is a thousands separator). nullopt for anything that is not a number
// (including placeholders).
std::optional<double> number(const QString &text, bool *percent = nullptr);

// A number of employees as CRM exports and web forms write it: a plain number ("250",
// "1,200", "250 employees"), a range ("51-200", "1,001-5,000", "1 - 10 employees",
// "51 to 200", "1K-5K"), an open band ("10,001+", "5000+", "at least 500", "more than 1000",
// "<50", "under 50", "fewer than 10") or one person ("Self-employed", "Freelancer", "Just
// me"). Returns the smallest number of employees the text allows, which is what the store
// keeps and rules compare: the lower bound of a range, N for "N+", N + 1 for "more than N",
// and 1 for "<N" (every company has at least its one person). *plain, when given, says
// whether the text was a plain number (nothing worth keeping beside the number). nullopt for
// anything else, placeholders included, and for sizes beyond 10,000,000.
std::optional<int> companySize(const QString &text, bool *plain = nullptr);

// Date/time formats seen in exports.
enum class DateFormat {
    IsoDateTime,       // 2024-03-05 14:07:09 (also without seconds, also date only 2024-03-05)
    Iso8601,           // 2024-03-05T14:07:09Z, with fractional seconds, with +01:00 offsets
    DayMonthYearTime,  // 05-03-2024 14:07 (DD-MM-YYYY HH:MM), also 05.03.2024 and 05/03/2024
                       // when the day is > 12 somewhere in the column
    MonthDayYear,      // 3/5/2024 (M/D/YYYY), optional " 2:07 PM" or " 14:07" time
    MonthDayShortYear, // 3/5/24 (M/D/YY), years 00-69 -> 2000s, 70-99 -> 1900s
    YearMonthDayDots,  // 2024.03.05
    EpochMillis,       // 1709647629000 (12-13 digits)
    EpochSeconds,      // 1709647629 (9-10 digits)
    DayMonthNameYear,  // 05 Mar 2024, 05 Mar, 2024 14:07:09 (Zoho), 05-Mar-2024, 05-MAR-24
                       // (Oracle, spreadsheets), 5 March 2024 2:07 PM
    MonthNameDayYear,  // Mar 5, 2024, March 5, 2024 2:07 PM, Mar 05 2024 14:07
};
QString formatName(DateFormat format); // "YYYY-MM-DD HH:MM:SS", "M/D/YYYY", ... for messages

// Decides one format for a whole column from sample values (placeholders ignored): the
// format that parses every sample; when several do (e.g. 03/05/2024), prefer MonthDayYear
// unless some sample has a first number > 12, which proves day-first. nullopt when no
// single format parses all samples or there are no non-placeholder samples.
std::optional<DateFormat> detectDateFormat(const QStringList &samples);

// Parses one value in a known format to seconds since the epoch, UTC (values without a zone
// are taken as UTC). nullopt when it does not parse or is not a real date (Feb 30).
std::optional<qint64> parseDate(const QString &text, DateFormat format);

// Lifecycle stages/statuses as each system spells them, mapped to Handoff's stage codes:
// "suspect", "mql", "sql", "opportunity", "won", "lost", "nurture", "recycled",
// "disqualified". Covers HubSpot lifecycle stages, lead statuses and deal stages, Salesforce
// lead statuses and opportunity stages, Pardot and Marketo lifecycle stages, and the generic
// names Mautic stages are usually given. Case-insensitive; spaces, underscores, hyphens and
// other punctuation folded ("Closed - Not Converted" == "CLOSED_NOT_CONVERTED"). nullopt when
// unknown (the importer then reports the value).
std::optional<QString> stageCode(const QString &text);

// Case and spelling variants of one category folded to one key for grouping: trims, folds
// case, collapses inner whitespace (underscores count as spaces), removes punctuation at the
// ends ("google" == "Google " == "GOOGLE"). Deliberately no fuzzy matching: "Advertisment"
// and "Advertisement" stay apart.
QString categoryKey(const QString &text);

} // namespace valueparsers

} // namespace handoff
