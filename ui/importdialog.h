#pragma once

// File > Import: shows how the file's columns will be read (and lets the user change it),
// a preview of the first rows, optionally an activities file to import with the leads (with
// the columns it is read by and its own preview), a dry run's summary with every rejected row
// (file, line, column, value, reason) and the problem cells marked in the previews, then
// imports the good rows or nothing, on a worker thread with progress, rows per second, time
// left and cancel.

#include <atomic>
#include <memory>

#include <QDialog>

#include "io/columnmapping.h"
#include "io/leadimporter.h"
#include "queues/backgroundtask.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace handoff {

class Prompter;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(QString databasePath, QString leadsFile, QString actor, Prompter &prompter,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    // Throws Error when the file cannot be read at all.
    void load();
    // An activities file to import with the leads: false, and none, when it cannot be used;
    // the dialog says why (an expected outcome, so not thrown). "Choose…" comes here.
    bool setActivitiesFile(const QString &path);
    void removeActivitiesFile();
    QString activitiesFile() const { return m_activitiesFile; }
    ColumnMapping mapping() const;
    QString summaryText() const;
    QString resultText() const;

    // While an import runs, closing asks it to stop and closes once it has.
    void reject() override;

signals:
    void imported(qint64 batchId);

private:
    void buildMappingTable();
    void chooseActivitiesFile();
    void showActivities(const LeadImporter::ActivitiesPreview &preview);
    // The activities part of the splitter: one line and a note without a file, room to
    // preview it with one.
    void fitActivitiesSection();
    // Marks the cells of `table` that `problems` of `file` name, and clears older marks.
    void markCells(QTableWidget *table, const QString &file, const QStringList &header,
                   const QList<qint64> &lines, const QList<ImportProblem> &problems);
    void check();
    void runImport();
    void start(bool dryRun);
    void finish(const ImportSummary &summary);
    void fail(const QString &message);
    void markProblems(const ImportSummary &summary);
    void setBusy(bool busy);

    QString m_databasePath;
    QString m_leadsFile;
    QString m_actor;
    Prompter &m_prompter;
    QString m_activitiesFile;
    QStringList m_activitiesHeader;
    QList<qint64> m_activitiesLines; // the file line of each activities preview row
    QStringList m_header;
    ColumnMapping m_guess;
    QList<ColumnTarget> m_choices;
    QList<qint64> m_previewLines; // the file line of each preview row
    bool m_lastWasDryRun = true;
    bool m_closeWhenDone = false;
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
    background::Task m_job; // last: goes first, waiting for the work before the widgets go

    QSplitter *m_tables;
    QTableWidget *m_mapping;
    QTableWidget *m_preview;
    QTableWidget *m_activitiesPreview;
    QWidget *m_activitiesSection;
    QTableWidget *m_problems;
    QLabel *m_activitiesName;
    QLabel *m_activitiesStatus;
    QPushButton *m_chooseActivities;
    QPushButton *m_removeActivities;
    QLabel *m_summary;
    QLabel *m_result;
    QButtonGroup *m_policy;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QPushButton *m_check;
    QPushButton *m_import;
    QPushButton *m_cancel;
};

} // namespace handoff
