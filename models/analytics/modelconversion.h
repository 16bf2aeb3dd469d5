#pragma once

// Conversion by scoring-model version: the handoffs raised in the period under each model
// version, and how many sales accepted, so a new weighting can be judged on what it sent.

#include <vector>

#include <QString>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

struct ModelConversionRow
{
    qint64 modelId = 0; // 0: handoffs without a recorded model
    QString name;
    qint64 handoffs = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    double acceptRate = 0; // accepted / (accepted + rejected)
};

class ModelConversion
{
public:
    // One row per model version that raised a handoff in the period, by version number.
    static std::vector<ModelConversionRow> compute(const AnalyticsDataset &data,
                                                   const AnalyticsPeriod &period,
                                                   const AnalyticsFilter &filter);
};

} // namespace handoff
