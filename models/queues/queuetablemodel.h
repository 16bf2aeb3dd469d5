#pragma once

// What the queue models share with QueueSortProxy: typed comparison and search, so sorting
// a hundred thousand rows never goes through QVariant, and batches, so a refresh that
// changes a thousand rows is re-sorted once rather than a thousand times.

#include <utility>
#include <vector>

#include <QAbstractTableModel>

namespace handoff {

class ScoringEngine;

class QueueTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    // Whether source row a sorts before b by `column`, ascending.
    virtual bool lessThan(int a, int b, int column) const = 0;
    // Whether the row matches a search: `needle` is already case-folded and never empty.
    virtual bool matches(int row, const QString &needle) const = 0;
    // Called before a full sort by `column`: the place to build sort keys once.
    virtual void prepareSort(int column) { Q_UNUSED(column); }
    // For a numeric column, each row's key in the order lessThan() sorts them (ascending by
    // the pair), so a full sort of a million rows compares plain numbers in one array.
    // Returns false for a column without them (lessThan() decides).
    using SortKey = std::pair<double, qint64>;
    virtual bool sortKeys(int column, std::vector<SortKey> &keys) const
    {
        Q_UNUSED(column);
        Q_UNUSED(keys);
        return false;
    }
    // A column whose text changes with the clock alone (time waited): a change reported for
    // it moves no row and hides none.
    virtual bool isClockColumn(int column) const
    {
        Q_UNUSED(column);
        return false;
    }

    // The widest text the column may come to show (the header fits its width to it); empty
    // when what it shows now is a fair guide.
    virtual QString widestText(int column) const
    {
        Q_UNUSED(column);
        return {};
    }
    // What the colours mean, shown under the table; empty when nothing needs explaining.
    virtual QString legend() const { return {}; }

    // True between the start and the end of a sync(): dataChanged() then only collects.
    bool inBatch() const { return m_inBatch; }

signals:
    void batchEnded();
    void legendChanged();

protected:
    void beginBatch() { m_inBatch = true; }
    void endBatch()
    {
        m_inBatch = false;
        emit batchEnded();
    }

private:
    bool m_inBatch = false;
};

// What the two lead queues (sales and interest) share: rows that are the engine's leads, a
// fixed set of titled columns, and search over the lead's name, company, title and e-mail.
class LeadQueueModel : public QueueTableModel
{
    Q_OBJECT

public:
    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;
    bool matches(int row, const QString &needle) const final;

protected:
    LeadQueueModel(const ScoringEngine &engine, int columnCount, QObject *parent);

    // How many rows the queue holds.
    virtual int queueLength() const = 0;
    // The engine's row of the lead in model row `row`.
    virtual int engineRow(int row) const = 0;
    // The column's header text.
    virtual QString columnTitle(int column) const = 0;

    const ScoringEngine &m_engine;

private:
    int m_columnCount;
};

} // namespace handoff
