#pragma once

// "Suggest from history" in the tuning workspace: runs the suggester on the workspace's
// snapshot (off the GUI thread), shows each suggested point value beside the current one
// with its evidence, the held-out AUC and the fields left out because they leak the answer
// (each can be used anyway), and applies one, the selected or all suggestions into the draft,
// each apply one undoable step. "Apply all" first lists every change it would make and asks
// (ApplySuggestionsDialog, window-modal and never blocking: it applies when accepted).

#include <QPointer>
#include <QWidget>

#include "queues/backgroundtask.h"
#include "scoring/suggester.h"
#include "ui/applysuggestionsdialog.h"

class QCheckBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace handoff {

class DraftDocument;
struct TuningData;

class SuggestionsPanel : public QWidget
{
    Q_OBJECT

public:
    SuggestionsPanel(DraftDocument *document, QWidget *parent = nullptr);
    ~SuggestionsPanel() override;

    // The snapshot to learn from; nullptr while it loads.
    void setData(const TuningData *data);
    void suggest();
    bool isRunning() const { return m_worker.isRunning(); }
    // Blocks until a fit in flight has finished (before the data it reads goes away).
    void waitForWorker();
    const SuggestionResult &result() const { return m_result; }

    void applySelected();
    // Opens the dialog listing the changes; Apply applies them all as one undo step.
    void applyAll();
    // The dialog "Apply all" opened, while it is open.
    ApplySuggestionsDialog *applyAllDialog() const { return m_applyAllDialog; }

    QTableWidget *table() const { return m_table; }
    QTableWidget *flaggedTable() const { return m_flagged; }
    QLabel *summary() const { return m_summary; }

signals:
    void finished();

private:
    void showResult();
    QStringList keptFields() const;
    void apply(const ScoringModel &changed, const QString &text);

    DraftDocument *m_document;
    const TuningData *m_data = nullptr;
    QDoubleSpinBox *m_holdout;
    QSpinBox *m_seed;
    QPushButton *m_run;
    QLabel *m_summary;
    QWidget *m_flaggedBox;
    QTableWidget *m_flagged;
    QLabel *m_leftOut;
    QTableWidget *m_table;
    QPushButton *m_applySelected;
    QPushButton *m_applyAll;
    QPointer<ApplySuggestionsDialog> m_applyAllDialog;
    // The fit in flight; it reads m_data, so the panel waits for it when it goes.
    background::Task m_worker;
    QString m_error;
    SuggestionResult m_result;
};

} // namespace handoff
