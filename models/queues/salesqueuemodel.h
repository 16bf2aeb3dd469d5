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
#include "store/businesscalendar.h"

namespace handoff {

class ScoringEngine;

// How a lead's speed-to-lead clock stands against the agreed SLA (the Waiting column's
// SlaStateRole); ui decides how each looks. A batch handoff runs no clock: neither good nor
// bad.
enum class SlaState { OnTime, DueSoon, Late, Batch };

class SalesQueueModel : public LeadQueueModel
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
    enum Role {
        LeadIdRole = Qt::UserRole,
        HandoffIdRole,
        RaisedAtRole,
        ClaimedByRole,
        SlaStateRole // a SlaState, as an int
    };

    explicit SalesQueueModel(const ScoringEngine &engine, QObject *parent = nullptr);

    // Makes the table hold exactly the open handoffs the sales view shows (queues::salesRow;
    // matched by handoff id); `changedRows` are engine rows whose lead changed (name, title,
    // score), shown again.
    void sync(const QList<Handoff> &open, const std::vector<int> &changedRows = {});
    // What sync() makes of the handoffs named and of those whose lead is at `changedRows`,
    // every other row left as it is: a push changes a few of a thousand open handoffs.
    void syncSome(const QList<Handoff> &open, const QSet<qint64> &handoffIds,
                  const std::vector<int> &changedRows);
    // The speed-to-lead clock: repaints the Waiting column only.
    void setNow(qint64 now);
    // The agreed speed-to-lead SLA the SLA state, tooltip and legend measure against.
    void setSlaMinutes(int minutes);
    int slaMinutes() const { return m_slaMinutes; }
    // The team's working time, which the clocks count in when it says so.
    void setCalendar(const BusinessCalendar &calendar);
    const BusinessCalendar &calendar() const { return m_calendar; }
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

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool lessThan(int a, int b, int column) const override;
    bool isClockColumn(int column) const override { return column == Waiting; }

protected:
    int queueLength() const override { return int(m_rows.size()); }
    int engineRow(int row) const override;
    QString columnTitle(int column) const override;

private:
    struct Row
    {
        IntentQueueEntry entry;
        double score = 0; // as last shown, to notice a change
    };

    // sync() of the handoffs, open or shown, for which concerns(handoff) holds.
    template <typename Concerns>
    void syncWhere(const QList<Handoff> &open, const std::vector<int> &changedRows,
                   Concerns concerns);
    QString askedFor(const Handoff &h) const;
    SlaState slaState(const Handoff &h, qint64 waited) const;
    // Mine first, then the unclaimed, then other reps' claims; hand-raisers first; a batch
    // (no clock, nothing due) after the leads whose clock runs; oldest first.
    auto order(const Handoff &h) const
    {
        const int group =
            h.claimedBy.isEmpty() ? 1 : (!m_me.isEmpty() && h.claimedBy == m_me ? 0 : 2);
        return std::tuple(group, h.trigger == Handoff::Trigger::Mql, h.slaExempt, h.raisedAt, h.id);
    }

    QList<Row> m_rows;
    qint64 m_now = 0;
    int m_slaMinutes = 5;
    BusinessCalendar m_calendar = BusinessCalendar::always();
    QString m_me;
};

} // namespace handoff
