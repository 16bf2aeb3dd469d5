#include "analytics/modelconversion.h"

#include <map>

#include <QCoreApplication>

#include "analytics/analyticsmath.h"

namespace handoff {

std::vector<ModelConversionRow> ModelConversion::compute(const AnalyticsDataset &data,
                                                         const AnalyticsPeriod &period,
                                                         const AnalyticsFilter &filter)
{
    const LeadMatcher matcher(data, filter);
    std::map<qint64, ModelConversionRow> rows;
    for (const HandoffFact &h : data.handoffs) {
        if (!period.contains(h.raisedAt) || !matcher.matches(data.leads[size_t(h.lead)]))
            continue;
        ModelConversionRow &row = rows[h.modelId];
        ++row.handoffs;
        row.accepted += h.outcome == HandoffFact::Outcome::Accepted;
        row.rejected += h.outcome == HandoffFact::Outcome::Rejected;
    }
    std::vector<ModelConversionRow> result;
    for (auto &[id, row] : rows) {
        row.modelId = id;
        const QString name = data.modelNames.value(id);
        row.name = id == 0 ? QCoreApplication::translate("ModelConversion", "No model")
                   : name.isEmpty()
                       ? QCoreApplication::translate("ModelConversion", "Version %1").arg(id)
                       : QCoreApplication::translate("ModelConversion", "v%1 %2").arg(id).arg(name);
        row.acceptRate = analyticsmath::share(row.accepted, row.accepted + row.rejected);
        result.push_back(row);
    }
    return result;
}

} // namespace handoff
