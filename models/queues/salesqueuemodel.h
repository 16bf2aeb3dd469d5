#pragma once

// The sales view as a table: open handoffs, hand-raisers (intent) and leads that crossed
// the MQL threshold, with the time they have waited (or, once reached, how fast they were
// contacted) against the agreed SLA, what they asked for, fit grade, score and who claimed
// them. Its natural order (the Waiting column) is the leads the person at the keyboard
// claimed ("mine") first, then the unclaimed, then other reps' claims; within each,
// hand-raisers before MQLs, a batch handed over outside the SLA last, then oldest first. sync()
// reports exactly which rows came, went or changed, so views keep their selection and scroll
// position.

#include "queues/leadqueues.h"
#include "queues/queuetablemodel.h"

namespace handoff {

class ScoringEngine;

class SalesQueueModel : public QueueTableModel
{
    Q_OBJECT

public:
    enum Column {
        Waiting,
        LeadName,
        Company,
        Title,
        AskedFor,
        Grade,
        Score,
        ClaimedBy,
        ColumnCount
    };
    enum Role { LeadIdRole = Qt::UserRole, HandoffIdRole, RaisedAtRole, ClaimedByRole };

    explicit SalesQueueModel(const ScoringEngine &engine, QObject *parent = nullptr);

    // Makes the table hold exactly these entries (matched by handoff id); `changedRows` are
    // engine rows whose lead changed (name, title, score), shown again.
    void sync(const QList<IntentQueueEntry> &entries, const std::vector<int> &changedRows = {});
    // The speed-to-lead clock: repaints the Waiting column only.
    void setNow(qint64 now);
    // The agreed speed-to-lead SLA the colours, tooltip and legend measure against.
    void setSlaMinutes(int minutes);
    int slaMinutes() const { return m_slaMinutes; }
    // Whose claims are "mine": sorted first, where the rep sees them.
    void setMe(const QString &name);
    // The lead this rep should work next: the oldest unclaimed hand-raiser, else the oldest
    // unclaimed MQL; `except` is skipped. 0 when none is unclaimed.
    qint64 nextToWork(qint64 except = 0) const;
    QString legend() const override;
    // What the Waiting column shows for a handoff made in a batch (sla_exempt), and why.
    static QString batchText();
    static QString batchToolTip(const Handoff &h);
    QString widestText(int column) const override;
    const IntentQueueEntry *entryAt(int row) const;
    std::optional<int> rowOfLead(qint64 leadId) const;
    int countOf(Handoff::Trigger trigger) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool lessThan(int a, int b, int column) const override;
    bool matches(int row, const QString &needle) const override;
    bool isClockColumn(int column) const override { return column == Waiting; }

private:
    struct Row
    {
        IntentQueueEntry entry;
        double score = 0; // as last shown, to notice a change
    };

    QString askedFor(const Handoff &h) const;
    // Mine first, then the unclaimed, then other reps' claims; hand-raisers first; a batch
    // (no clock, nothing due) after the leads whose clock runs; oldest first.
    auto order(const Handoff &h) const
    {
        const int group =
            h.claimedBy.isEmpty() ? 1 : (!m_me.isEmpty() && h.claimedBy == m_me ? 0 : 2);
        return std::tuple(group, h.trigger == Handoff::Trigger::Mql, h.slaExempt, h.raisedAt, h.id);
    }

    const ScoringEngine &m_engine;
    QList<Row> m_rows;
    qint64 m_now = 0;
    int m_slaMinutes = 5;
    QString m_me;
};

} // namespace handoff
