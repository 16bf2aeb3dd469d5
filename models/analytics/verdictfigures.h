#pragma once

// Sales' verdicts on the handoffs decided in the period: how many were accepted and
// rejected, the rates, and the reasons given for the rejections, most frequent first.

#include <vector>

#include <QString>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct RejectReason
{
    QString reason; // "" when none was given
    qint64 count = 0;
    double share = 0; // of the rejections
};

struct VerdictFigures
{
    qint64 accepted = 0;
    qint64 rejected = 0;
    double acceptRate = 0;
    double rejectRate = 0;
    std::vector<RejectReason> reasons; // most frequent first, then by name
};

class Verdicts
{
public:
    static VerdictFigures compute(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                  const AnalyticsFilter &filter);
};

} // namespace handoff
