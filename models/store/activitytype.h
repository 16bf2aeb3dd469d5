#pragma once

// The activity-type catalogue: what a lead can do, and whether doing it is a hand-raise
// (intent: straight to sales), engagement (interest: scored and nurtured) or a negative
// signal (unsubscribe, bounce, careers page).

#include <optional>

#include <QList>
#include <QString>

namespace handoff {

enum class ActivityKind : quint8 { Intent, Interest, Negative };

struct ActivityType
{
    int id = 0;
    QString code;
    QString label;
    ActivityKind kind = ActivityKind::Interest;
};

namespace activitykind {
QString toString(ActivityKind kind);
std::optional<ActivityKind> fromString(const QString &text);
} // namespace activitykind

// The types every new database starts with (ids are assigned by the store).
QList<ActivityType> standardActivityTypes();

} // namespace handoff
