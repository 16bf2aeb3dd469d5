#include "ui/routingnotices.h"

#include <QAction>
#include <QSystemTrayIcon>

#include "queues/console.h"
#include "queues/routingdesk.h"
#include "store/error.h"
#include "ui/notificationbanner.h"
#include "ui/prompter.h"

namespace handoff {

RoutingNotices::RoutingNotices(Console &console, NotificationBanner *banner, Prompter &prompter,
                               QWidget *window)
    : QObject(window)
    , m_console(console)
    , m_banner(banner)
    , m_prompter(prompter)
    , m_window(window)
    , m_available(new QAction(tr("Take &routed leads"), this))
    , m_settings(new QAction(tr("&Routing…"), this))
{
    m_settings->setObjectName(QStringLiteral("routingSettingsAction"));
    m_settings->setToolTip(tr("How hand-raisers are handed out, the claim timeout, and each "
                              "rep's shift, weight and territory"));
    connect(m_settings, &QAction::triggered, this, &RoutingNotices::editSettings);
    m_available->setObjectName(QStringLiteral("takeRoutedLeadsAction"));
    m_available->setCheckable(true);
    m_available->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    m_available->setToolTip(tr("On shift: routing may assign you hand-raisers. Off: you are "
                               "away and get none"));
    connect(m_available, &QAction::triggered, this, &RoutingNotices::setAvailable);
    profileChanged();
}

void RoutingNotices::profileChanged()
{
    delete m_desk;
    m_desk = nullptr;
    const Profile &profile = m_console.profile();
    m_available->setVisible(profile.isSales());
    m_settings->setVisible(profile.role == Profile::Role::SalesManager);
    if (!profile.isSales())
        return;
    try {
        const QSignalBlocker quiet(m_available);
        m_available->setChecked(m_console.actions().isAvailable());
    } catch (const Error &e) {
        emit message(e.message());
    }
    m_desk = new RoutingDesk(
        m_console.database(), profile.name, RoutingDesk::Role::Dispatch,
        [this] { return m_console.now(); }, this);
    m_desk->setOpenHandoffs([this] { return m_console.openHandoffs(); });
    connect(m_desk, &RoutingDesk::told, this, &RoutingNotices::tell);
    connect(m_desk, &RoutingDesk::failed, this,
            [this](const QString &why) { emit message(tr("Routing: %1").arg(why)); });
    // What this desk's pass assigned or took back is shown at once: the queues' next look
    // does not see writes made through their own connection.
    connect(m_desk, &RoutingDesk::wrote, this, [this](const QList<RoutingEvent> &events) {
        QList<qint64> moved;
        for (const RoutingEvent &event : events)
            if (!event.isBreach() && !moved.contains(event.handoffId))
                moved.append(event.handoffId);
        try {
            m_console.showHandoffsNow(moved);
        } catch (const Error &e) {
            emit message(e.message());
        }
    });
    m_desk->start(LookEveryMs);
}

void RoutingNotices::setAvailable(bool available)
{
    try {
        m_console.actions().setAvailable(available, m_console.now());
        emit message(available ? tr("You take routed hand-raisers now")
                               : tr("You are away: routing assigns you no hand-raisers"));
    } catch (const Error &e) {
        const QSignalBlocker quiet(m_available);
        m_available->setChecked(!available);
        emit message(e.message());
    }
}

void RoutingNotices::editSettings()
{
    try {
        HandoffActions actions = m_console.actions();
        const auto chosen = m_prompter.askRouting(m_window, actions.teamRouting());
        if (!chosen)
            return;
        actions.saveRouting(*chosen, m_console.now());
        const QSignalBlocker quiet(m_available);
        m_available->setChecked(actions.isAvailable());
        emit message(tr("Routing saved"));
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
    }
}

QString RoutingNotices::messageFor(const RoutingEvent &event, const Profile &profile,
                                   const QString &leadName)
{
    const bool mine = event.rep == profile.name;
    const bool manager = profile.role == Profile::Role::SalesManager;
    switch (event.kind) {
    case RoutingEvent::Kind::Assigned:
        return mine ? tr("%1 raised a hand and was routed to you: call now").arg(leadName)
                    : QString();
    case RoutingEvent::Kind::TimedOut:
        return manager ? tr("%1 did not work %2 in time: the lead went back to the pool")
                             .arg(event.rep, leadName)
                       : QString();
    case RoutingEvent::Kind::SlaPassed:
        if (mine)
            return tr("The SLA ran out on %1, whom you hold: contact them now").arg(leadName);
        return event.rep.isEmpty() && profile.isSales()
                   ? tr("The SLA ran out on %1 and nobody has claimed the lead").arg(leadName)
                   : QString();
    case RoutingEvent::Kind::SlaEscalated:
        if (!manager)
            return {};
        return event.rep.isEmpty()
                   ? tr("%1 has waited twice the SLA, unclaimed: open it to assign a rep")
                         .arg(leadName)
                   : tr("%1 has waited twice the SLA with %2: open it to reassign")
                         .arg(leadName, event.rep);
    }
    return {};
}

void RoutingNotices::tell(const QList<RoutingEvent> &events)
{
    QList<std::pair<qint64, QString>> told;
    for (const RoutingEvent &event : events) {
        // A step of the ladder on a lead that ran out of time long ago (the first pass on
        // a team's history) is recorded for the meeting; its rep sees it red in the queue.
        if (event.dueAt && m_console.now() - *event.dueAt > StaleAfterSeconds)
            continue;
        const auto lead = m_console.lead(event.leadId);
        const QString text =
            messageFor(event, m_console.profile(),
                       lead ? lead->displayName() : tr("lead %1").arg(event.leadId));
        if (!text.isEmpty())
            told.append({event.leadId, text});
    }
    // The banner keeps the newest and counts the rest ("and 3 more"); the tray says it once.
    for (const auto &[leadId, text] : std::as_const(told))
        m_banner->notify(leadId, text);
    if (m_tray && !told.isEmpty())
        m_tray->showMessage(
            tr("Routing"),
            told.size() == 1 ? told.first().second
                             : tr("%1 (and %2 more)").arg(told.last().second).arg(told.size() - 1),
            QSystemTrayIcon::Information, 8000);
}

} // namespace handoff
