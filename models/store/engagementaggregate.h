#pragma once

// Engagement points computed by SQLite itself with a GROUP BY over the activities table:
// the plain-SQL way to score, kept as the yardstick the in-memory feature index is measured
// against (see the scoring benchmark). Plain SQL that SQLite (3.35+, with its math
// functions) and PostgreSQL both run.

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace handoff {

struct AggregateWeight
{
    int typeId = 0;
    double points = 0;
    double cap = 1e18; // no cap
    bool decays = true;
};

class EngagementAggregate
{
public:
    explicit EngagementAggregate(QSqlDatabase db);

    // Engagement points per lead id at `now` with this half-life (0: no decay).
    QHash<qint64, double> compute(const QList<AggregateWeight> &weights, qint64 now,
                                  double halfLifeDays) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
