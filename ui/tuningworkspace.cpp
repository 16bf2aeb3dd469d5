#include "ui/tuningworkspace.h"

#include <QCloseEvent>
#include <QElapsedTimer>
#include <QLabel>
#include <QMap>
#include <QMenuBar>
#include <QProgressBar>
#include <QSet>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include "queues/console.h"
#include "queues/handoverpace.h"
#include "scoring/draftdocument.h"
#include "scoring/draftpreview.h"
#include "scoring/leadfields.h"
#include "scoring/modeldiff.h"
#include "scoring/modelversions.h"
#include "scoring/tuningdata.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "ui/appsettings.h"
#include "ui/backtestpanel.h"
#include "ui/modeleditor.h"
#include "ui/previewpanel.h"
#include "ui/prompter.h"
#include "ui/suggestionspanel.h"
#include "ui/versionspanel.h"
#include "ui/windowfit.h"

namespace handoff {

namespace {
// What a backtest hands back: the live model's figures, the candidate's, and the time taken.
struct BacktestRun
{
    BacktestFigures live;
    BacktestFigures candidate;
    qint64 elapsedMs = 0;
};
} // namespace

TuningWorkspace::TuningWorkspace(Console &console, Prompter &prompter, AppSettings *settings,
                                 QWidget *parent)
    : QMainWindow(parent)
    , m_console(console)
    , m_prompter(prompter)
    , m_settings(settings)
    , m_document(new DraftDocument(this))
    , m_editor(new ModelEditor(m_document, m_prompter, this))
    , m_previewPanel(new PreviewPanel(this))
    , m_backtestPanel(new BacktestPanel(this))
    , m_versions(new VersionsPanel(
          console.database(), prompter, [&console] { return console.now(); }, this))
    , m_suggestions(new SuggestionsPanel(m_document, this))
    , m_saveTimer(new QTimer(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("tuningWorkspace"));
    m_status->setObjectName(QStringLiteral("tuningStatus"));
    setWindowTitle(tr("Tune the scoring model — Handoff"));
    auto *tabs = m_tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("tuningTabs"));
    tabs->addTab(m_editor, tr("&Draft"));
    tabs->addTab(m_backtestPanel, tr("&Backtest"));
    tabs->addTab(m_suggestions, tr("&Suggestions"));
    tabs->addTab(m_versions, tr("&Versions"));
    m_split = new QSplitter(this);
    m_split->addWidget(tabs);
    m_split->addWidget(m_previewPanel);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    setCentralWidget(m_split);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(200);
    m_editor->setEnabled(false);

    // Saving waits for a pause so a dragged slider writes once.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(400);
    connect(m_saveTimer, &QTimer::timeout, this, &TuningWorkspace::saveDraft);
    connect(m_document, &DraftDocument::modelChanged, this, &TuningWorkspace::draftChanged);
    // Saved after every edit, the first one too: QUndoStack::push() runs the command before it
    // counts it, so the stack's count cannot tell an edit from opening a draft.
    connect(m_document, &DraftDocument::edited, m_saveTimer, qOverload<>(&QTimer::start));
    connect(m_backtestPanel, &BacktestPanel::runRequested, this, &TuningWorkspace::runBacktest);
    connect(m_versions, &VersionsPanel::draftOpened, this, &TuningWorkspace::openDraft);
    connect(m_versions, &VersionsPanel::reviewedProposalChanged, this,
            &TuningWorkspace::reviewProposal);
    connect(m_versions, &VersionsPanel::wentLive, this, [this] {
        m_console.poll(true); // the console rescores every lead and the queues follow
        adoptLiveModel();
    });
    connect(&m_console, &Console::modelChanged, this, &TuningWorkspace::adoptLiveModel);
    // Opened while the console still reads every lead: the workspace starts from them once read.
    connect(&m_console, &Console::loadProgress, m_progress, &QProgressBar::setValue);
    connect(&m_console, &Console::loaded, this, [this] {
        if (!m_data)
            startLoading();
    });
    connect(m_suggestions, &SuggestionsPanel::finished, this, &TuningWorkspace::adoptLiveModel);
    buildActions();
    m_versions->setProfile(console.profile());
    m_versions->setImpactText([this](qint64 id) { return goLiveImpact(id); });
    windowfit::open(this, {1280, 800}); // within the screen's available area
    if (m_settings) {
        if (restoreGeometry(m_settings->bytes(AppSettings::Key::TuningGeometry)))
            windowfit::keepOnScreen(this);
        m_split->restoreState(m_settings->bytes(AppSettings::Key::TuningSplitter));
        m_backtestPanel->setWindowWeeks(m_settings->number(AppSettings::Key::BacktestWeeks));
    }
    startLoading();
}

