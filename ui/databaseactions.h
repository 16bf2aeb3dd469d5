#pragma once

// The File menu's care of the database itself: check it (SQLite's integrity and foreign-key
// checks and Handoff's own promises, as `handoff check`) and back it up to a new file while
// everyone keeps working (as `handoff backup`). Both run off the GUI thread on connections
// of their own, with a progress dialog. On a team server the check is Handoff's own promises
// (the server keeps its pages and references), and backing up is the server's keeper's job
// (pg_dump): the action says so and stays off.

#include <QObject>

#include "queues/backgroundtask.h"

class QAction;
class QWidget;

namespace handoff {

class Database;
class Prompter;

class DatabaseActions : public QObject
{
    Q_OBJECT

public:
    // `db`: the console's database; the actions open connections of their own to it.
    DatabaseActions(const Database &db, Prompter &prompter, QWidget *window);

    QAction *checkAction() const { return m_check; }
    QAction *backupAction() const { return m_backup; }
    bool isBusy() const { return m_busy; }

signals:
    void done(const QString &message);

private:
    void check();
    void backUp();
    void setBusy(bool busy);
    void enableActions(bool enabled);

    QString m_location; // what opens it (a server's address with its password, if given)
    QString m_name;     // as people may read it
    bool m_server;
    Prompter &m_prompter;
    QWidget *m_window;
    QAction *m_check;
    QAction *m_backup;
    bool m_busy = false;
    background::Task m_task; // the work in flight, waited for when the actions go
};

} // namespace handoff
