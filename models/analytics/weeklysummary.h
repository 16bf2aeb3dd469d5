#pragma once

// The figures the weekly meeting opens with: one week against the week before and against
// the targets both sides agreed (MQL volume, accept rate, the speed-to-lead SLA, the band of
// pipeline marketing supplies), plus the figures without a target that explain them.

#include <optional>
#include <vector>

#include <QCoreApplication>
#include <QString>

#include "analytics/analyticsfilter.h"
#include "store/analyticsdataset.h"
#include "store/meetingtargets.h"

namespace handoff {

struct MeetingMetric
{
    enum class Unit { Count, Percent, Minutes };

    QString name;
    Unit unit = Unit::Count;
    double thisWeek = 0;
    double lastWeek = 0;
    QString target;          // as people read it: "at least 100", "25%-35%"; empty: none
    std::optional<bool> met; // this week against the target; none when too few to tell
    // What a share or a median rests on (MQLs, verdicts, hand-raisers); -1 for a count.
    qint64 thisBase = -1;
    qint64 lastBase = -1;

    // The value as people read it: "42", "61.5%", "4 min", "29 h".
    static QString format(double value, Unit unit);
    // The week's value as format() writes it, or "too few (2)" when its base is too small.
    QString thisText() const { return text(thisWeek, thisBase); }
    QString lastText() const { return text(lastWeek, lastBase); }

private:
    QString text(double value, qint64 base) const;
};

class WeeklySummary
{
    Q_DECLARE_TR_FUNCTIONS(WeeklySummary)

public:
    static std::vector<MeetingMetric> compute(const AnalyticsDataset &data, qint64 weekStart,
                                              const AnalyticsFilter &filter,
                                              const MeetingTargets &targets, qint64 now);
};

} // namespace handoff
