#pragma once

// A lead's past in two tables: the activity timeline (type, content, channel, when) and the
// stage history (from, to, when, by whom, why).

#include <QTableWidget>

#include "lead.h"

class ActivityCatalogue;

namespace leadhistory {

QTableWidget *makeTable(const QStringList &headers, const QString &objectName, QWidget *parent);
void showActivities(QTableWidget *table, const QList<Activity> &activities,
                    const ActivityCatalogue &types);
void showStages(QTableWidget *table, const QList<StageChange> &history);

} // namespace leadhistory
