#include "ui/modeleditor.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "scoring/activityweightsmodel.h"
#include "scoring/draftdocument.h"
#include "scoring/leadfields.h"
#include "ui/prompter.h"
#include "ui/rowselection.h"
#include "ui/statedelegate.h"

namespace handoff {

ModelEditor::ModelEditor(DraftDocument *document, Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_prompter(prompter)
    , m_weightsModel(new ActivityWeightsModel(document, this))
    , m_thresholdSlider(new QSlider(Qt::Horizontal, this))
    , m_threshold(new QDoubleSpinBox(this))
    , m_halfLife(new QSpinBox(this))
    , m_liveThreshold(new QLabel(this))
    , m_liveHalfLife(new QLabel(this))
    , m_weights(new QTableView(this))
    , m_pointsLabel(new QLabel(this))
    , m_pointsSlider(new QSlider(Qt::Horizontal, this))
    , m_fitRules(new QTableWidget(0, 2, this))
    , m_disqualifications(new QTableWidget(0, 2, this))
{
    m_thresholdSlider->setObjectName(QStringLiteral("thresholdSlider"));
    m_thresholdSlider->setRange(0, 200);
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    m_threshold->setRange(0, 1000);
    m_threshold->setDecimals(0);
    m_halfLife->setObjectName(QStringLiteral("halfLifeSpin"));
    m_halfLife->setRange(0, 730);
    m_halfLife->setSuffix(tr(" days"));
    m_halfLife->setSpecialValueText(tr("never fades"));
    // A new half-life re-reads every activity: wait for the whole number, not each keystroke.
    m_halfLife->setKeyboardTracking(false);

    m_liveThreshold->setObjectName(QStringLiteral("liveThreshold"));
    m_liveHalfLife->setObjectName(QStringLiteral("liveHalfLife"));
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_thresholdSlider, 1);
    thresholdRow->addWidget(m_threshold);
    thresholdRow->addWidget(m_liveThreshold);
    auto *halfLifeRow = new QHBoxLayout;
    halfLifeRow->addWidget(m_halfLife, 1);
    halfLifeRow->addWidget(m_liveHalfLife);
    auto *settings = new QFormLayout;
    settings->addRow(tr("MQL threshold:"), thresholdRow);
    auto *halfLifeLabel = new QLabel(tr("Engagement &half-life:"), this);
    halfLifeLabel->setBuddy(m_halfLife); // Alt+H, as when the spin box was the row's field
    settings->addRow(halfLifeLabel, halfLifeRow);

    m_weights->setObjectName(QStringLiteral("weightsView"));
    m_weights->setModel(m_weightsModel);
    m_weights->setItemDelegate(new StateDelegate(&StateDelegate::activityWeights, m_weights));
    m_weights->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_weights->setSelectionMode(QAbstractItemView::SingleSelection);
    m_weights->verticalHeader()->hide();
    m_weights->horizontalHeader()->setSectionResizeMode(ActivityWeightsModel::Activity,
                                                        QHeaderView::Stretch);
    m_pointsSlider->setObjectName(QStringLiteral("pointsSlider"));
    m_pointsSlider->setRange(-50, 100);
    auto *pointsRow = new QHBoxLayout;
    pointsRow->addWidget(m_pointsLabel);
    pointsRow->addWidget(m_pointsSlider, 1);
    auto *weightsBox = new QGroupBox(tr("Points per activity"), this);
    auto *weightsLayout = new QVBoxLayout(weightsBox);
    weightsLayout->addWidget(m_weights);
    weightsLayout->addLayout(pointsRow);

    m_fitRules->setObjectName(QStringLiteral("fitRules"));
    m_fitRules->setHorizontalHeaderLabels({tr("Fit rule"), tr("Points")});
    m_disqualifications->setObjectName(QStringLiteral("disqualifications"));
    m_disqualifications->setHorizontalHeaderLabels({tr("Disqualify when"), tr("Reason")});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addWidget(weightsBox, 3);
    layout->addWidget(buildRules<FitRule>(tr("Fit rules")), 2);
    layout->addWidget(buildRules<DisqualificationRule>(tr("Disqualification rules")), 1);

    // A drag is one undo step: values merge until the slider is let go.
    connect(m_thresholdSlider, &QSlider::valueChanged, this,
            [this](int value) { m_document->setMqlThreshold(value); });
    connect(m_thresholdSlider, &QSlider::sliderReleased, m_document, &DraftDocument::closeMerge);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this,
            [this](double value) { m_document->setMqlThreshold(value); });
    connect(m_threshold, &QDoubleSpinBox::editingFinished, m_document, &DraftDocument::closeMerge);
    connect(m_halfLife, &QSpinBox::valueChanged, this,
            [this](int days) { m_document->setHalfLifeDays(days); });
    connect(m_halfLife, &QSpinBox::editingFinished, m_document, &DraftDocument::closeMerge);
    connect(m_pointsSlider, &QSlider::valueChanged, this, [this](int points) {
        if (!selectedType().isEmpty())
            m_document->setActivityPoints(selectedType(), points);
    });
    connect(m_pointsSlider, &QSlider::sliderReleased, m_document, &DraftDocument::closeMerge);
    connect(m_weights->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_document->closeMerge();
        showSelectedWeight();
    });
    // Each step redraws the part it changed; a replaced draft redraws all of them.
    connect(m_document, &DraftDocument::thresholdChanged, this, &ModelEditor::showThreshold);
    connect(m_document, &DraftDocument::halfLifeChanged, this, &ModelEditor::showHalfLife);
    connect(m_document, &DraftDocument::weightChanged, this, [this](const QString &type) {
        if (type == selectedType())
            showSelectedWeight();
    });
    connect(m_document, &DraftDocument::rulesChanged, this, &ModelEditor::showRules);
    connect(m_document, &DraftDocument::replaced, this, &ModelEditor::showDraft);
    showDraft();
}

