#pragma once

// The File menu's work with files: import a CSV (from the menu or dropped on the window),
// export the queue on screen as it is shown (sorted and filtered), and export the selected
// lead's handoff package as JSON or CSV. Questions go through the Prompter.

#include <functional>

#include <QObject>

class QAbstractItemModel;
class QAction;
class QWidget;

namespace handoff {

class Console;
class Prompter;

class FileActions : public QObject
{
    Q_OBJECT

public:
    // `currentQueue` gives the queue to export (the one the user works in) and its name.
    FileActions(Console &console, Prompter &prompter, QWidget *window,
                std::function<std::pair<const QAbstractItemModel *, QString>()> currentQueue);

    QAction *importAction() const { return m_import; }
    QAction *exportQueueAction() const { return m_exportQueue; }
    QAction *exportPackageAction() const { return m_exportPackage; }

    void importFile(const QString &path);
    void setCurrentLead(qint64 leadId);

signals:
    void done(const QString &message);

private:
    void exportQueue();
    void exportPackage();

    Console &m_console;
    Prompter &m_prompter;
    QWidget *m_window;
    std::function<std::pair<const QAbstractItemModel *, QString>()> m_currentQueue;
    qint64 m_leadId = 0;
    QAction *m_import;
    QAction *m_exportQueue;
    QAction *m_exportPackage;
};

} // namespace handoff
