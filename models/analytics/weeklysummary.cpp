#include "analytics/weeklysummary.h"

#include "analytics/analyticsperiod.h"
#include "analytics/cohortconversion.h"
#include "analytics/figureformat.h"
#include "analytics/sourcemix.h"
#include "analytics/speedtoleadfigures.h"
#include "analytics/verdictfigures.h"

namespace handoff {

QString MeetingMetric::format(double value, Unit unit)
{
    switch (unit) {
    case Unit::Count:
        return QString::number(qint64(value));
    case Unit::Percent:
        return FigureFormat::percent(value);
    case Unit::Minutes:
        return FigureFormat::duration(value);
    }
    return {};
}

QString MeetingMetric::text(double value, qint64 base) const
{
    if (base >= 0 && FigureFormat::tooFew(base))
        return FigureFormat::share(value, base);
    return format(value, unit);
}

std::vector<MeetingMetric> WeeklySummary::compute(const AnalyticsDataset &data, qint64 weekStart,
                                                  const AnalyticsFilter &filter,
                                                  const MeetingTargets &targets, qint64 now)
{
    const AnalyticsPeriod thisWeek{weekStart, 1};
    const AnalyticsPeriod lastWeek = thisWeek.previous();
    using Unit = MeetingMetric::Unit;
    std::vector<MeetingMetric> rows;
    rows.reserve(10); // add() hands out pointers into it
    const auto add = [&](const QString &name, Unit unit, auto figure) {
        rows.push_back({name, unit, figure(thisWeek), figure(lastWeek), {}, std::nullopt});
        return &rows.back();
    };
    // A share or a median on too few leads says so; it is neither met nor missed.
    const auto restsOn = [&](MeetingMetric *m, auto base) {
        m->thisBase = base(thisWeek);
        m->lastBase = base(lastWeek);
        if (FigureFormat::tooFew(m->thisBase))
            m->met.reset();
    };

    MeetingMetric *mqls = add(tr("MQL volume"), Unit::Count, [&](const AnalyticsPeriod &p) {
        return double(CohortConversion::compute(data, p, filter).mqls);
    });
    mqls->target = tr("at least %1").arg(targets.mqlsPerWeek);
    mqls->met = mqls->thisWeek >= targets.mqlsPerWeek;

    MeetingMetric *conversion = add(
        tr("MQL to SQL conversion (the week's MQLs)"), Unit::Percent,
        [&](const AnalyticsPeriod &p) { return CohortConversion::compute(data, p, filter).rate; });
    restsOn(conversion, [&](const AnalyticsPeriod &p) {
        return CohortConversion::compute(data, p, filter).mqls;
    });

    const auto verdicts = [&](const AnalyticsPeriod &p) {
        return Verdicts::compute(data, p, filter);
    };
    MeetingMetric *accept = add(tr("Accept rate"), Unit::Percent,
                                [&](const AnalyticsPeriod &p) { return verdicts(p).acceptRate; });
    accept->target =
        tr("at least %1").arg(MeetingMetric::format(targets.acceptRate, Unit::Percent));
    accept->met = accept->thisWeek >= targets.acceptRate;
    restsOn(accept, [&](const AnalyticsPeriod &p) {
        const VerdictFigures v = verdicts(p);
        return v.accepted + v.rejected;
    });
    add(tr("Rejected handoffs"), Unit::Count,
        [&](const AnalyticsPeriod &p) { return double(verdicts(p).rejected); });

    const auto speed = [&](const AnalyticsPeriod &p) {
        return SpeedToLeadStats::compute(data, p, filter, now, targets.slaMinutes);
    };
    add(tr("Hand-raisers"), Unit::Count,
        [&](const AnalyticsPeriod &p) { return double(speed(p).handRaisers); });
    MeetingMetric *median = add(tr("Median time to first contact"), Unit::Minutes,
                                [&](const AnalyticsPeriod &p) { return speed(p).medianMinutes; });
    median->target = tr("at most %1").arg(MeetingMetric::format(targets.slaMinutes, Unit::Minutes));
    median->met = median->thisWeek <= targets.slaMinutes;
    const auto contacted = [&](const AnalyticsPeriod &p) {
        const SpeedToLeadFigures s = speed(p);
        return s.handRaisers - s.buckets[SpeedToLeadFigures::NotContacted].handoffs;
    };
    restsOn(median, contacted);
    MeetingMetric *withinSla =
        add(tr("Hand-raisers reached within %1").arg(FigureFormat::duration(targets.slaMinutes)),
            Unit::Percent, [&](const AnalyticsPeriod &p) { return speed(p).withinSla; });
    restsOn(withinSla, [&](const AnalyticsPeriod &p) { return speed(p).handRaisers; });
    // The ladder's record: every breach, and those that reached the sales manager.
    MeetingMetric *breaches =
        add(tr("SLA breaches (not contacted by the SLA)"), Unit::Count,
            [&](const AnalyticsPeriod &p) { return double(speed(p).slaBreaches); });
    breaches->target = tr("none");
    breaches->met = breaches->thisWeek == 0;
    add(tr("Escalated to the sales manager (twice the SLA)"), Unit::Count,
        [&](const AnalyticsPeriod &p) { return double(speed(p).escalations); });

    MeetingMetric *share =
        add(tr("Marketing share of new pipeline"), Unit::Percent, [&](const AnalyticsPeriod &p) {
            return SourceMix::compute(data, p, filter, targets.marketingShareLow,
                                      targets.marketingShareHigh)
                .marketingShare;
        });
    share->target = QStringLiteral("%1-%2").arg(
        MeetingMetric::format(targets.marketingShareLow, Unit::Percent),
        MeetingMetric::format(targets.marketingShareHigh, Unit::Percent));
    share->met = share->thisWeek >= targets.marketingShareLow - 1e-9 &&
                 share->thisWeek <= targets.marketingShareHigh + 1e-9;
    restsOn(share, [&](const AnalyticsPeriod &p) {
        const SourceMixFigures m = SourceMix::compute(data, p, filter, targets.marketingShareLow,
                                                      targets.marketingShareHigh);
        return m.marketing + m.sales;
    });
    return rows;
}

} // namespace handoff
