#pragma once

// Everything the weekly meeting looks at for one ISO week, gathered once for the meeting
// view and the printed report: the week's figures against the week before and the targets,
// the dashboard's figures for the four weeks up to it, the handoffs sales rejected that week
// with their reasons, the scoring-model versions waiting for sign-off, and the meeting's
// notes and action items as saved.

#include <vector>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "analytics/dashboardfigures.h"
#include "analytics/weeklysummary.h"
#include "store/analyticsrepository.h"
#include "store/meetingrepository.h"
#include "store/modelrepository.h"

namespace handoff {

class AnalyticsEngine;
class Database;

struct MeetingBrief
{
    qint64 weekStart = 0;
    QString week; // "2026-W47"
    qint64 now = 0;
    MeetingTargets targets;
    std::vector<MeetingMetric> metrics;
    DashboardFigures figures; // the four weeks ending with this one
    std::vector<RejectedHandoff> rejected;
    QList<ModelRecord> proposals;
    MeetingRecord meeting; // empty notes and no items when none was saved

    // The week has not ended at `now`: its figures are partial.
    bool inProgress() const;

    // Throws Error. `engine` must work on `db`.
    static MeetingBrief gather(Database &db, AnalyticsEngine &engine, qint64 weekStart, qint64 now);
};

} // namespace handoff
