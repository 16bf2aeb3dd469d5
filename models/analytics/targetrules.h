#pragma once

// What sales and marketing may agree as meeting targets (an SLA between a minute and a day,
// shares between 0% and 100%, a band whose low end is not above its high end), and agreeing
// them: checked, then kept as a new version.

#include <QSqlDatabase>
#include <QStringList>

#include "store/meetingtargets.h"

namespace handoff {

namespace targetrules {

// What is wrong with these values, one message per problem naming the target; empty when
// they can be agreed.
QStringList problems(const MeetingTargets &targets);

// Saves the targets as a new version (MeetingRepository::saveTargets) once problems() has
// nothing to say; else throws Error listing the problems, and nothing is written.
qint64 agree(QSqlDatabase db, const MeetingTargets &targets, const QString &by, qint64 at);

} // namespace targetrules

} // namespace handoff
