#include "ui/suggestionspanel.h"

#include <climits>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "scoring/draftdocument.h"
#include "scoring/tuningdata.h"
#include "store/error.h"
#include "ui/applysuggestionsdialog.h"

namespace handoff {

namespace {
enum Column { Suggestion_, Current, Suggested, With, Against, Note, Count };

QString baselineOf(const SuggestionResult &r, const QString &field)
{
    for (const FieldBaseline &b : r.baselines) {
        if (b.field == field)
            return b.label;
    }
    return {};
}

QString rate(int converted, int leads)
{
    return leads > 0 ? SuggestionsPanel::tr("%1 of %2 (%3%)")
                           .arg(converted)
                           .arg(leads)
                           .arg(100.0 * converted / leads, 0, 'f', 1)
                     : SuggestionsPanel::tr("none");
}
} // namespace

SuggestionsPanel::SuggestionsPanel(DraftDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_holdout(new QDoubleSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_run(new QPushButton(tr("&Suggest from history"), this))
    , m_summary(new QLabel(this))
    , m_flaggedBox(new QGroupBox(tr("Fields left out: they leak the answer (filled after sales "
                                    "contact)"),
                                 this))
    , m_flagged(new QTableWidget(0, 3, this))
    , m_leftOut(new QLabel(this))
    , m_table(new QTableWidget(0, Count, this))
    , m_applySelected(new QPushButton(tr("Apply &selected"), this))
    , m_applyAll(new QPushButton(tr("Apply &all"), this))
{
    m_holdout->setObjectName(QStringLiteral("holdoutSpin"));
    m_holdout->setRange(0.05, 0.9);
    m_holdout->setSingleStep(0.05);
    m_holdout->setValue(0.25);
    m_seed->setRange(1, 1'000'000);
    m_seed->setValue(1);
    m_run->setObjectName(QStringLiteral("suggestButton"));
    m_summary->setObjectName(QStringLiteral("suggestSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Fits conversion to SQL on the leads whose outcome is known, using "
                          "activity counts before the outcome and the lead fields."));
    m_leftOut->setObjectName(QStringLiteral("leftOutFields"));
    m_leftOut->setWordWrap(true);
    m_flagged->setObjectName(QStringLiteral("flaggedFields"));
    m_flagged->setHorizontalHeaderLabels({tr("Use anyway"), tr("Field"), tr("Why it is left out")});
    m_flagged->verticalHeader()->hide();
    m_flagged->horizontalHeader()->setStretchLastSection(true);
    m_table->setObjectName(QStringLiteral("suggestions"));
    m_table->setHorizontalHeaderLabels({tr("Suggestion"), tr("Now"), tr("Suggested"),
                                        tr("Converted with it"), tr("Compared with"), tr("Note")});
    m_table->horizontalHeaderItem(Against)->setToolTip(
        tr("An activity: the leads without it. A fit value: its field's baseline (the values "
           "not suggested), which its points are counted from."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Suggestion_, QHeaderView::Stretch);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Held out:"), this));
    controls->addWidget(m_holdout);
    controls->addWidget(new QLabel(tr("Seed:"), this));
    controls->addWidget(m_seed);
    controls->addWidget(m_run);
    controls->addStretch();
    auto *flaggedLayout = new QVBoxLayout(m_flaggedBox);
    flaggedLayout->addWidget(m_flagged);
    auto *apply = new QHBoxLayout;
    apply->addStretch();
    apply->addWidget(m_applySelected);
    apply->addWidget(m_applyAll);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_flaggedBox);
    layout->addWidget(m_leftOut);
    layout->addWidget(m_table, 1);
    layout->addLayout(apply);
    connect(m_run, &QPushButton::clicked, this, &SuggestionsPanel::suggest);
    connect(m_applySelected, &QPushButton::clicked, this, &SuggestionsPanel::applySelected);
    connect(m_applyAll, &QPushButton::clicked, this, &SuggestionsPanel::applyAll);
    setData(nullptr);
    showResult();
}

SuggestionsPanel::~SuggestionsPanel()
{
    waitForWorker();
}

void SuggestionsPanel::waitForWorker()
{
    m_worker.wait();
}

void SuggestionsPanel::setData(const TuningData *data)
{
    m_data = data;
    m_run->setEnabled(data && !m_worker.isRunning());
}

QStringList SuggestionsPanel::keptFields() const
{
    QStringList kept;
    for (int row = 0; row < m_flagged->rowCount(); ++row) {
        if (m_flagged->item(row, 0)->checkState() == Qt::Checked)
            kept << m_flagged->item(row, 0)->data(Qt::UserRole).toString();
    }
    return kept;
}

void SuggestionsPanel::suggest()
{
    if (!m_data || m_worker.isRunning())
        return;
    Suggester::Options options;
    options.holdoutFraction = m_holdout->value();
    options.seed = quint64(m_seed->value());
    options.includeFields = keptFields();
    const TuningData *data = m_data;
    const ScoringModel current = m_document->model();
    m_run->setEnabled(false);
    m_summary->setText(tr("Fitting on the history…"));
    // A bad_alloc in the fit, like a Error, comes back as a message: see background::run.
    m_worker = background::run(
        this,
        [data, current, options] {
            return Suggester::run(data->trainingSet(options.training), current, options);
        },
        [this](const background::Outcome<SuggestionResult> &outcome) {
            m_run->setEnabled(m_data != nullptr);
            m_error = outcome.error;
            m_result = outcome.value.value_or(SuggestionResult{});
            showResult();
            emit finished();
        });
}

void SuggestionsPanel::showResult()
{
    const SuggestionResult &r = m_result;
    if (!m_error.isEmpty())
        m_summary->setText(m_error);
    else if (r.trainLeads > 0)
        m_summary->setText(
            tr("Learnt from %1 leads with a known outcome (%2 became SQL); checked on %3 held "
               "out: ROC AUC %4 (%5 on the leads it learnt from). %6 points double the odds: %7")
                .arg(r.trainLeads)
                .arg(r.convertedLeads)
                .arg(r.holdoutLeads)
                .arg(r.holdoutAuc ? QString::number(*r.holdoutAuc, 'f', 3) : tr("n/a"))
                .arg(r.trainAuc, 0, 'f', 3)
                .arg(r.pointsToDoubleOdds, 0, 'f', 1)
                .arg(r.scaleBasis) +
            QStringLiteral(". ") +
            tr("A value needs %1 leads (%2% of them) to be suggested on its own; rarer ones are "
               "pooled. No suggestion gives or takes more than %3 points.")
                .arg(r.supportNeeded)
                .arg(r.supportShare * 100.0, 0, 'f', 1)
                .arg(r.maxPoints) +
            (r.undatedActivities > 0
                 ? QLatin1Char(' ') +
                       tr("%n activities learnt from have no date: the console's scores count "
                          "an undated activity of a fading type as nothing, so these points "
                          "score new, dated activities.",
                          nullptr, int(std::min<qint64>(r.undatedActivities, INT_MAX)))
                 : QString()));

    QStringList leftOutNames;
    QStringList leftOutReasons;
    for (const TrainingSet::LeftOutField &f : r.leftOut) {
        leftOutNames << f.label;
        leftOutReasons << tr("%1: %2").arg(f.label, f.reason);
    }
    m_leftOut->setText(leftOutNames.isEmpty() ? QString()
                                              : tr("Not learnt from (hover for why): %1")
                                                    .arg(leftOutNames.join(QStringLiteral(", "))));
    m_leftOut->setToolTip(leftOutReasons.join(QLatin1Char('\n')));
    m_leftOut->setVisible(!leftOutNames.isEmpty());

    const QStringList kept = keptFields();
    m_flagged->setRowCount(int(r.flagged.size()));
    for (int i = 0; i < r.flagged.size(); ++i) {
        const FlaggedField &f = r.flagged[i];
        auto *use = new QTableWidgetItem;
        use->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        use->setCheckState(f.kept || kept.contains(f.field) ? Qt::Checked : Qt::Unchecked);
        use->setData(Qt::UserRole, f.field);
        m_flagged->setItem(i, 0, use);
        m_flagged->setItem(i, 1, new QTableWidgetItem(f.label));
        m_flagged->setItem(i, 2, new QTableWidgetItem(f.reason));
    }
    m_flagged->resizeColumnToContents(1);
    // As tall as its rows, up to a few: the suggestions below need the room.
    const int height = m_flagged->horizontalHeader()->sizeHint().height() +
                       2 * m_flagged->frameWidth() +
                       m_flagged->rowCount() * m_flagged->verticalHeader()->defaultSectionSize();
    m_flagged->setFixedHeight(std::min(height, 130));
    m_flaggedBox->setVisible(!r.flagged.isEmpty());

    m_table->setRowCount(int(r.suggestions.size()));
    for (int i = 0; i < r.suggestions.size(); ++i) {
        const Suggestion &s = r.suggestions[i];
        const QStringList cells = {s.label,
                                   s.currentPoints ? QString::number(*s.currentPoints) : tr("—"),
                                   s.points > 0 ? QStringLiteral("+%1").arg(s.points)
                                                : QString::number(s.points),
                                   rate(s.evidence.convertedWith, s.evidence.leadsWith),
                                   rate(s.evidence.convertedWithout, s.evidence.leadsWithout),
                                   s.note};
        const QString against = s.kind == Suggestion::Kind::Activity
                                    ? tr("Leads without it")
                                    : tr("The baseline: %1").arg(baselineOf(r, s.when.field));
        for (int c = 0; c < Count; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c != Suggestion_ && c != Note)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == Against)
                item->setToolTip(against);
            if (c == Note || (c == Suggestion_ && !s.note.isEmpty()))
                item->setToolTip(s.note);
            if (c == Suggested && s.correction)
                item->setToolTip(tr("Against its own evidence: see the note"));
            m_table->setItem(i, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    // A long note must not push the figures out of view: it is cut, whole in its tooltip.
    m_table->setColumnWidth(Note, std::min(m_table->columnWidth(Note), 360));
    m_applySelected->setEnabled(!r.suggestions.isEmpty());
    m_applyAll->setEnabled(!r.suggestions.isEmpty());
}

void SuggestionsPanel::apply(const ScoringModel &changed, const QString &text)
{
    m_document->closeMerge();
    m_document->change(changed, text);
}

void SuggestionsPanel::applySelected()
{
    QList<Suggestion> chosen;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        chosen << m_result.suggestions[index.row()];
    if (chosen.isEmpty())
        return;
    apply(Suggester::applyEach(m_document->model(), chosen),
          chosen.size() == 1 ? tr("Apply suggestion: %1").arg(chosen.first().label)
                             : tr("Apply %n suggestion(s)", nullptr, int(chosen.size())));
}

void SuggestionsPanel::applyAll()
{
    if (m_result.suggestions.isEmpty() || m_applyAllDialog)
        return;
    const QList<Suggestion> suggestions = m_result.suggestions;
    m_applyAllDialog =
        new ApplySuggestionsDialog(SuggestionChanges::describe(m_document->model(), suggestions),
                                   int(suggestions.size()), this);
    m_applyAllDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_applyAllDialog, &QDialog::accepted, this, [this, suggestions] {
        apply(Suggester::applyAll(m_document->model(), suggestions),
              tr("Apply all %1 suggestions").arg(suggestions.size()));
    });
    m_applyAllDialog->open(); // window-modal: the draft cannot change under it
}

} // namespace handoff
