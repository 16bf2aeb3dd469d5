#include "analytics/isoweek.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>

namespace handoff {

namespace isoweek {

namespace {
// 1970-01-01 was a Thursday: Monday 1969-12-29 starts its week, three days earlier.
constexpr qint64 EpochMondayOffset = 3 * 24 * 3600;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
} // namespace

qint64 startOf(qint64 at)
{
    return floorDiv(at + EpochMondayOffset, Length) * Length - EpochMondayOffset;
}

QString label(qint64 weekStart)
{
    const QDate monday = QDateTime::fromSecsSinceEpoch(weekStart, Qt::UTC).date();
    int year = 0;
    const int week = monday.weekNumber(&year);
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

std::optional<qint64> parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-W(\\d{2})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const int year = match.captured(1).toInt();
    const int week = match.captured(2).toInt();
    // 4 January is always in week 1 of its ISO year.
    const QDate jan4(year, 1, 4);
    const qint64 firstWeek = startOf(QDateTime(jan4, QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
    const qint64 start = firstWeek + qint64(week - 1) * Length;
    if (week < 1 ||
        label(start) != QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0')))
        return std::nullopt;
    return start;
}

} // namespace isoweek

} // namespace handoff
