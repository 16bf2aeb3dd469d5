#include "intentqueuemodel.h"

#include <QBrush>
#include <QColor>

#include "leadlookup.h"
#include "scoringengine.h"
#include "speedtolead.h"

namespace {

QColor waitingColor(qint64 seconds)
{
    switch (speedtolead::band(seconds)) {
    case speedtolead::Band::Fast:
        return QColor(0x2e, 0x7d, 0x32);
    case speedtolead::Band::Slow:
        return QColor(0xb2, 0x6a, 0x00);
    case speedtolead::Band::Late:
        break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace

IntentQueueModel::IntentQueueModel(const ScoringEngine &engine, const LeadLookup &leads,
                                   QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_leads(leads)
{}

void IntentQueueModel::setEntries(const QList<IntentQueueEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void IntentQueueModel::setNow(qint64 now)
{
    m_now = now;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, Waiting), index(rowCount() - 1, Waiting));
}

qint64 IntentQueueModel::leadIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_entries[row].handoff.leadId : 0;
}

int IntentQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int IntentQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IntentQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IntentQueueEntry &e = m_entries[index.row()];
    const qint64 waited = m_now - e.handoff.raisedAt;
    if (role == LeadIdRole)
        return e.handoff.leadId;
    if (role == RaisedAtRole)
        return e.handoff.raisedAt;
    if (role == Qt::ForegroundRole && index.column() == Waiting)
        return QBrush(waitingColor(waited));
    if (role == Qt::TextAlignmentRole && (index.column() == Score || index.column() == Waiting))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const Lead &lead = m_leads.lead(e.handoff.leadId);
    switch (Column(index.column())) {
    case Waiting:
        return speedtolead::waitedText(waited);
    case LeadName:
        return lead.displayName();
    case Company:
        return lead.company;
    case Title:
        return lead.title;
    case AskedFor: {
        const int t =
            e.handoff.requestTypeId ? m_engine.catalogue().indexOfId(*e.handoff.requestTypeId) : -1;
        return t >= 0 ? m_engine.catalogue().type(t).label : QString();
    }
    case Grade:
        return QString(m_engine.scores().grade(e.row));
    case Score:
        return QString::number(m_engine.scores().score(e.row), 'f', 1);
    case ClaimedBy:
        return e.handoff.claimedBy.isEmpty() ? tr("unclaimed") : e.handoff.claimedBy;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant IntentQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Waiting:
        return tr("Waiting");
    case LeadName:
        return tr("Lead");
    case Company:
        return tr("Company");
    case Title:
        return tr("Title");
    case AskedFor:
        return tr("Asked for");
    case Grade:
        return tr("Fit");
    case Score:
        return tr("Score");
    case ClaimedBy:
        return tr("Claimed by");
    case ColumnCount:
        break;
    }
    return {};
}
