#pragma once

// What converting leads had in common: for the leads that became MQL in the period, which
// activity types and which content (assets) those that sales accepted had done before they
// converted, measured as lift: the conversion rate of the leads that did it over the
// conversion rate of all of them (2.0: twice as likely to convert). Above a cap the cohort
// is a systematic sample (every k-th lead by id), which the figures say.

#include <vector>

#include <QString>
#include <QStringList>

#include "analytics/analyticsfilter.h"
#include "analytics/analyticsperiod.h"
#include "store/analyticsdataset.h"

namespace handoff {

// One lead of the cohort: converted or not, and what it did (each name once).
struct LiftSubject
{
    bool converted = false;
    QStringList activityTypes;
    QStringList contents;
};

struct LiftRow
{
    QString name;
    qint64 leads = 0;     // leads of the cohort that did it
    qint64 converted = 0; // of those, converted
    double rate = 0;
    double lift = 0;
};

struct LiftFigures
{
    qint64 cohortLeads = 0; // MQLs of the period (before sampling)
    qint64 leads = 0;       // leads the figures are computed on
    qint64 converted = 0;
    double baseRate = 0;
    std::vector<LiftRow> activityTypes; // highest lift first
    std::vector<LiftRow> contents;
};

class ConversionLift
{
public:
    static constexpr int DefaultSampleCap = 5000;
    static constexpr int RowsShown = 10;

    // The cohort's leads (indexes into data.leads), every k-th when more than `cap`;
    // `total` receives the cohort's full size.
    static std::vector<int> cohort(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                   const AnalyticsFilter &filter, int cap, qint64 *total);
    // Subjects from the cohort and its leads' activities: a converted lead's activities count
    // when they happened before it reached SQL.
    static std::vector<LiftSubject> subjects(const AnalyticsDataset &data,
                                             const std::vector<int> &cohort,
                                             const std::vector<ActivityTouch> &touches);
    // Rows are kept when at least `minSupport` leads did the thing; at most RowsShown each.
    static LiftFigures compute(const std::vector<LiftSubject> &subjects, int minSupport);
    // The default support: 1% of the leads, at least 5.
    static int defaultSupport(qint64 leads);
};

} // namespace handoff
