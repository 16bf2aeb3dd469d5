#include "queues/queuesortproxy.h"

#include <algorithm>

#include "queues/queuetablemodel.h"
#include "queues/rowruns.h"

namespace handoff {

namespace {
// Beyond this many rows arriving at once, a reset is cheaper than inserting one by one.
constexpr int MaxSingleInserts = 64;
} // namespace

QueueSortProxy::QueueSortProxy(QueueTableModel *source, QObject *parent)
    : QAbstractProxyModel(parent)
    , m_source(source)
{
    QAbstractProxyModel::setSourceModel(source);
    connect(source, &QAbstractItemModel::dataChanged, this, &QueueSortProxy::onDataChanged);
    connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid())
                    return;
                // Take the rows out while the source still has them.
                const int firstGone = first, lastGone = last;
                rowruns::removeFromBottom(
                    rowCount(),
                    [&](int row) {
                        const int s = m_proxyToSource[size_t(row)];
                        return s >= firstGone && s <= lastGone;
                    },
                    [&](int from, int to) {
                        beginRemoveRows({}, from, to);
                        m_proxyToSource.erase(m_proxyToSource.begin() + from,
                                              m_proxyToSource.begin() + to + 1);
                        reindex();
                        endRemoveRows();
                    });
            });
    connect(source, &QAbstractItemModel::rowsRemoved, this, &QueueSortProxy::onRowsRemoved);
    connect(source, &QAbstractItemModel::rowsInserted, this, &QueueSortProxy::onRowsInserted);
    connect(source, &QAbstractItemModel::modelReset, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(source, &QAbstractItemModel::layoutChanged, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(source, &QueueTableModel::batchEnded, this, &QueueSortProxy::onBatchEnded);
    rebuild();
}

bool QueueSortProxy::before(int a, int b) const
{
    if (m_column < 0)
        return a < b;
    return m_order == Qt::AscendingOrder ? m_source->lessThan(a, b, m_column)
                                         : m_source->lessThan(b, a, m_column);
}

bool QueueSortProxy::visible(int sourceRow) const
{
    return (!m_keep || m_keep(sourceRow)) &&
           (m_needle.isEmpty() || m_source->matches(sourceRow, m_needle));
}

void QueueSortProxy::setRowFilter(std::function<bool(int)> keep)
{
    m_keep = std::move(keep);
    rebuild();
}

void QueueSortProxy::reindex()
{
    m_sourceToProxy.assign(size_t(m_source->rowCount()), -1);
    for (size_t p = 0; p < m_proxyToSource.size(); ++p)
        m_sourceToProxy[size_t(m_proxyToSource[p])] = int(p);
}

void QueueSortProxy::resort()
{
    if (m_column >= 0) {
        m_source->prepareSort(m_column);
        std::vector<QueueTableModel::SortKey> keys;
        if (m_source->sortKeys(m_column, keys)) {
            // Sorted as records of key and row side by side: comparing rows through the keys
            // missed the cache at every step (174 ms for 644,757 leads by score, on the GUI
            // thread as a million-lead console starts).
            struct Keyed
            {
                QueueTableModel::SortKey key;
                int row;
            };
            std::vector<Keyed> keyed;
            keyed.reserve(m_proxyToSource.size());
            for (int row : m_proxyToSource)
                keyed.push_back({keys[size_t(row)], row});
            keys = {};
            const bool ascending = m_order == Qt::AscendingOrder;
            std::sort(keyed.begin(), keyed.end(), [ascending](const Keyed &a, const Keyed &b) {
                return ascending ? a.key < b.key : b.key < a.key;
            });
            for (size_t i = 0; i < keyed.size(); ++i)
                m_proxyToSource[i] = keyed[i].row;
        } else {
            std::sort(m_proxyToSource.begin(), m_proxyToSource.end(),
                      [this](int a, int b) { return before(a, b); });
        }
    }
    reindex();
}

void QueueSortProxy::rebuild()
{
    m_pending.clear();
    m_proxyToSource.clear();
    const int rows = m_source->rowCount();
    m_proxyToSource.reserve(size_t(rows));
    for (int s = 0; s < rows; ++s) {
        if (visible(s))
            m_proxyToSource.push_back(s);
    }
    resort();
}

template <typename Change> void QueueSortProxy::changeLayout(Change change)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    std::vector<std::pair<int, int>> sources; // source row, column
    sources.reserve(size_t(from.size()));
    for (const QModelIndex &index : from)
        sources.emplace_back(m_proxyToSource[size_t(index.row())], index.column());
    change();
    QModelIndexList to;
    to.reserve(from.size());
    for (const auto &[sourceRow, column] : sources) {
        const int row = m_sourceToProxy[size_t(sourceRow)];
        to.append(row >= 0 ? createIndex(row, column) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueueSortProxy::sort(int column, Qt::SortOrder order)
{
    // Kept in order as rows change: the same order again (a header's state restored, sorting
    // enabled) has nothing to do (at a million-lead start, a second sort of 643k rows).
    if (column == m_column && order == m_order)
        return;
    m_column = column;
    m_order = order;
    changeLayout([this] { resort(); });
}

void QueueSortProxy::setSearchText(const QString &text)
{
    const QString needle = text.trimmed().toCaseFolded();
    if (needle == m_needle)
        return;
    m_needle = needle;
    beginResetModel();
    rebuild();
    endResetModel();
}

void QueueSortProxy::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                   const QList<int> &roles)
{
    bool clockOnly = true;
    for (int c = topLeft.column(); c <= bottomRight.column(); ++c)
        clockOnly = clockOnly && m_source->isClockColumn(c);
    if (clockOnly) {
        // The clock ticked: no row moves or hides; pass it on for the visible rows.
        if (rowCount() > 0)
            emit dataChanged(index(0, topLeft.column()),
                             index(rowCount() - 1, bottomRight.column()), roles);
        return;
    }
    std::vector<int> rows;
    for (int s = topLeft.row(); s <= bottomRight.row(); ++s)
        rows.push_back(s);
    if (m_source->inBatch()) {
        m_pending.insert(m_pending.end(), rows.begin(), rows.end());
        return;
    }
    applyChanges(std::move(rows));
}

void QueueSortProxy::onBatchEnded()
{
    std::vector<int> rows;
    rows.swap(m_pending);
    if (!rows.empty())
        applyChanges(std::move(rows));
}

void QueueSortProxy::applyChanges(std::vector<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<int> moved; // visible before and after: re-sorted together
    std::vector<int> shown; // newly matching the search
    for (int s : rows) {
        const bool was = m_sourceToProxy[size_t(s)] >= 0;
        const bool now = visible(s);
        if (was && now)
            moved.push_back(s);
        else if (!was && now)
            shown.push_back(s);
        else if (was && !now) {
            const int p = m_sourceToProxy[size_t(s)];
            beginRemoveRows({}, p, p);
            m_proxyToSource.erase(m_proxyToSource.begin() + p);
            reindex();
            endRemoveRows();
        }
    }
    if (!moved.empty() && m_column >= 0) {
        // Take the changed rows out, sort them, merge them back: one linear pass.
        std::vector<char> isMoved(size_t(m_source->rowCount()), 0);
        for (int s : moved)
            isMoved[size_t(s)] = 1;
        std::vector<int> rest;
        rest.reserve(m_proxyToSource.size());
        for (int s : m_proxyToSource) {
            if (!isMoved[size_t(s)])
                rest.push_back(s);
        }
        std::sort(moved.begin(), moved.end(), [this](int a, int b) { return before(a, b); });
        std::vector<int> merged(m_proxyToSource.size());
        std::merge(rest.begin(), rest.end(), moved.begin(), moved.end(), merged.begin(),
                   [this](int a, int b) { return before(a, b); });
        if (merged != m_proxyToSource)
            changeLayout([&] {
                m_proxyToSource.swap(merged);
                reindex();
            });
    }
    if (!moved.empty()) {
        int low = rowCount(), high = -1;
        for (int s : moved) {
            low = std::min(low, m_sourceToProxy[size_t(s)]);
            high = std::max(high, m_sourceToProxy[size_t(s)]);
        }
        emit dataChanged(index(low, 0), index(high, columnCount() - 1));
    }
    if (int(shown.size()) > MaxSingleInserts) {
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    for (int s : shown) {
        insertSorted(s);
    }
}

void QueueSortProxy::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (int &s : m_proxyToSource) {
        if (s > last)
            s -= count;
    }
    std::erase_if(m_pending, [&](int s) { return s >= first && s <= last; });
    for (int &s : m_pending)
        s = s > last ? s - count : s;
    reindex();
}

void QueueSortProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (int &s : m_proxyToSource) {
        if (s >= first)
            s += count;
    }
    for (int &s : m_pending)
        s = s >= first ? s + count : s;
    reindex();
    if (m_source->inBatch()) {
        // Rows that changed in this batch are not in their places yet: place the new ones
        // together with them when the batch ends.
        for (int s = first; s <= last; ++s)
            m_pending.push_back(s);
        return;
    }
    std::vector<int> arrivals;
    for (int s = first; s <= last; ++s) {
        if (visible(s))
            arrivals.push_back(s);
    }
    if (int(arrivals.size()) > MaxSingleInserts) {
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    for (int s : arrivals) {
        insertSorted(s);
    }
}

void QueueSortProxy::insertSorted(int sourceRow)
{
    const auto at = std::upper_bound(m_proxyToSource.begin(), m_proxyToSource.end(), sourceRow,
                                     [this](int a, int b) { return before(a, b); });
    const int p = int(at - m_proxyToSource.begin());
    beginInsertRows({}, p, p);
    m_proxyToSource.insert(at, sourceRow);
    reindex();
    endInsertRows();
}

QModelIndex QueueSortProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex QueueSortProxy::parent(const QModelIndex &) const
{
    return {};
}

int QueueSortProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_proxyToSource.size());
}

int QueueSortProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_source->columnCount();
}

QModelIndex QueueSortProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || size_t(proxyIndex.row()) >= m_proxyToSource.size())
        return {};
    return m_source->index(m_proxyToSource[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex QueueSortProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || size_t(sourceIndex.row()) >= m_sourceToProxy.size())
        return {};
    const int row = m_sourceToProxy[size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

QVariant QueueSortProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal)
        return m_source->headerData(section, orientation, role);
    return QAbstractProxyModel::headerData(section, orientation, role);
}

} // namespace handoff
