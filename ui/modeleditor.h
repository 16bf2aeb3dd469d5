#pragma once

// The draft's settings as controls: MQL threshold (slider and spin box), decay half-life,
// points per activity type (a table, and a slider for the selected type), fit rules and
// disqualification rules (add, edit, remove). Every change goes through the DraftDocument,
// so it is undoable and the preview follows it at once.

#include <optional>

#include <QStringList>
#include <QWidget>

#include "scoring/activitycatalogue.h"
#include "scoring/rulelist.h"

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace handoff {

class ActivityWeightsModel;
class DraftDocument;
struct ScoringModel;

class ModelEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ModelEditor(DraftDocument *document, QWidget *parent = nullptr);

    void setCatalogue(const ActivityCatalogue &catalogue, const QStringList &customFields);
    void setLiveModel(const ScoringModel &live);
    // The fields at least one lead has a value for: a rule on any other field is marked
    // "no lead has this field". Until it is called, no rule is marked.
    void setFilledFields(const QStringList &fields);

    QSlider *thresholdSlider() const { return m_thresholdSlider; }
    QSlider *pointsSlider() const { return m_pointsSlider; }
    QTableView *weightsView() const { return m_weights; }
    QTableWidget *fitRulesTable() const { return m_fitRules; }
    QTableWidget *disqualificationsTable() const { return m_disqualifications; }

    // Asks for a new fit rule and adds it to the draft.
    void addFitRule();

private:
    // The rules of one kind (FitRule, DisqualificationRule): their table with its buttons,
    // and adding, editing and removing them.
    template <typename Rule> QWidget *buildRules(const QString &title);
    template <typename Rule> void addRule();
    template <typename Rule> void editRule();
    template <typename Rule> void removeRule();
    QTableWidget *rulesTable(RuleKind kind) const;
    void showDraft();
    void showSelectedWeight();
    QString selectedType() const;

    DraftDocument *m_document;
    ActivityWeightsModel *m_weightsModel;
    QStringList m_customFields;
    std::optional<QStringList> m_filledFields;
    QSlider *m_thresholdSlider;
    QDoubleSpinBox *m_threshold;
    QSpinBox *m_halfLife;
    QTableView *m_weights;
    QLabel *m_pointsLabel;
    QSlider *m_pointsSlider;
    QTableWidget *m_fitRules;
    QTableWidget *m_disqualifications;
};

} // namespace handoff
