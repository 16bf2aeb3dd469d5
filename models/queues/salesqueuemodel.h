#pragma once

// The sales view as a table: open handoffs, hand-raisers (intent) and leads that crossed
// the MQL threshold, with the time they have waited, what they asked for, fit grade, score
// and who claimed them. Its natural order (the Waiting column) is unclaimed first, then
// hand-raisers before MQLs, then oldest first. sync() reports exactly which rows came, went
// or changed, so views keep their selection and scroll position.

#include "leadqueues.h"
#include "queuetablemodel.h"

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

    const ScoringEngine &m_engine;
    QList<Row> m_rows;
    qint64 m_now = 0;
};