TuningWorkspace::~TuningWorkspace()
{
    m_loader.cancelAndWait();
    m_backtest.wait();
    m_suggestions->waitForWorker(); // it reads m_data, which goes before the panel does
}

void TuningWorkspace::buildActions()
{
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addRule = edit->addAction(tr("Add &fit rule…"), m_editor, &ModelEditor::addFitRule);
    addRule->setShortcut(Qt::CTRL | Qt::Key_R);
    QMenu *model = menuBar()->addMenu(tr("&Model"));
    QAction *propose =
        model->addAction(tr("&Propose my draft…"), m_versions, &VersionsPanel::proposeDraft);
    propose->setShortcut(Qt::CTRL | Qt::Key_P);
    QAction *backtest = model->addAction(tr("Run &backtest"), this, [this] {
        m_tabs->setCurrentWidget(m_backtestPanel); // where its figures will show
        runBacktest(m_backtestPanel->windowWeeks());
    });
    backtest->setShortcut(Qt::CTRL | Qt::Key_B);
    model->addSeparator();
    QAction *close = model->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QToolBar *bar = addToolBar(tr("Tuning"));
    bar->setObjectName(QStringLiteral("tuningToolbar"));
    bar->addActions({undo, redo});
    bar->addSeparator();
    bar->addActions({propose, backtest});
}

void TuningWorkspace::startLoading()
{
    if (m_console.isLoading()) {
        m_status->setText(tr("Waiting for the console to read every lead: the draft, its "
                             "preview and the backtest start from them…"));
        m_progress->show();
        return;
    }
    // Whatever still reads the old snapshot stops first (a backtest of it is not shown).
    m_loader.cancelAndWait();
    m_backtest.cancelAndWait();
    m_suggestions->waitForWorker();
    m_preview.reset();
    // The console's leads and scores, copied: the preview works at once; the history the
    // backtest and the suggestions need is read in the background.
    m_data = std::make_shared<TuningData>(m_console.engine(), m_console.countedUpToActivityId(),
                                          m_console.now());
    takeEngine();
    m_status->setText(tr("Reading outcomes and activity history for the backtest…"));
    m_progress->setValue(0);
    m_progress->show();
    const QString path = m_console.database().location();
    std::shared_ptr<const TuningData> data = m_data;
    background::Options options;
    options.progress = [this](int percent) { m_progress->setValue(percent); };
    m_loader = background::run(
        this,
        [path, data](const background::Control &control) {
            return std::make_shared<TuningData::History>(data->readHistory(
                path, [&control](int percent) { return control.keepGoing(percent); }));
        },
        [this](const background::Outcome<std::shared_ptr<TuningData::History>> &outcome) {
            takeHistory(outcome);
        },
        options);
}

void TuningWorkspace::takeEngine()
{
    const ScoringEngine &engine = m_data->engine;
    rebuildPreview();
    QStringList custom;
    QStringList filled;
    for (const QString &name : engine.leads().columnNames()) {
        if (leadfields::isCustom(name))
            custom << name;
        if (engine.leads().filledCount(name) > 0)
            filled << name;
    }
    m_editor->setCatalogue(engine.catalogue(), custom);
    m_editor->setFilledFields(filled);
    m_editor->setEnabled(true);
    m_backtestPanel->setReady(false);
    m_suggestions->setData(nullptr);
    if (m_document->versionId() == 0)
        openProfileDraft();
    else
        draftChanged(); // a reload keeps the draft and its undo history
    m_versions->reload();
}

void TuningWorkspace::takeHistory(
    const background::Outcome<std::shared_ptr<TuningData::History>> &outcome)
{
    m_progress->hide();
    if (!outcome.value || !*outcome.value) {
        m_status->setText(
            tr("The history could not be read, so the backtest cannot run: %1").arg(outcome.error));
        adoptLiveModel(); // a version taken live meanwhile is read again, with its history
        return;
    }
    // Nothing else reads the snapshot's history before this: the backtest and the
    // suggestions wait for it.
    m_data->take(std::move(**outcome.value));
    m_preview->setTimeline(&m_data->timeline); // a draft's own half-life can be previewed now
    m_backtestPanel->setReady(true);
    m_suggestions->setData(m_data.get());
    m_status->setText(tr("%1 leads, %2 activities")
                          .arg(m_data->engine.leads().size())
                          .arg(m_data->timeline.eventCount()));
    draftChanged();
    emit loaded();
    adoptLiveModel(); // a version that went live while the history was read
}

void TuningWorkspace::openProfileDraft()
{
    try {
        const ModelRecord draft =
            ModelVersions(m_console.database(), m_console.profile()).openDraft(m_console.now());
        openDraft(draft.id);
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
    }
}

void TuningWorkspace::setProfile(const Profile &profile)
{
    // Whoever sits at the console now signs and edits: their own draft, their own side. (The
    // previous person's draft was saved before the console changed hands: see saveDraft.)
    m_saveTimer->stop();
    m_versions->setProfile(profile);
    if (m_data)
        openProfileDraft();
}

