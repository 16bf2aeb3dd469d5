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

    void add(const HandoffFact &h, qint64 now)
    {
        const bool contacted = h.firstContactAt != 0;
        if (contacted && h.firstContactAt - h.raisedAt <= limitSeconds) {
            ++reached;
            ++eligible;
        } else if (contacted || now - h.raisedAt > limitSeconds) {
            ++eligible; // missed it
        }
    }
    double share() const { return analyticsmath::share(reached, eligible); }
};

SpeedToLeadFigures::Bucket bucketFor(const HandoffFact &h)
{
    using F = SpeedToLeadFigures;
    if (!h.firstContactAt)
        return F::NotContacted;
    const qint64 waited = h.firstContactAt - h.raisedAt;
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
    std::vector<double> minutes;
    for (const HandoffFact &h : data.handoffs) {
        if (!h.intent || h.slaExempt || !period.contains(h.raisedAt) ||
            !matcher.matches(data.leads[size_t(h.lead)]))
            continue;
        ++figures.handRaisers;
        ResponseBucket &bucket = figures.buckets[bucketFor(h)];
        ++bucket.handoffs;
        bucket.accepted += h.outcome == HandoffFact::Outcome::Accepted;
        bucket.rejected += h.outcome == HandoffFact::Outcome::Rejected;
        within5.add(h, now);
        within30.add(h, now);
        withinSla.add(h, now);
        if (h.firstContactAt)
            minutes.push_back(double(h.firstContactAt - h.raisedAt) / 60.0);
    }
    for (ResponseBucket &bucket : figures.buckets)
        bucket.acceptRate =
            analyticsmath::share(bucket.accepted, bucket.accepted + bucket.rejected);
    figures.within5 = within5.share();
    figures.within30 = within30.share();
    figures.withinSla = withinSla.share();
    figures.medianMinutes = analyticsmath::median(std::move(minutes));
    return figures;
}

} // namespace handoff
