#pragma once

// File > Import: shows how the file's columns will be read (and lets the user change it),
// a preview of the first rows, a dry run's summary with every rejected row (line, column,
// value, reason) and the problem cells marked in the preview, then imports the good rows or
// nothing, on a worker thread with progress, rows per second, time left and cancel.

#include <memory>

#include <QDialog>

#include "columnmapping.h"
#include "leadimporter.h"

class ImportJob;
class QButtonGroup;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(QString databasePath, QString leadsFile, QString actor, QWidget *parent = nullptr);
    ~ImportDialog() override;

    // False with a message when the file cannot be read at all.
    bool load(QString *error);
    ColumnMapping mapping() const;
    QString summaryText() const;
    QString resultText() const;

    // While an import runs, closing asks it to stop and closes once it has.
    void reject() override;

signals:
    void imported(qint64 batchId);

private:
    void buildMappingTable();
    void check();
    void runImport();
    void start(bool dryRun);
    void showProgress(double fraction, double rowsPerSecond, int secondsLeft);
    void finish(const ImportSummary &summary);
    void fail(const QString &message);
    void markProblems(const ImportSummary &summary);
    void setBusy(bool busy);

    QString m_databasePath;
    QString m_leadsFile;
    QString m_actor;
    QStringList m_header;
    ColumnMapping m_guess;
    QList<ColumnTarget> m_choices;
    QList<qint64> m_previewLines; // the file line of each preview row
    bool m_lastWasDryRun = true;
    bool m_closeWhenDone = false;
    std::unique_ptr<ImportJob> m_job;

    QTableWidget *m_mapping;
    QTableWidget *m_preview;
    QTableWidget *m_problems;
    QLabel *m_summary;
    QLabel *m_result;
    QButtonGroup *m_policy;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QPushButton *m_check;
    QPushButton *m_import;
    QPushButton *m_cancel;
};
