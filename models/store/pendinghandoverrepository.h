#pragma once

// Leads of a gradual handover still waiting for their turn: a model taken live "N an hour,
// best first" lifts a wave over the threshold, and each lead waits here until its release
// time, when a console writes its handoff. Until then it is not with sales: no claim, no
// speed-to-lead clock.

#include <optional>

#include <QList>
#include <QSqlDatabase>

namespace handoff {

struct PendingHandover
{
    qint64 leadId = 0;
    std::optional<qint64> modelId; // the version whose going live lifted it
    double score = 0;              // its score then: the wave's order
    qint64 releaseAt = 0;          // when it is handed to sales

    bool operator==(const PendingHandover &) const = default;
};

class PendingHandoverRepository
{
public:
    explicit PendingHandoverRepository(QSqlDatabase db);

    // Whether a console already planned the wave of version `modelId` (some of it waits, or
    // went to sales under it): every console adopting the version finds the same wave.
    bool waveScheduled(qint64 modelId) const;
    // Adds the leads not waiting already (another console may have scheduled the same wave).
    void schedule(const QList<PendingHandover> &wave);
    // All waiting, the next to go first (release time, then the higher score).
    QList<PendingHandover> all() const;
    // Those whose release time has come by `now`, the next to go first.
    QList<PendingHandover> due(qint64 now) const;
    std::optional<qint64> nextReleaseAt() const;
    void remove(qint64 leadId);

private:
    QList<PendingHandover> select(const QString &where, const QVariantMap &values) const;

    QSqlDatabase m_db;
};

} // namespace handoff
