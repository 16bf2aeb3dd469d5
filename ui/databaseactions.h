#pragma once

// The File menu's care of the database itself: check it (SQLite's integrity and foreign-key
// checks and Handoff's own promises, as `handoff check`) and back it up to a new file while
// everyone keeps working (as `handoff backup`). Both run off the GUI thread on connections
// of their own, with a progress dialog.

#include <QObject>

#include "queues/backgroundtask.h"

class QAction;
class QWidget;

namespace handoff {

class Prompter;

class DatabaseActions : public QObject
{
    Q_OBJECT

public:
    DatabaseActions(QString databasePath, Prompter &prompter, QWidget *window);

    QAction *checkAction() const { return m_check; }
    QAction *backupAction() const { return m_backup; }
    bool isBusy() const { return m_busy; }

signals:
    void done(const QString &message);

private:
    void check();
    void backUp();
    void setBusy(bool busy);

    QString m_path;
    Prompter &m_prompter;
    QWidget *m_window;
    QAction *m_check;
    QAction *m_backup;
    bool m_busy = false;
    background::Task m_task; // the work in flight, waited for when the actions go
};

} // namespace handoff
