#include "speedtolead.h"

#include <algorithm>

#include <QCoreApplication>

namespace speedtolead {

Band band(qint64 waitedSeconds)
{
    if (waitedSeconds < 5 * 60)
        return Band::Fast;
    if (waitedSeconds < 30 * 60)
        return Band::Slow;
    return Band::Late;
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

} // namespace speedtolead
