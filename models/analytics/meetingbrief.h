#pragma once

// Everything the weekly meeting looks at for one ISO week, gathered once for the meeting
// view and the printed report: the week's figures against the week before and the targets,
// the dashboard's figures for the four weeks up to it, the handoffs sales rejected that week
// with their reasons, the scoring-model versions waiting for sign-off with the sign-offs they
// have, and the meeting's
// notes and action items as saved.

#include <vector>

#include <QCoreApplication>
#include <QHash>
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

// The part of the brief that reads the whole dataset (about a second at a million leads).
struct MeetingFigures
{
    std::vector<MeetingMetric> metrics;
    DashboardFigures figures;
};

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
    QHash<qint64, QList<ModelSignOff>> signOffs; // each proposal's, by its id
    MeetingRecord meeting;                       // empty notes and no items when none was saved

    // The week has not ended at `now`: its figures are partial.
    bool inProgress() const;

    // Throws Error. `engine` must work on `db`.
    static MeetingBrief gather(Database &db, AnalyticsEngine &engine, qint64 weekStart, qint64 now);
    // All but the figures: a few small reads, quick enough for the GUI thread. Throws Error.
    static MeetingBrief gatherRecords(Database &db, qint64 weekStart, qint64 now);
    // The figures alone, for a view that computes them off the GUI thread. Throws Error.
    static MeetingFigures computeFigures(AnalyticsEngine &engine, qint64 weekStart,
                                         const MeetingTargets &targets, qint64 now);
    void setFigures(MeetingFigures computed);
    // Writes the notes and action items of `record`'s week; its id. Throws Error.
    static qint64 saveMeeting(Database &db, const MeetingRecord &record);
};

} // namespace handoff
