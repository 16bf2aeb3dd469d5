#pragma once

// The draft's settings as controls: MQL threshold (slider and spin box), decay half-life,
// points per activity type (a table, and a slider for the selected type), fit rules and
// disqualification rules (add, edit, remove). Every change goes through the DraftDocument,
// so it is undoable and the preview follows it at once.

#include <optional>
#include <utility>

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
class Prompter;
struct ScoringModel;

class ModelEditor : public QWidget
{
    Q_OBJECT

public:
    // Rules are asked of `prompter`, so tests answer them without a dialog.
    ModelEditor(DraftDocument *document, Prompter &prompter, QWidget *parent = nullptr);

    void setCatalogue(const ActivityCatalogue &catalogue, const QStringList &customFields);
    void setLiveModel(const ScoringModel &live);
    // What the live hints beside the threshold and the half-life say (for tests).
    QString liveThresholdText() const;
    QString liveHalfLifeText() const;
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
    // For either kind of rule (FitRule, DisqualificationRule): asks for a new one and adds
    // it, asks for the selected one changed, removes the selected one.
    template <typename Rule> void addRule();
    template <typename Rule> void editRule();
    template <typename Rule> void removeRule();

private:
    // The rules of one kind (FitRule, DisqualificationRule): their table with its buttons,
    // and adding, editing and removing them.
    template <typename Rule> QWidget *buildRules(const QString &title);
    // The rule the person enters (a new one, or `current` edited); nullopt: cancelled.
    template <typename Rule> std::optional<Rule> askRule(const Rule *current);
    QTableWidget *rulesTable(RuleKind kind) const;
    void showDraft(); // every part below
    void showThreshold();
    void showHalfLife();
    void showSelectedWeight();
    void showRules(RuleKind kind);
    QString selectedType() const;

    DraftDocument *m_document;
    Prompter &m_prompter;
    ActivityWeightsModel *m_weightsModel;
    QStringList m_customFields;
    std::optional<QStringList> m_filledFields;
    QSlider *m_thresholdSlider;
    QDoubleSpinBox *m_threshold;
    QSpinBox *m_halfLife;
    // The live model's threshold and half-life beside the draft's, as the weights' Live column
    // shows theirs: a draft begun under an older version may differ where nobody edited it.
    QLabel *m_liveThreshold;
    QLabel *m_liveHalfLife;
    std::optional<std::pair<double, double>> m_live; // threshold, half-life in days
    QTableView *m_weights;
    QLabel *m_pointsLabel;
    QSlider *m_pointsSlider;
    QTableWidget *m_fitRules;
    QTableWidget *m_disqualifications;
};

} // namespace handoff
