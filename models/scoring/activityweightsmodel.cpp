#include "scoring/activityweightsmodel.h"

#include <cmath>

#include "scoring/draftdocument.h"

namespace handoff {

namespace {
QString kindLabel(ActivityKind kind)
{
    switch (kind) {
    case ActivityKind::Intent:
        return ActivityWeightsModel::tr("hand-raise");
    case ActivityKind::Interest:
        return ActivityWeightsModel::tr("engagement");
    case ActivityKind::Negative:
        return ActivityWeightsModel::tr("negative");
    }
    return {};
}
} // namespace

ActivityWeightsModel::ActivityWeightsModel(DraftDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    // Redraws what a step changed: one row for a weight, every row when the whole draft was
    // replaced.
    connect(document, &DraftDocument::weightChanged, this, &ActivityWeightsModel::weightChanged);
    connect(document, &DraftDocument::replaced, this, &ActivityWeightsModel::draftReplaced);
}

void ActivityWeightsModel::setCatalogue(const ActivityCatalogue &catalogue)
{
    beginResetModel();
    m_catalogue = catalogue;
    endResetModel();
}

void ActivityWeightsModel::setLiveModel(const ScoringModel &live)
{
    m_live = live;
    if (rowCount() > 0)
        emit dataChanged(index(0, LivePoints), index(rowCount() - 1, LivePoints));
}

QString ActivityWeightsModel::typeCode(int row) const
{
    return m_catalogue.type(row).code;
}

int ActivityWeightsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_catalogue.count();
}

int ActivityWeightsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityWeightsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const ActivityType &type = m_catalogue.type(index.row());
    if (role == TypeCodeRole)
        return type.code;
    const ActivityWeight *draft = m_document->model().weightFor(type.code);
    const ActivityWeight *live = m_live.weightFor(type.code);
    const bool fades = draft ? draft->decays : true;
    if (role == Qt::CheckStateRole && index.column() == Fades)
        return fades ? Qt::Checked : Qt::Unchecked;
    if (role == WeightChangeRole && index.column() == Points) {
        const double before = live ? live->points : 0;
        const double now = draft ? draft->points : 0;
        return int(now == before  ? WeightChange::Unchanged
                   : now > before ? WeightChange::Raised
                                  : WeightChange::Lowered);
    }
    if (role == Qt::TextAlignmentRole && index.column() >= LivePoints && index.column() <= Cap)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Activity:
        return type.label;
    case Kind:
        return kindLabel(type.kind);
    case LivePoints:
        return live ? live->points : 0.0;
    case Points:
        return draft ? draft->points : 0.0;
    case Cap:
        if (draft && draft->cap)
            return *draft->cap;
        return role == Qt::EditRole ? QVariant(0.0) : QVariant(tr("none"));
    default:
        return {};
    }
}

QVariant ActivityWeightsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Activity:
        return tr("Activity");
    case Kind:
        return tr("Kind");
    case LivePoints:
        return tr("Live");
    case Points:
        return tr("Draft points");
    case Cap:
        return tr("Cap");
    case Fades:
        return tr("Fades");
    default:
        return {};
    }
}

Qt::ItemFlags ActivityWeightsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Points || index.column() == Cap)
        f |= Qt::ItemIsEditable;
    if (index.column() == Fades)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool ActivityWeightsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid())
        return false;
    const QString code = typeCode(index.row());
    if (index.column() == Fades && role == Qt::CheckStateRole) {
        m_document->setActivityDecays(code, value.toInt() == Qt::Checked);
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !std::isfinite(number) || std::abs(number) > ScoringModel::MaxMagnitude)
        return false;
    if (index.column() != Points && index.column() != Cap)
        return false;
    // A typed value is a step of its own: it merges with no slider drag before or after.
    m_document->closeMerge();
    if (index.column() == Points)
        m_document->setActivityPoints(code, number);
    else // zero or less: no cap (a type whose total may not move would be weightless)
        m_document->setActivityCap(code, number > 0 ? std::optional<double>(number) : std::nullopt);
    m_document->closeMerge();
    return true;
}

void ActivityWeightsModel::weightChanged(const QString &type)
{
    if (const int row = m_catalogue.indexOfCode(type); row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ActivityWeightsModel::draftReplaced()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace handoff
