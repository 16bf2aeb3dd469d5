#include "meetingtargets.h"

QStringList MeetingTargets::problems() const
{
    QStringList result;
    if (slaMinutes < 1 || slaMinutes > 24 * 60)
        result << tr("Speed-to-lead SLA: %1 minutes is not between 1 and 1440").arg(slaMinutes);
    if (mqlsPerWeek < 0 || mqlsPerWeek > 10'000'000)
        result << tr("MQL volume: %1 per week is not between 0 and 10,000,000").arg(mqlsPerWeek);
    const auto percentOk = [](double v) { return v >= 0.0 && v <= 1.0; };
    if (!percentOk(acceptRate))
        result << tr("Accept rate: %1% is not between 0% and 100%").arg(acceptRate * 100);
    if (!percentOk(marketingShareLow) || !percentOk(marketingShareHigh))
        result << tr("Marketing share band: %1%-%2% is not within 0%-100%")
                      .arg(marketingShareLow * 100)
                      .arg(marketingShareHigh * 100);
    else if (marketingShareLow > marketingShareHigh)
        result << tr("Marketing share band: the low end %1% is above the high end %2%")
                      .arg(marketingShareLow * 100)
                      .arg(marketingShareHigh * 100);
    return result;
}
