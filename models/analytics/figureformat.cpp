#include "analytics/figureformat.h"

#include <cmath>

#include "analytics/isoweek.h"

namespace handoff {

QString FigureFormat::duration(double minutes)
{
    if (!(minutes >= 0))
        return QStringLiteral("–");
    if (minutes < 59.5)
        return tr("%1 min").arg(std::round(minutes), 0, 'f', 0);
    const double hours = minutes / 60;
    if (hours < 47.5)
        return tr("%1 h").arg(std::round(hours), 0, 'f', 0);
    return tr("%1 days").arg(hours / 24, 0, 'f', 1);
}

QString FigureFormat::percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}

QString FigureFormat::share(double share, qint64 base)
{
    return tooFew(base) ? tr("too few (%1)").arg(base) : percent(share);
}

bool FigureFormat::inProgress(qint64 weekStart, qint64 now)
{
    return now >= weekStart && now < weekStart + isoweek::Length;
}

QString FigureFormat::week(qint64 weekStart, qint64 now)
{
    return inProgress(weekStart, now) ? tr("%1 (in progress)").arg(isoweek::label(weekStart))
                                      : isoweek::label(weekStart);
}

} // namespace handoff
