#pragma once

// The weeks the dashboard looks at: the latest week and how many weeks back from it
// (2 for "this week against last", then 4, 13 or 26). Times are Unix seconds UTC.

#include <QList>
#include <QString>

#include "analytics/isoweek.h"

namespace handoff {

struct AnalyticsPeriod
{
    qint64 lastWeekStart = 0; // Monday 00:00 UTC of the latest week shown
    int weeks = 4;

    static AnalyticsPeriod ending(qint64 at, int weeks) { return {isoweek::startOf(at), weeks}; }

    qint64 from() const { return lastWeekStart - qint64(weeks - 1) * isoweek::Length; }
    qint64 to() const { return lastWeekStart + isoweek::Length; } // exclusive
    bool contains(qint64 at) const { return at >= from() && at < to(); }
    // Which week of the period `at` falls in, 0 the earliest; -1 outside.
    int weekOf(qint64 at) const { return contains(at) ? int((at - from()) / isoweek::Length) : -1; }
    qint64 weekStart(int week) const { return from() + qint64(week) * isoweek::Length; }
    // The same number of weeks just before this period.
    AnalyticsPeriod previous() const
    {
        return {lastWeekStart - qint64(weeks) * isoweek::Length, weeks};
    }
    bool operator==(const AnalyticsPeriod &) const = default;
};

} // namespace handoff
