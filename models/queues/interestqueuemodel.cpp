#include "interestqueuemodel.h"

#include "leadlookup.h"
#include "scoringengine.h"

InterestQueueModel::InterestQueueModel(const ScoringEngine &engine, const LeadLookup &leads,
                                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_leads(leads)
{}

void InterestQueueModel::setRows(std::vector<int> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

qint64 InterestQueueModel::leadIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_engine.leads().id(m_rows[size_t(row)]) : 0;
}

int InterestQueueModel::aboveThresholdCount() const
{
    const ScoreBoard &scores = m_engine.scores();
    const double threshold = scores.model().mqlThreshold;
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [&](int row) { return scores.score(row) >= threshold; }));
}

int InterestQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InterestQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InterestQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = m_rows[size_t(index.row())];
    const ScoreBoard &scores = m_engine.scores();
    switch (role) {
    case LeadIdRole:
        return m_engine.leads().id(row);
    case AboveThresholdRole:
        return scores.score(row) >= scores.model().mqlThreshold;
    case Qt::TextAlignmentRole:
        if (index.column() <= Engagement)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (Column(index.column())) {
        case Score:
            return scores.score(row);
        case Fit:
            return scores.fit(row);
        case Engagement:
            return scores.engagement(row);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Score:
        return QString::number(scores.score(row), 'f', 1);
    case Fit:
        return QString::number(scores.fit(row), 'f', 0);
    case Engagement:
        return QString::number(scores.engagement(row), 'f', 1);
    case Grade:
        return QString(scores.grade(row));
    case LeadName:
        return m_leads.lead(m_engine.leads().id(row)).displayName();
    case Company:
        return m_leads.lead(m_engine.leads().id(row)).company;
    case Title:
        return m_leads.lead(m_engine.leads().id(row)).title;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant InterestQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Score:
        return tr("Score");
    case Fit:
        return tr("Fit");
    case Engagement:
        return tr("Engagement");
    case Grade:
        return tr("Grade");
    case LeadName:
        return tr("Lead");
    case Company:
        return tr("Company");
    case Title:
        return tr("Title");
    case ColumnCount:
        break;
    }
    return {};
}
