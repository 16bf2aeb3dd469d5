#include "analytics/meetingbrief.h"

#include "analytics/analyticsengine.h"
#include "analytics/figureformat.h"
#include "analytics/isoweek.h"
#include "store/database.h"

namespace handoff {

MeetingBrief MeetingBrief::gather(Database &db, AnalyticsEngine &engine, qint64 weekStart,
                                  qint64 now)
{
    MeetingBrief brief = gatherRecords(db, weekStart, now);
    brief.setFigures(computeFigures(engine, weekStart, brief.targets, now));
    return brief;
}

MeetingBrief MeetingBrief::gatherRecords(Database &db, qint64 weekStart, qint64 now)
{
    MeetingBrief brief;
    brief.weekStart = weekStart;
    brief.week = isoweek::label(weekStart);
    brief.now = now;
    MeetingRepository meetings(db.connection());
    brief.targets = meetings.currentTargets();
    brief.rejected = AnalyticsRepository(db.connection())
                         .rejectedHandoffs(weekStart, weekStart + isoweek::Length);
    // The sign-offs come with the proposals: a view shows them without reading the store.
    const ModelRepository models(db.connection());
    for (const ModelRecord &m : models.all()) {
        if (m.status == ModelRecord::Status::Proposed) {
            brief.proposals.append(m);
            brief.signOffs.insert(m.id, models.signOffs(m.id));
        }
    }
    brief.meeting = meetings.meeting(brief.week).value_or(MeetingRecord{});
    brief.meeting.week = brief.week;
    return brief;
}

MeetingFigures MeetingBrief::computeFigures(AnalyticsEngine &engine, qint64 weekStart,
                                            const MeetingTargets &targets, qint64 now)
{
    engine.refresh();
    MeetingFigures computed;
    computed.metrics = WeeklySummary::compute(engine.dataset(), weekStart, {}, targets, now);
    computed.figures = engine.figures(AnalyticsPeriod{weekStart, 4}, {}, targets, now);
    return computed;
}

qint64 MeetingBrief::saveMeeting(Database &db, const MeetingRecord &record)
{
    return MeetingRepository(db.connection()).saveMeeting(record);
}

void MeetingBrief::setFigures(MeetingFigures computed)
{
    metrics = std::move(computed.metrics);
    figures = std::move(computed.figures);
}

bool MeetingBrief::inProgress() const
{
    return FigureFormat::inProgress(weekStart, now);
}

} // namespace handoff
