#pragma once

// The console window: assembles the sales view, the interest queue and the lead panel
// around one Console (one lead database; ConsoleWindows opens a window per database), with
// menus, shortcuts, the notification banner, the tray and the status bar, and remembers its
// layout. Holds no logic of its own.

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QSystemTrayIcon;
class QTableView;
class QTimer;
class QUndoStack;

namespace handoff {

class AppSettings;
class DatabaseActions;
class DatabaseFiles;
class FileActions;
class Console;
class LeadFinder;
class LeadPanel;
class DashboardView;
class MeetingView;
class NotificationBanner;
class PresentationMode;
class Prompter;
class QueuePanel;
class RoutingNotices;
class SalesActions;
class TuningWorkspace;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Console &console, AppSettings &settings, Prompter &prompter,
               QWidget *parent = nullptr);

    // Restores the profile remembered in the settings, or asks who is using the console.
    // False when nobody was chosen.
    bool ensureProfile();
    bool switchProfile();

    QueuePanel *salesPanel() const { return m_salesPanel; }
    QueuePanel *interestPanel() const { return m_interestPanel; }
    LeadPanel *leadPanel() const { return m_leadPanel; }
    NotificationBanner *banner() const { return m_banner; }
    SalesActions *salesActions() const { return m_salesActions; }
    RoutingNotices *routingNotices() const { return m_routing; }
    FileActions *fileActions() const { return m_fileActions; }
    DatabaseActions *databaseActions() const { return m_databaseActions; }
    DatabaseFiles *databaseFiles() const { return m_databaseFiles; }
    LeadFinder *leadFinder() const { return m_leadFinder; }
    Console &console() const { return m_console; }
    // Shows the lead: selected in its queue, or in the lead panel alone when it is in
    // neither queue (a closed or disqualified lead found with Lead > Find lead).
    void openLead(qint64 leadId);
    // The tuning workspace, opened (or brought forward) in its own window.
    TuningWorkspace *openTuningWorkspace();
    // View > Dashboard and View > Meeting: a window of their own each, sized to the screen
    // and following presentation mode.
    DashboardView *openDashboard();
    MeetingView *openMeeting();
    PresentationMode *presentation() const { return m_presentation; }

signals:
    // The window was closed (its layout saved, its own windows closed first).
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Saves the typed qualification details before closing; false when they could not be
    // saved and the user keeps the window open.
    bool keepQualificationEdits();
    // While the console reads every lead in the background, the interest queue says so.
    void followLoading();
    QDockWidget *addQueueDock(QueuePanel *panel, const QString &objectName);
    void buildMenus();
    void restoreLayout();
    void saveLayout();
    // Narrows the `shrinkable` columns so all of `view`'s columns fit in `width`.
    static void fitColumns(QTableView *view, int width, const QList<int> &shrinkable);
    // What the queues' columns may take on a first start: most of the window's width.
    int queueWidth() const;
    void fitInterestColumns();
    void showLead(qint64 leadId);
    void updateTitles();
    void updateStatus();
    void notifyEscalation(qint64 leadId, int trigger);
    void notifyEscalations();

    Console &m_console;
    AppSettings &m_settings;
    Prompter &m_prompter;
    QUndoStack *m_undo;
    QueuePanel *m_salesPanel;
    QueuePanel *m_interestPanel;
    LeadPanel *m_leadPanel;
    NotificationBanner *m_banner;
    // Leads handed to sales since the last notification: a wave is told once, not per lead.
    QList<std::pair<qint64, int>> m_escalations;
    SalesActions *m_salesActions;
    RoutingNotices *m_routing;
    FileActions *m_fileActions;
    DatabaseActions *m_databaseActions;
    DatabaseFiles *m_databaseFiles;
    LeadFinder *m_leadFinder;
    QueuePanel *m_lastQueue; // the queue the user last worked in: what "export queue" exports
    QDockWidget *m_salesDock = nullptr;
    QDockWidget *m_interestDock = nullptr;
    // A first start on leads read behind the window: the interest queue was empty when its
    // columns were fitted, so they are fitted again once it fills.
    bool m_interestColumnsUnfitted = false;
    QLabel *m_fileLabel;
    QLabel *m_userLabel;
    QLabel *m_modelLabel;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_clock;
    QPointer<TuningWorkspace> m_tuning;
    PresentationMode *m_presentation;
};

} // namespace handoff
