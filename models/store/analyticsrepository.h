#pragma once

// The reads behind the dashboard, the meeting view and the report: every lead's funnel
// milestones and filter attributes, every handoff's timings and verdict, the scoring-model
// names, and the activities of a sample of leads for the conversion lift. Leads, stage
// history and handoffs are read whole in table order (a scan is several times faster than
// walking an index through a table this size); the figures are then computed in memory.

#include <vector>

#include <QSqlDatabase>
#include <QString>

#include "store/analyticsdataset.h"

namespace handoff {

struct RejectedHandoff
{
    qint64 handoffId = 0;
    qint64 leadId = 0;
    QString lead; // name
    QString company;
    bool intent = false;
    QString rejectedBy;
    qint64 rejectedAt = 0;
    QString reason;
    QString note; // sales' own words, kept apart from the reason since schema 10
};

class AnalyticsRepository
{
public:
    explicit AnalyticsRepository(QSqlDatabase db);

    // The tables as of one moment, so they agree: on an SQLite file the leads are read on a
    // second connection in parallel, and again on one if another console wrote meanwhile.
    // Throws Error.
    AnalyticsDataset load() const;
    // The activities of these leads (types by label), in no particular order; on an SQLite
    // file the first half of the leads is read on a second connection in parallel.
    std::vector<ActivityTouch> touches(const std::vector<qint64> &leadIds) const;

    // The handoffs sales rejected in [from, to), oldest first: what the meeting discusses.
    std::vector<RejectedHandoff> rejectedHandoffs(qint64 from, qint64 to) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
