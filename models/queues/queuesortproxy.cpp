#include "queuesortproxy.h"

#include "queuetablemodel.h"

QueueSortProxy::QueueSortProxy(QueueTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setDynamicSortFilter(true);
}

void QueueSortProxy::setSearchText(const QString &text)
{
    const QString needle = text.trimmed().toCaseFolded();
    if (needle == m_needle)
        return;
    m_needle = needle;
    invalidateRowsFilter();
}

bool QueueSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return m_source->lessThan(left.row(), right.row(), left.column());
}

bool QueueSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    return m_needle.isEmpty() || m_source->matches(sourceRow, m_needle);
}
