#include "queues/queuetablemodel.h"

#include "scoring/scoringengine.h"

namespace handoff {

LeadQueueModel::LeadQueueModel(const ScoringEngine &engine, int columnCount, QObject *parent)
    : QueueTableModel(parent)
    , m_engine(engine)
    , m_columnCount(columnCount)
{}

int LeadQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : queueLength();
}

int LeadQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

QVariant LeadQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QueueTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

bool LeadQueueModel::matches(int row, const QString &needle) const
{
    return m_engine.leads().matches(engineRow(row), needle);
}

} // namespace handoff