template <typename Rule> QWidget *ModelEditor::buildRules(const QString &title)
{
    QTableWidget *table = rulesTable(RuleList<Rule>::kind);
    connect(table, &QTableWidget::cellDoubleClicked, this, &ModelEditor::editRule<Rule>);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *box = new QGroupBox(title, this);
    auto *buttons = new QVBoxLayout;
    const auto button = [&](const QString &text, void (ModelEditor::*slot)()) {
        auto *b = new QPushButton(text, box);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
    };
    button(tr("Add…"), &ModelEditor::addRule<Rule>);
    button(tr("Edit…"), &ModelEditor::editRule<Rule>);
    button(tr("Remove"), &ModelEditor::removeRule<Rule>);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(box);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    return box;
}

void ModelEditor::setCatalogue(const ActivityCatalogue &catalogue, const QStringList &customFields)
{
    m_weightsModel->setCatalogue(catalogue);
    m_customFields = customFields;
    m_weights->resizeColumnsToContents();
    if (m_weightsModel->rowCount() > 0)
        rowselection::select(m_weights, 0);
}

void ModelEditor::setLiveModel(const ScoringModel &live)
{
    m_weightsModel->setLiveModel(live);
    m_live = std::pair(live.mqlThreshold, live.halfLifeDays);
    showThreshold();
    showHalfLife();
}

QString ModelEditor::liveThresholdText() const
{
    return m_liveThreshold->text();
}

QString ModelEditor::liveHalfLifeText() const
{
    return m_liveHalfLife->text();
}

namespace {
// "live: 65", in bold when the draft's value is another.
void showLive(QLabel *label, const QString &live, bool differs)
{
    label->setText(differs ? ModelEditor::tr("<b>live: %1</b>").arg(live)
                           : ModelEditor::tr("live: %1").arg(live));
    label->setToolTip(differs ? ModelEditor::tr("The draft differs from the live model here")
                              : QString());
}
} // namespace

QString ModelEditor::selectedType() const
{
    const QModelIndex current = m_weights->currentIndex();
    return current.isValid() ? m_weightsModel->typeCode(current.row()) : QString();
}

void ModelEditor::showSelectedWeight()
{
    const QString type = selectedType();
    const ActivityWeight *w = m_document->model().weightFor(type);
    const QSignalBlocker block(m_pointsSlider);
    m_pointsSlider->setEnabled(!type.isEmpty());
    m_pointsSlider->setValue(w ? qRound(w->points) : 0);
    m_pointsLabel->setText(type.isEmpty()
                               ? tr("Select an activity")
                               : tr("%1: %2 points")
                                     .arg(m_weightsModel
                                              ->data(m_weights->currentIndex().siblingAtColumn(
                                                  ActivityWeightsModel::Activity))
                                              .toString())
                                     .arg(w ? w->points : 0));
}

