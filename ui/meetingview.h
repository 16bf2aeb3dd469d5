#pragma once

// The screen for the weekly meeting: pick an ISO week (this week by default) and see its
// figures against the week before and the agreed targets, the handoffs sales rejected that
// week with their reasons, and the scoring-model versions waiting for sign-off; edit the
// targets (each save a new version); capture notes and action items, saved to that week's
// meeting with Save or Ctrl+S, and on changing week or closing when modified. The figures
// are computed in a background lane on a connection of its own (a second or so at a million
// leads), the table saying so meanwhile; the rest is read on the spot.

#include <memory>

#include <QWidget>

#include "analytics/meetingbrief.h"
#include "queues/backgroundtask.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace handoff {

class DashboardSource;
class Database;
class Prompter;

class MeetingView : public QWidget
{
    Q_OBJECT

public:
    // `now` picks the default week; the view reads and writes through `db`, and asks its
    // questions (the targets, closing with notes it could not save) of `prompter`.
    MeetingView(Database &db, Prompter &prompter, QString user, qint64 now,
                QWidget *parent = nullptr);
    ~MeetingView() override;

    // Saves the shown week when modified, then shows `weekStart` (a Monday from
    // isoweek::startOf). False when the save failed and the week stayed.
    bool showWeek(qint64 weekStart);
    qint64 weekStart() const { return m_brief.weekStart; }
    const MeetingBrief &brief() const { return m_brief; }
    // The shown week's figures are still being computed.
    bool isComputing() const { return m_figuresTask.isRunning(); }

    bool isModified() const { return m_modified; }
    // Writes the notes and action items to the shown week's meeting; false (with a message
    // on the status line) when an item has no text or the database refused.
    bool save();
    // Asks for the targets; a new version is saved when they are given.
    void editTargets();

signals:
    void saved();
    void figuresShown(); // the figures table holds the shown week's figures

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // Gathers the shown week again; the notes and items on screen stay unless withMeeting.
    void reload(bool withMeeting);
    void computeFigures();
    void showFigures();
    void showRejected();
    void showProposals();
    void showMeeting();
    void addActionRow(const ActionItem &item);
    void setModified(bool modified);
    void setStatus(const QString &text);

    Database &m_db;
    Prompter &m_prompter;
    QString m_user;
    qint64 m_now;
    MeetingBrief m_brief;
    bool m_modified = false;
    bool m_loading = false;

    QComboBox *m_week;
    QLabel *m_status;
    QLabel *m_targetsLabel;
    QTableWidget *m_figures;
    QTableWidget *m_rejected;
    QTableWidget *m_proposals;
    QPlainTextEdit *m_notes;
    QTableWidget *m_actions;
    QLabel *m_computing;
    // The figures' source lives in the lane's thread; the task goes first, then the lane
    // closes the source where it was opened.
    std::shared_ptr<DashboardSource> m_figuresSource;
    background::Lane m_lane;
    background::Task m_figuresTask;
    bool m_again = false; // another week or targets asked for while computing
};

} // namespace handoff
