#pragma once

// Sorting and filtering for a QueueTableModel, built for large queues. It keeps the visible
// source rows in sorted order and, when rows change, re-sorts only those (remove, sort the
// few, merge): a refresh touching a thousand rows of a hundred thousand costs one linear
// pass, not a thousand. Compares through the model's typed lessThan() and filters on its
// matches(). Selection and current index survive every change (persistent indexes).

#include <functional>
#include <vector>

#include <QAbstractProxyModel>

namespace handoff {

class QueueTableModel;

class QueueSortProxy : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit QueueSortProxy(QueueTableModel *source, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    // Shows only the source rows `keep` accepts, besides the search; none: every row.
    void setRowFilter(std::function<bool(int sourceRow)> keep);
    QString searchText() const { return m_needle; }
    int sortColumn() const { return m_column; }
    Qt::SortOrder sortOrder() const { return m_order; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    bool before(int a, int b) const;
    bool visible(int sourceRow) const;
    void rebuild();
    void resort();
    void reindex();
    void applyChanges(std::vector<int> rows);
    void insertSorted(int sourceRow);
    template <typename Change> void changeLayout(Change change);

    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onBatchEnded();

    QueueTableModel *m_source;
    std::vector<int> m_proxyToSource;
    std::vector<int> m_sourceToProxy; // -1 when filtered out
    std::vector<int> m_pending;       // source rows changed during a batch
    int m_column = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    QString m_needle;
    std::function<bool(int)> m_keep;
};

} // namespace handoff
