#pragma once

// The actions sales takes on the selected handoff: claim, release, record the first
// contact, accept as SQL, reject with a reason, reassign. Owns the QActions (with their
// shortcuts), enables them by the profile's role and the handoff's state, and carries them
// out through the Console, asking questions through the Prompter.

#include <functional>
#include <memory>

#include <QObject>

#include "queues/backgroundtask.h"

class QTimer;
class QAction;
class QWidget;

namespace handoff {

class Console;
class KeptDatabase;
class HandoffActions;
class Prompter;

class SalesActions : public QObject
{
    Q_OBJECT

public:
    SalesActions(Console &console, Prompter &prompter, QWidget *window);
    ~SalesActions() override;

    QList<QAction *> actions() const;
    QAction *claimAction() const { return m_claim; }
    QAction *rejectAction() const { return m_reject; }

    void setCurrentLead(qint64 leadId);
    void updateState();
    // An action is being written (the actions are disabled until it is).
    bool isBusy() const { return m_busy; }

signals:
    void done(const QString &message);
    // A claim, an accept or a reject of the lead went through: time for the next lead.
    void movedOn(qint64 leadId);

private:
    // What an action does, on the actions' thread with its connection: the message to show,
    // or a Error. `at` is the console's clock when the action was asked for.
    using Work = std::function<QString(HandoffActions &actions, qint64 at)>;

    // `moveOn`: report movedOn() when it succeeds.
    void run(qint64 leadId, Work work, bool moveOn = false);
    void claim();
    void reject();
    void reassign();

    Console &m_console;
    Prompter &m_prompter;
    QWidget *m_window;
    qint64 m_leadId = 0;
    QAction *m_claim;
    QAction *m_release;
    QAction *m_firstContact;
    QAction *m_accept;
    QAction *m_reject;
    QAction *m_reassign;
    bool m_busy = false;
    // The actions' one thread and the connection it keeps between them (used there only).
    background::Lane m_lane;
    std::shared_ptr<KeptDatabase> m_database;
    background::Task m_task; // the work in flight, waited for when the actions go
    QTimer *m_waiting;
};

} // namespace handoff
