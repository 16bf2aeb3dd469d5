#include "analytics/verdictfigures.h"

#include <algorithm>

#include "analytics/analyticsmath.h"

namespace handoff {

VerdictFigures Verdicts::compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                 const AnalyticsFilter &filter)
{
    VerdictFigures figures;
    const LeadMatcher matcher(data, filter);
    std::vector<qint64> byReason(size_t(data.reasons.size()), 0);
    for (const HandoffFact &h : data.handoffs) {
        if (h.outcome == HandoffFact::Outcome::Open || !period.contains(h.outcomeAt) ||
            !matcher.matches(data.leads[size_t(h.lead)]))
            continue;
        if (h.outcome == HandoffFact::Outcome::Accepted) {
            ++figures.accepted;
        } else {
            ++figures.rejected;
            ++byReason[h.reason];
        }
    }
    const qint64 decided = figures.accepted + figures.rejected;
    figures.acceptRate = analyticsmath::share(figures.accepted, decided);
    figures.rejectRate = analyticsmath::share(figures.rejected, decided);
    for (size_t r = 0; r < byReason.size(); ++r) {
        if (byReason[r] > 0)
            figures.reasons.push_back({data.reasons.at(qsizetype(r)), byReason[r],
                                       analyticsmath::share(byReason[r], figures.rejected)});
    }
    std::sort(figures.reasons.begin(), figures.reasons.end(),
              [](const RejectReason &a, const RejectReason &b) {
                  return a.count != b.count ? a.count > b.count : a.reason < b.reason;
              });
    return figures;
}

} // namespace handoff