void TuningWorkspace::openDraft(qint64 id)
{
    try {
        const ScoringModel model =
            ModelVersions(m_console.database(), m_console.profile()).definition(id);
        m_document->reset(model, id);
        m_versions->setDraftId(id);
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
    }
}

void TuningWorkspace::draftChanged()
{
    if (m_preview) {
        QElapsedTimer timer;
        timer.start();
        m_preview->setDraft(candidateModel());
        m_previewPanel->setSubject(candidateName(), m_reviewedId != 0);
        const PreviewFigures figures = m_preview->figures();
        m_previewPanel->showFigures(figures, *m_preview, m_data->engine.leads(),
                                    m_data->engine.scores(), double(timer.nsecsElapsed()) / 1e6);
    }
}

void TuningWorkspace::saveDraft()
{
    m_saveTimer->stop();
    if (m_document->versionId() == 0)
        return;
    try {
        ModelVersions(m_console.database(), m_console.profile())
            .saveDraft(m_document->versionId(), m_document->model());
        m_status->setText(tr("Draft version %1 saved").arg(m_document->versionId()));
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
    }
}

void TuningWorkspace::runBacktest(int windowWeeks)
{
    if (!isLoaded() || m_backtest.isRunning())
        return;
    BacktestOptions options;
    options.windowWeeks = windowWeeks;
    options.now = m_data->now;
    // The snapshot is only read while the work runs (nothing changes it meanwhile: see
    // adoptLiveModel), and shared so a reload cannot free it under the work; the draft goes
    // by copy.
    std::shared_ptr<const TuningData> data = m_data;
    const ScoringModel draft = candidateModel();
    const QString candidate = candidateName();
    m_backtestPanel->setReady(false);
    m_status->setText(tr("Backtesting the live model and %1…").arg(candidate));
    m_backtest = background::run(
        this,
        [data, draft, options] {
            QElapsedTimer timer;
            timer.start();
            const Backtest backtest(data->engine.leads(), data->engine.catalogue(), data->outcomes,
                                    data->timeline);
            BacktestRun run;
            run.live = backtest.run(data->engine.scores(), options);
            run.candidate = backtest.run(draft, data->engine.scores(), options);
            run.elapsedMs = timer.elapsed();
            return run;
        },
        [this, candidate](const background::Outcome<BacktestRun> &outcome) {
            m_backtestPanel->setReady(true);
            if (!outcome.value) {
                m_status->setText(outcome.error);
                emit backtestFinished();
                adoptLiveModel();
                return;
            }
            const BacktestFigures &live = outcome.value->live;
            const qint64 elapsed = outcome.value->elapsedMs;
            m_backtestPanel->showFigures(live, outcome.value->candidate, candidate);
            m_status->setText(
                live.hasUndated()
                    ? tr("Backtest of %1 replayed leads and %2 with undated "
                         "history in %3 ms")
                          .arg(live.leads)
                          .arg(live.undated.leads)
                          .arg(elapsed)
                    : tr("Backtest of %1 leads in %2 ms").arg(live.leads).arg(elapsed));
            emit backtestFinished();
            adoptLiveModel();
        });
}

void TuningWorkspace::adoptLiveModel()
{
    // Workers read the snapshot: it changes only once they are done (they call back here).
    if (!m_data || m_loader.isRunning() || m_backtest.isRunning() || m_suggestions->isRunning())
        return;
    ScoringModel live;
    std::optional<qint64> liveId;
    try {
        ModelVersions versions(m_console.database(), m_console.profile());
        liveId = versions.liveVersion();
        if (liveId == m_data->engine.liveModelId())
            return;
        live = versions.liveDefinition();
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
        return;
    }
    if (live.halfLifeDays != m_data->engine.index().halfLifeDays()) {
        // Another half-life means another index, which the console counts in the background:
        // its engine is copied again once it scores under that version (its modelChanged
        // brings us back here).
        if (m_console.engine().liveModelId() == liveId)
            startLoading();
        return;
    }
    try {
        m_data->engine.adoptLiveModel(m_console.database()); // same half-life: no rescan
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
        return;
    }
    rebuildPreview();
    followLiveIfUntouched();
    m_versions->reload();
    draftChanged();
}

