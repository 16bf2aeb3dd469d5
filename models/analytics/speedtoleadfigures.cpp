#include "analytics/speedtoleadfigures.h"

#include <QCoreApplication>

#include "analytics/analyticsmath.h"

namespace handoff {

QString SpeedToLeadFigures::bucketLabel(int bucket)
{
    static const char *const labels[] = {QT_TRANSLATE_NOOP("SpeedToLead", "0-5 min"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "5-30 min"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "30-60 min"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "1-4 h"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "4-24 h"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "1 day+"),
                                         QT_TRANSLATE_NOOP("SpeedToLead", "Not contacted")};
    return bucket >= 0 && bucket < BucketCount
               ? QCoreApplication::translate("SpeedToLead", labels[bucket])
               : QString();
}

namespace {

struct WithinCounter
{
    qint64 limitSeconds;
    qint64 reached = 0;
    qint64 eligible = 0;

    // `waited`: the SLA clock's seconds to the first contact (0 when none yet), and
    // `waiting` those to now.
    void add(bool contacted, qint64 waited, qint64 waiting)
    {
        if (contacted && waited <= limitSeconds) {
            ++reached;
            ++eligible;
        } else if (contacted || waiting > limitSeconds) {
            ++eligible; // missed it
        }
    }
    double share() const { return analyticsmath::share(reached, eligible); }
};

SpeedToLeadFigures::Bucket bucketFor(bool contacted, qint64 waited)
{
    using F = SpeedToLeadFigures;
    if (!contacted)
        return F::NotContacted;
    constexpr qint64 Minute = 60;
    // Upper bounds included, as "within 5 minutes" includes a call at 5:00.
    return waited <= 5 * Minute      ? F::Under5m
           : waited <= 30 * Minute   ? F::Under30m
           : waited <= 60 * Minute   ? F::Under1h
           : waited <= 240 * Minute  ? F::Under4h
           : waited <= 1440 * Minute ? F::Under24h
                                     : F::DayOrMore;
}

} // namespace

SpeedToLeadFigures SpeedToLeadStats::compute(const AnalyticsDataset &data,
                                             const AnalyticsPeriod &period,
                                             const AnalyticsFilter &filter, qint64 now,
                                             int slaMinutes)
{
    SpeedToLeadFigures figures;
    const LeadMatcher matcher(data, filter);
    // "Within 5 minutes" includes exactly 5:00, as a clock showing 5:00 reads.
    WithinCounter within5{5 * 60}, within30{30 * 60}, withinSla{qint64(slaMinutes) * 60};
    std::vector<double> minutes, lateMinutes;
    // Waiting counts on the team's SLA clock: working time only when the team says so.
    const BusinessCalendar &clock = data.calendar;
    for (const HandoffFact &h : data.handoffs) {
        if (!h.intent || h.slaExempt || !matcher.matches(data.leads[size_t(h.lead)]))
            continue;
        // A breach counts in the week its deadline passed, however late the call came.
        if (h.slaBreachDueAt && period.contains(h.slaBreachDueAt)) {
            ++figures.slaBreaches;
            // Late until the call, or the verdict of a lead closed without one.
            const qint64 end = h.firstContactAt ? h.firstContactAt
                               : h.outcomeAt    ? h.outcomeAt
                                                : now;
            lateMinutes.push_back(double(clock.clockSeconds(h.slaBreachDueAt, end)) / 60.0);
        }
        if (h.escalationDueAt && period.contains(h.escalationDueAt))
            ++figures.escalations;
        if (!period.contains(h.raisedAt))
            continue;
        ++figures.handRaisers;
        const bool contacted = h.firstContactAt != 0;
        const qint64 waited = contacted ? clock.clockSeconds(h.raisedAt, h.firstContactAt) : 0;
        const qint64 waiting = contacted ? waited : clock.clockSeconds(h.raisedAt, now);
        ResponseBucket &bucket = figures.buckets[bucketFor(contacted, waited)];
        ++bucket.handoffs;
        bucket.accepted += h.outcome == HandoffFact::Outcome::Accepted;
        bucket.rejected += h.outcome == HandoffFact::Outcome::Rejected;
        within5.add(contacted, waited, waiting);
        within30.add(contacted, waited, waiting);
        withinSla.add(contacted, waited, waiting);
        if (contacted)
            minutes.push_back(double(waited) / 60.0);
    }
    for (ResponseBucket &bucket : figures.buckets)
        bucket.acceptRate =
            analyticsmath::share(bucket.accepted, bucket.accepted + bucket.rejected);
    figures.within5 = within5.share();
    figures.within30 = within30.share();
    figures.withinSla = withinSla.share();
    figures.medianMinutes = analyticsmath::median(std::move(minutes));
    figures.medianLateMinutes = analyticsmath::median(std::move(lateMinutes));
    return figures;
}

} // namespace handoff
