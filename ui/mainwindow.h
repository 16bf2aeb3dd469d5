#pragma once

// The console window: assembles the queue panels and the lead panel around one Console,
// with their actions. Holds no logic of its own.

#include <QMainWindow>

class Console;
class LeadPanel;
class QueuePanel;
class QDockWidget;
class QTimer;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Console &console, QWidget *parent = nullptr);

private:
    void showLead(qint64 leadId);
    void updateTitles();
    QDockWidget *addQueueDock(QueuePanel *panel, const QString &objectName,
                              Qt::DockWidgetArea area);

    Console &m_console;
    QueuePanel *m_intentPanel;
    QueuePanel *m_interestPanel;
    LeadPanel *m_leadPanel;
    QDockWidget *m_intentDock = nullptr;
    QDockWidget *m_interestDock = nullptr;
    QTimer *m_clock;
};
