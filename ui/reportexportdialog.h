#pragma once

// File > Export meeting report: which week (the last 52, this one first), A4 or Letter (the
// locale's by default) and where to write the PDF. Export gathers the week's figures in the
// background (seconds on a large database), writes the report and closes, saying how many
// pages it has; a failure is shown in the dialog, which stays open.

#include <functional>

#include <QDialog>

#include "queues/backgroundtask.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace handoff {

struct MeetingBrief;
class Prompter;

class ReportExportDialog : public QDialog
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;

    ReportExportDialog(QString databasePath, Clock clock, Prompter &prompter,
                       QWidget *parent = nullptr);

    void setWeek(qint64 weekStart);
    void setPath(const QString &path);
    // Starts writing the report as chosen: false, with the reason shown, when it cannot start.
    // finished() says how it ended.
    bool exportReport();
    bool isBusy() const { return m_task.isRunning(); }
    QString message() const;

signals:
    // The report was written (the dialog then accepts), or not (the reason is shown).
    void finished(bool written);

private:
    void browse();
    void write(const MeetingBrief &brief, const QString &path);
    void setBusy(bool busy);

    QString m_databasePath;
    Clock m_clock;
    Prompter &m_prompter;
    QComboBox *m_week;
    QComboBox *m_page;
    QLineEdit *m_path;
    QLabel *m_message;
    QPushButton *m_export;
    background::Task m_task; // last: waits for the work before the widgets go
};

} // namespace handoff
