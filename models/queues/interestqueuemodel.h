#pragma once

// The interest (nurture) queue as a table: score, fit, engagement, the change over the
// recent window (7 days), the last activity and when, and the lead. Rows are the engine's
// lead rows in arrival order; QueueSortProxy orders them (by score, highest first, unless
// the user picks another column). sync() reports exactly which rows came, went or changed.

#include <vector>

#include <QHash>

#include "queues/queuetablemodel.h"
#include "store/handoffrepository.h"

namespace handoff {

class ScoringEngine;

class InterestQueueModel : public LeadQueueModel
{
    Q_OBJECT

public:
    enum Column {
        Score,
        Returned, // rejected by sales and recycled: when and why (beside the score it explains);
                  // or held back by a gradual handover: when it goes
        Fit,
        Engagement,
        Change,
        LastActivity,
        LeadName,
        Company,
        Title,
        ColumnCount
    };
    enum Role { LeadIdRole = Qt::UserRole, AboveThresholdRole, EngineRowRole, RejectedRole };

    explicit InterestQueueModel(const ScoringEngine &engine, QObject *parent = nullptr);

    // Makes the table hold exactly the engine rows flagged in `members`; `changed` lists
    // engine rows whose figures changed (a new activity, a new model).
    void sync(const std::vector<char> &members, const std::vector<int> &changed);
    // What sync() makes of these engine rows (each with whether it belongs), every other
    // row left as it is: a push changes a few of a million leads.
    void syncSome(const std::vector<std::pair<int, bool>> &membership,
                  const std::vector<int> &changed);
    // Every row's figures changed (the model or the clock moved).
    void refreshAll();
    // The engine's rows came to mean other leads (the engine was replaced); the queue is
    // emptied first.
    void forgetRows();
    void setNow(qint64 now) { m_now = now; }
    // Per lead, sales' latest rejection (leads whose latest verdict was one): shown in the
    // Returned column, so a lead above the threshold says why it is still here.
    void setRejections(const LatestRejections &rejections);
    const LatestRejections &rejections() const { return m_rejections; }
    // Per lead held back by a gradual handover, when it goes to sales: shown in the same
    // column ("waiting to be handed over at 14:00").
    void setHeld(const QHash<qint64, qint64> &releaseAt);
    static QString heldText(qint64 releaseAt, qint64 now);
    static QString releaseTimeText(qint64 releaseAt, qint64 now);
    bool isRejected(int row) const;
    int rejectedCount() const;
    int rejectedAboveThresholdCount() const;

    qint64 leadIdAt(int row) const;
    std::optional<int> rowOfLead(qint64 leadId) const;
    int aboveThresholdCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool lessThan(int a, int b, int column) const override;
    bool sortKeys(int column, std::vector<SortKey> &keys) const override;
    void prepareSort(int column) override;

protected:
    int queueLength() const override { return int(m_rows.size()); }
    int engineRow(int row) const override;
    QString columnTitle(int column) const override;

private:
    bool isTextColumn(int column) const { return column >= LeadName || column == Returned; }
    void updateSortKeys(const std::vector<int> &engineRows);
    double change(int engineRow) const;
    QString text(int engineRow, int column) const;
    // Room for every engine row, before sync() and syncSome() look rows up.
    void grow();
    // Both syncs' steps: the model rows `gone` (ascending) removed, the `changed` engine rows'
    // figures dropped and repainted, the engine rows `added` appended.
    void apply(const std::vector<int> &gone, const std::vector<int> &changed,
               const std::vector<int> &added);
    void removeModelRows(const std::vector<int> &sortedRows);
    void showChanged(const std::vector<int> &changed);
    void append(const std::vector<int> &engineRows);
    void emitChanged(std::vector<int> modelRows);
    // The rejected leads in the queue whose engine row passes `test`.
    template <typename Test> int rejectedInQueue(Test test) const;
    // A per-lead annotation (a rejection, a release time) replaced by `next`.
    template <typename Annotations>
    void replaceAnnotation(Annotations &current, const Annotations &next);

    std::vector<int> m_rows;                  // model row -> engine row
    std::vector<int> m_position;              // engine row -> model row, -1 when not in the queue
    mutable std::vector<float> m_changeCache; // by engine row; NaN until computed
    int m_keyColumn = -1;                     // the text column m_sortKeys hold
    std::vector<QString> m_sortKeys;          // by engine row, case-folded
    qint64 m_now = 0;
    LatestRejections m_rejections;
    QHash<qint64, qint64> m_held; // by lead id: release time
};

} // namespace handoff
