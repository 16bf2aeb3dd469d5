#pragma once

// A lead's past in two tables: the activity timeline (type, content, channel, when) and the
// stage history (from, to, when, by whom, why).

#include <QTableWidget>

#include "store/lead.h"

namespace handoff {

class ActivityCatalogue;

namespace leadhistory {

QTableWidget *makeTable(const QStringList &headers, const QString &objectName, QWidget *parent);
void showActivities(QTableWidget *table, const QList<Activity> &activities,
                    const ActivityCatalogue &types);
// Activity type codes in a change's reason ("Raised hand: trial_signup", as older databases
// and imports wrote it) are shown by their labels ("Free trial sign-up").
void showStages(QTableWidget *table, const QList<StageChange> &history,
                const ActivityCatalogue &types);
// `text` with every activity type code in it (a whole word) replaced by the type's label.
QString withLabels(const QString &text, const ActivityCatalogue &types);

} // namespace leadhistory

} // namespace handoff
