#include "analytics/meetingbrief.h"

#include "analytics/analyticsengine.h"
#include "analytics/figureformat.h"
#include "analytics/isoweek.h"
#include "store/database.h"

namespace handoff {

MeetingBrief MeetingBrief::gather(Database &db, AnalyticsEngine &engine, qint64 weekStart,
                                  qint64 now)
{
    MeetingBrief brief;
    brief.weekStart = weekStart;
    brief.week = isoweek::label(weekStart);
    brief.now = now;
    MeetingRepository meetings(db.connection());
    brief.targets = meetings.currentTargets();
    engine.refresh();
    brief.metrics = WeeklySummary::compute(engine.dataset(), weekStart, {}, brief.targets, now);
    brief.figures = engine.figures(AnalyticsPeriod{weekStart, 4}, {}, brief.targets, now);
    brief.rejected = AnalyticsRepository(db.connection())
                         .rejectedHandoffs(weekStart, weekStart + isoweek::Length);
    for (const ModelRecord &m : ModelRepository(db.connection()).all()) {
        if (m.status == ModelRecord::Status::Proposed)
            brief.proposals.append(m);
    }
    brief.meeting = meetings.meeting(brief.week).value_or(MeetingRecord{});
    brief.meeting.week = brief.week;
    return brief;
}

bool MeetingBrief::inProgress() const
{
    return FigureFormat::inProgress(weekStart, now);
}

} // namespace handoff
