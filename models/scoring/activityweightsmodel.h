#pragma once

// The draft's points per activity type as an editable table: one row per type in the
// catalogue, with the live model's points beside the draft's. Edits go to the DraftDocument,
// so each one is an undoable step.

#include <QAbstractTableModel>

#include "scoring/activitycatalogue.h"
#include "scoring/scoringmodel.h"

namespace handoff {

class DraftDocument;

// Which way the draft moved a type's points from the live model's (WeightChangeRole); ui
// decides how each looks.
enum class WeightChange { Unchanged, Raised, Lowered };

class ActivityWeightsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Activity, Kind, LivePoints, Points, Cap, Fades, ColumnCount };
    enum Role {
        TypeCodeRole = Qt::UserRole + 1,
        WeightChangeRole // the Points column's WeightChange, as an int
    };

    ActivityWeightsModel(DraftDocument *document, QObject *parent = nullptr);

    void setCatalogue(const ActivityCatalogue &catalogue);
    void setLiveModel(const ScoringModel &live);
    QString typeCode(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    void weightChanged(const QString &type);
    void draftReplaced();

    DraftDocument *m_document;
    ActivityCatalogue m_catalogue;
    ScoringModel m_live;
};

} // namespace handoff
