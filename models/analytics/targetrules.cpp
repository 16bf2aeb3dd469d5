#include "analytics/targetrules.h"

#include <QCoreApplication>

#include "store/error.h"
#include "store/meetingrepository.h"

namespace handoff {

namespace targetrules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MeetingTargets", text);
}

} // namespace

QStringList problems(const MeetingTargets &t)
{
    QStringList result;
    if (t.slaMinutes < 1 || t.slaMinutes > 24 * 60)
        result << tr("Speed-to-lead SLA: %1 minutes is not between 1 and 1440").arg(t.slaMinutes);
    if (t.mqlsPerWeek < 0 || t.mqlsPerWeek > 10'000'000)
        result << tr("MQL volume: %1 per week is not between 0 and 10,000,000").arg(t.mqlsPerWeek);
    const auto percentOk = [](double v) { return v >= 0.0 && v <= 1.0; };
    if (!percentOk(t.acceptRate))
        result << tr("Accept rate: %1% is not between 0% and 100%").arg(t.acceptRate * 100);
    if (!percentOk(t.marketingShareLow) || !percentOk(t.marketingShareHigh))
        result << tr("Marketing share band: %1%-%2% is not within 0%-100%")
                      .arg(t.marketingShareLow * 100)
                      .arg(t.marketingShareHigh * 100);
    else if (t.marketingShareLow > t.marketingShareHigh)
        result << tr("Marketing share band: the low end %1% is above the high end %2%")
                      .arg(t.marketingShareLow * 100)
                      .arg(t.marketingShareHigh * 100);
    return result;
}

qint64 agree(QSqlDatabase db, const MeetingTargets &targets, const QString &by, qint64 at)
{
    const QStringList found = problems(targets);
    if (!found.isEmpty())
        throw Error(found.join(QLatin1Char('\n')));
    return MeetingRepository(std::move(db)).saveTargets(targets, by, at);
}

QList<MeetingTargets> history(QSqlDatabase db)
{
    return MeetingRepository(std::move(db)).targetHistory();
}

} // namespace targetrules

} // namespace handoff