void TuningWorkspace::followLiveIfUntouched()
{
    // A draft nobody edited, left on the version it was copied from, would preview (and could
    // propose) undoing what just went live: it starts again from the new live model instead.
    if (m_saveTimer->isActive() || !m_document->versionId())
        return; // an edit on its way to the database: the draft is the person's own
    try {
        ModelVersions versions(m_console.database(), m_console.profile());
        const ModelRecord draft = versions.find(m_document->versionId());
        const std::optional<qint64> live = versions.liveVersion();
        if (draft.status != ModelRecord::Status::Draft || !draft.basedOn || !live ||
            *draft.basedOn == *live)
            return;
        for (const ModelDiffRow &row : modeldiff::compare(versions.definition(*draft.basedOn),
                                                          versions.definition(draft.id), {})) {
            if (row.changed())
                return; // edited: the person's own work, kept as it is
        }
        openDraft(versions.draftFrom(*live, m_console.now()).id);
        showPreviewSubject(); // the draft previewed is the new one
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
    }
}

void TuningWorkspace::reviewProposal(qint64 id)
{
    m_reviewedId = 0;
    m_reviewed.reset();
    if (id != 0) {
        try {
            m_reviewed = std::make_unique<ScoringModel>(
                ModelVersions(m_console.database(), m_console.profile()).definition(id));
            m_reviewedId = id;
        } catch (const Error &e) {
            m_prompter.showError(this, e.message());
        }
    }
    draftChanged();
    showPreviewSubject();
}

void TuningWorkspace::showPreviewSubject()
{
    m_status->setText(m_reviewedId
                          ? tr("Previewing proposal %1; Ctrl+B backtests it").arg(m_reviewedId)
                          : tr("Previewing your draft, version %1").arg(m_document->versionId()));
}

VersionsPanel::Impact TuningWorkspace::goLiveImpact(qint64 id)
{
    if (!m_data)
        return {};
    const ScoringEngine &engine = m_data->engine;
    DraftPreview preview(engine.leads(), engine.index(), engine.catalogue(), engine.scores());
    try {
        preview.setDraft(ModelVersions(m_console.database(), m_console.profile()).definition(id));
    } catch (const Error &) {
        return {};
    }
    const PreviewFigures figures = preview.figures();
    // Those already with sales stay where they are; the others are handed over at once.
    const QList<Handoff> &open = m_console.openHandoffs(); // as of the console's last refresh
    QSet<qint64> withSales;
    QMap<QString, int> claims;
    for (const Handoff &h : open) {
        withSales.insert(h.leadId);
        if (!h.claimedBy.isEmpty())
            ++claims[h.claimedBy];
    }
    int handed = 0;
    for (int row : figures.entering)
        handed += withSales.contains(engine.leads().id(row)) ? 0 : 1;
    QString text = tr("%n lead(s) will be handed to sales at once, their speed-to-lead clocks "
                      "all starting now.",
                      nullptr, handed) +
                   QLatin1Char(' ') +
                   tr("%n lead(s) will leave the MQL set.", nullptr, int(figures.leaving.size()));
    QStringList reps;
    for (const Profile &p : m_console.profiles()) {
        if (p.role != Profile::Role::Marketing)
            reps << tr("%1 (%2 open)").arg(p.name).arg(claims.value(p.name));
    }
    if (!reps.isEmpty() && handed > 0)
        text += QLatin1Char('\n') +
                tr("%n sales rep(s) to take them, about %1 each: %2", nullptr, int(reps.size()))
                    .arg((handed + int(reps.size()) - 1) / int(reps.size()))
                    .arg(reps.join(QStringLiteral(", ")));
    // The gradual choice's pace: what the reps can call within the SLA an hour.
    const int perHour = handoverpace::suggestedPerHour(int(reps.size()));
    if (handed > 0)
        text += QLatin1Char('\n') + tr("Gradually, %1 an hour, best first: %2.")
                                        .arg(perHour)
                                        .arg(handoverpace::spanText(handed, perHour));
    return {text, handed, perHour};
}

const ScoringModel &TuningWorkspace::candidateModel() const
{
    return m_reviewed ? *m_reviewed : m_document->model();
}

QString TuningWorkspace::candidateName() const
{
    return m_reviewedId ? tr("Proposal %1").arg(m_reviewedId) : tr("Draft");
}

void TuningWorkspace::rebuildPreview()
{
    // The preview holds references into the engine's live board, which a model change replaces.
    const ScoringEngine &engine = m_data->engine;
    m_preview = std::make_unique<DraftPreview>(engine.leads(), engine.index(), engine.catalogue(),
                                               engine.scores());
    if (m_data->hasHistory)
        m_preview->setTimeline(&m_data->timeline);
    m_editor->setLiveModel(engine.scores().model());
}

void TuningWorkspace::closeEvent(QCloseEvent *event)
{
    if (m_saveTimer->isActive())
        saveDraft();
    if (m_settings) {
        m_settings->setValue(AppSettings::Key::TuningGeometry, saveGeometry());
        m_settings->setValue(AppSettings::Key::TuningSplitter, m_split->saveState());
        m_settings->setValue(AppSettings::Key::BacktestWeeks, m_backtestPanel->windowWeeks());
    }
    event->accept();
}

} // namespace handoff