void ModelEditor::showDraft()
{
    showThreshold();
    showHalfLife();
    showSelectedWeight();
    showRules(RuleKind::Fit);
    showRules(RuleKind::Disqualification);
}

void ModelEditor::showThreshold()
{
    const double threshold = m_document->model().mqlThreshold;
    const QSignalBlocker a(m_thresholdSlider), b(m_threshold);
    m_thresholdSlider->setValue(qRound(threshold));
    m_threshold->setValue(threshold);
    if (m_live)
        showLive(m_liveThreshold, QLocale().toString(m_live->first), m_live->first != threshold);
}

void ModelEditor::showHalfLife()
{
    const double days = m_document->model().halfLifeDays;
    const QSignalBlocker block(m_halfLife);
    m_halfLife->setValue(qRound(days));
    if (m_live) {
        const int liveDays = qRound(m_live->second);
        const QString live = liveDays == 0   ? m_halfLife->specialValueText()
                             : liveDays == 1 ? tr("1 day")
                                             : tr("%1 days").arg(liveDays);
        showLive(m_liveHalfLife, live, m_live->second != days);
    }
}

void ModelEditor::showRules(RuleKind kind)
{
    const ScoringModel &model = m_document->model();
    QList<std::pair<Condition, QString>> rows;
    if (kind == RuleKind::Fit) {
        for (const FitRule &r : model.fitRules)
            rows.append({r.when, QString::number(r.points)});
    } else {
        for (const DisqualificationRule &r : model.disqualifications)
            rows.append({r.when, r.reason});
    }
    QTableWidget *table = rulesTable(kind);
    // A rule on a field no lead has can never match: said beside the rule, not hidden.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const int current = table->currentRow();
    table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const Condition &when = rows[i].first;
        auto *rule = new QTableWidgetItem(when.describe());
        if (m_filledFields && !m_filledFields->contains(when.field)) {
            rule->setText(tr("%1 — no lead has this field").arg(when.describe()));
            rule->setIcon(warning);
            rule->setToolTip(tr("No lead in this database has a value for %1, so this rule "
                                "never matches. Import the field, or test another one.")
                                 .arg(leadfields::label(when.field)));
        }
        table->setItem(i, 0, rule);
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    if (current >= 0 && current < table->rowCount())
        rowselection::select(table, current);
}

void ModelEditor::setFilledFields(const QStringList &fields)
{
    m_filledFields = fields;
    showRules(RuleKind::Fit);
    showRules(RuleKind::Disqualification);
}

QTableWidget *ModelEditor::rulesTable(RuleKind kind) const
{
    return kind == RuleKind::Fit ? m_fitRules : m_disqualifications;
}

void ModelEditor::addFitRule()
{
    addRule<FitRule>();
}

template <typename Rule> std::optional<Rule> ModelEditor::askRule(const Rule *current)
{
    if constexpr (std::is_same_v<Rule, FitRule>)
        return m_prompter.askFitRule(this, m_customFields, current);
    else
        return m_prompter.askDisqualification(this, m_customFields, current);
}

template <typename Rule> void ModelEditor::addRule()
{
    if (const auto rule = askRule<Rule>(nullptr))
        m_document->addRule(*rule);
}

template <typename Rule> void ModelEditor::editRule()
{
    const QList<Rule> &rules = m_document->model().*RuleList<Rule>::of;
    const int row = rulesTable(RuleList<Rule>::kind)->currentRow();
    if (row < 0 || row >= rules.size())
        return;
    const Rule current = rules[row];
    if (const auto rule = askRule<Rule>(&current))
        m_document->replaceRule(row, *rule);
}

template <typename Rule> void ModelEditor::removeRule()
{
    const int row = rulesTable(RuleList<Rule>::kind)->currentRow();
    if (row >= 0 && row < (m_document->model().*RuleList<Rule>::of).size())
        m_document->removeRule<Rule>(row);
}

template void ModelEditor::addRule<FitRule>();
template void ModelEditor::editRule<FitRule>();
template void ModelEditor::removeRule<FitRule>();
template void ModelEditor::addRule<DisqualificationRule>();
template void ModelEditor::editRule<DisqualificationRule>();
template void ModelEditor::removeRule<DisqualificationRule>();

} // namespace handoff
