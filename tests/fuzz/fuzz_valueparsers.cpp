// libFuzzer target for the cell parsers in valueparsers: the input is UTF-8 text, one cell a
// line, as the CSV reader would hand them over (it decodes UTF-8 or Windows-1252, so no
// unpaired surrogates). Every parser runs on every cell, and the column's date format is
// detected from all of them. Besides what the sanitizers catch, it checks the promises the
// importer builds on: a detected format reads every sample it was detected from, a number is
// finite, a placeholder is never a number, a company size is within 0 to 10 million, and
// parsing does not depend on surrounding spaces.

#include <cmath>
#include <cstdint>

#include "fuzzsupport.h"
#include "scoring/valueparsers.h"

using namespace handoff;

using fuzzsupport::check;
using valueparsers::DateFormat;

namespace {

constexpr DateFormat allFormats[] = {
    DateFormat::IsoDateTime,  DateFormat::Iso8601,           DateFormat::DayMonthYearTime,
    DateFormat::MonthDayYear, DateFormat::MonthDayShortYear, DateFormat::YearMonthDayDots,
    DateFormat::EpochMillis,  DateFormat::EpochSeconds,
};

void parseCell(const QString &cell)
{
    const bool placeholder = valueparsers::isPlaceholder(cell);
    (void)valueparsers::boolean(cell);
    bool percent = false;
    const std::optional<double> number = valueparsers::number(cell, &percent);
    if (number) {
        check(std::isfinite(*number), "a number is finite", cell);
        check(!placeholder, "a placeholder is not a number", cell);
    }
    const std::optional<int> employees = valueparsers::companySize(cell);
    if (employees) {
        check(*employees >= 0 && *employees <= 10'000'000, "a company size is 0 to 10 million",
              cell);
        check(!placeholder, "a placeholder is not a company size", cell);
    }
    check(employees == valueparsers::companySize(QStringLiteral(" %1 ").arg(cell)),
          "surrounding spaces do not change a company size", cell);
    (void)valueparsers::stageCode(cell);
    (void)valueparsers::categoryKey(cell);

    const QString spaced = QStringLiteral(" %1 ").arg(cell);
    for (const DateFormat format : allFormats) {
        const std::optional<qint64> at = valueparsers::parseDate(cell, format);
        check(at == valueparsers::parseDate(spaced, format),
              "surrounding spaces do not change a date", cell);
        (void)valueparsers::formatName(format);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList cells = text.split(u'\n');
    for (const QString &cell : cells)
        parseCell(cell);

    if (const std::optional<DateFormat> format = valueparsers::detectDateFormat(cells)) {
        for (const QString &cell : cells) {
            if (!valueparsers::isPlaceholder(cell))
                check(valueparsers::parseDate(cell, *format).has_value(),
                      "a detected format reads every sample", cell);
        }
    }
    return 0;
}
