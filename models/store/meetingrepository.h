#pragma once

// The weekly alignment meeting as stored: the agreed targets, versioned (every change a new
// row, the latest in force, each recorded in the audit log), and per ISO week the meeting's
// notes and action items, saved with the date it was held.

#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "store/meetingtargets.h"

namespace handoff {

struct ActionItem
{
    QString text;
    QString owner;
    QString due; // free text as agreed in the room: "Friday", "2026-11-27"
    bool done = false;

    bool operator==(const ActionItem &) const = default;
};

struct MeetingRecord
{
    qint64 id = 0;
    QString week; // "2026-W47"
    qint64 heldAt = 0;
    QString notes;
    QList<ActionItem> actions;
    QString savedBy;
    qint64 savedAt = 0;
};

class MeetingRepository
{
public:
    explicit MeetingRepository(QSqlDatabase db);

    // The targets in force: the latest version, or the defaults (version 0).
    MeetingTargets currentTargets() const;
    // Every version, newest first.
    QList<MeetingTargets> targetHistory() const;
    // Validates, then saves as a new version in its own write transaction; the version number.
    // Throws Error naming what is wrong.
    qint64 saveTargets(const MeetingTargets &targets, const QString &by, qint64 at);

    std::optional<MeetingRecord> meeting(const QString &week) const;
    // Creates or replaces the week's notes and action items in one write transaction.
    qint64 saveMeeting(const MeetingRecord &meeting);

private:
    QSqlDatabase m_db;
};

} // namespace handoff
