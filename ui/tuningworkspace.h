#pragma once

// The window where marketing and sales tune the scoring model together: the draft's editor,
// its preview beside the live model, the backtest on past leads and the versions with their
// sign-offs. It works on its own snapshot of the leads (TuningData: a copy of the console's
// engine, then the history read off the GUI thread with progress and cancel), saves the draft as it
// changes, and tells the console when a version goes live.

#include <memory>

#include <QMainWindow>

#include "queues/backgroundtask.h"
#include "scoring/scoringmodel.h"
#include "scoring/tuningdata.h"
#include "ui/versionspanel.h" // its Impact, which goLiveImpact answers with

class QSplitter;
class QLabel;
class QProgressBar;
class QTabWidget;
class QTimer;

namespace handoff {

class AppSettings;
class BacktestPanel;
class Console;
class DraftDocument;
class DraftPreview;
class ModelEditor;
class PreviewPanel;
class Prompter;
struct Profile;
class SuggestionsPanel;

class TuningWorkspace : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` (may be null) remembers the window's size, layout and backtest window.
    TuningWorkspace(Console &console, Prompter &prompter, AppSettings *settings = nullptr,
                    QWidget *parent = nullptr);
    ~TuningWorkspace() override;

    // The leads are copied from the console when the window opens, so the preview works at
    // once; loaded means the history the backtest and the suggestions need is read too.
    bool isLoaded() const { return m_data && m_data->hasHistory; }
    DraftDocument *document() const { return m_document; }
    ModelEditor *editor() const { return m_editor; }
    PreviewPanel *previewPanel() const { return m_previewPanel; }
    BacktestPanel *backtestPanel() const { return m_backtestPanel; }
    VersionsPanel *versionsPanel() const { return m_versions; }
    SuggestionsPanel *suggestionsPanel() const { return m_suggestions; }
    const DraftPreview *preview() const { return m_preview.get(); }
    // Writes the draft now rather than after the short pause edits wait for.
    void saveDraft();
    void runBacktest(int windowWeeks);
    // The console's user changed: the versions act as them and their draft opens.
    void setProfile(const Profile &profile);

signals:
    void loaded();
    void backtestFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void startLoading();
    void takeEngine();
    void takeHistory(const background::Outcome<std::shared_ptr<TuningData::History>> &outcome);
    void openDraft(qint64 id);
    void openProfileDraft();
    void rebuildPreview();
    void draftChanged();
    void adoptLiveModel();
    void followLiveIfUntouched();
    // What the preview shows, in the status bar: the proposal reviewed, or the draft.
    void showPreviewSubject();
    // The selection in the versions moved to a proposal to sign (or away, 0): the preview and
    // the backtest show that proposal, not the signer's own draft.
    void reviewProposal(qint64 id);
    const ScoringModel &candidateModel() const;
    // What taking version `id` live would do to the queues, for the confirmation.
    VersionsPanel::Impact goLiveImpact(qint64 id);
    QString candidateName() const;

    Console &m_console;
    Prompter &m_prompter;
    AppSettings *m_settings;
    QSplitter *m_split = nullptr;
    QTabWidget *m_tabs = nullptr;
    DraftDocument *m_document;
    ModelEditor *m_editor;
    PreviewPanel *m_previewPanel;
    BacktestPanel *m_backtestPanel;
    VersionsPanel *m_versions;
    SuggestionsPanel *m_suggestions;
    QTimer *m_saveTimer;
    QLabel *m_status;
    QProgressBar *m_progress;

    std::shared_ptr<TuningData> m_data;
    std::unique_ptr<DraftPreview> m_preview;
    qint64 m_reviewedId = 0; // the proposal under review, 0 for the draft
    std::unique_ptr<ScoringModel> m_reviewed;
    // The load in flight (cancelled when the window goes) and the backtest (a few seconds at
    // a million leads). Declared after m_data, which the backtest reads: they go first.
    background::Task m_loader;
    background::Task m_backtest;
};

} // namespace handoff
