#pragma once

// Routing at this desk (queues/routingdesk.h). What it tells the person here, on the banner and
// in the tray: a rep hears of a lead assigned to them and of the SLA passing on a lead they
// hold; a sales manager hears of a claim nobody worked and of a lead waiting twice the SLA,
// with the lead a click away to reassign it. Owns the action by which a rep says they take
// routed leads now, and the sales manager's Routing settings. Marketing's desks run no
// routing and hear none of it.

#include <QObject>

#include "store/profile.h"
#include "store/routingrepository.h"

class QAction;
class QSystemTrayIcon;
class QWidget;

namespace handoff {

class Console;
class NotificationBanner;
class Prompter;
class RoutingDesk;

class RoutingNotices : public QObject
{
    Q_OBJECT

public:
    static constexpr int LookEveryMs = 1000;
    static constexpr qint64 StaleAfterSeconds = 24 * 3600;

    RoutingNotices(Console &console, NotificationBanner *banner, Prompter &prompter,
                   QWidget *window);

    void setTray(QSystemTrayIcon *tray) { m_tray = tray; }
    // "Take routed leads": checked while the rep is on shift for routing.
    QAction *availableAction() const { return m_available; }
    // "Routing…": the sales manager's settings for the team (routingdialog.h).
    QAction *settingsAction() const { return m_settings; }
    void editSettings();
    // The console's profile changed: a sales desk runs routing, another does not.
    void profileChanged();
    RoutingDesk *desk() const { return m_desk; }

    // What `profile` is told of the event about `leadName` (empty: nothing, it is not theirs).
    static QString messageFor(const RoutingEvent &event, const Profile &profile,
                              const QString &leadName);

signals:
    void message(const QString &text);

private:
    void tell(const QList<RoutingEvent> &events);
    void setAvailable(bool available);

    Console &m_console;
    NotificationBanner *m_banner;
    QSystemTrayIcon *m_tray = nullptr;
    Prompter &m_prompter;
    QWidget *m_window;
    QAction *m_available;
    QAction *m_settings;
    RoutingDesk *m_desk = nullptr;
};

} // namespace handoff
