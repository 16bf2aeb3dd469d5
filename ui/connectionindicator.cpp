#include "ui/connectionindicator.h"

#include <QDateTime>
#include <QLocale>

#include "queues/console.h"

namespace handoff {

ConnectionIndicator::ConnectionIndicator(Console &console, QWidget *parent)
    : QLabel(parent)
    , m_console(console)
{
    setObjectName(QStringLiteral("connectionIndicator"));
    setStyleSheet(QStringLiteral("QLabel { background: #b3261e; color: white; "
                                 "padding: 1px 8px; border-radius: 3px; }"));
    hide();
    connect(&console, &Console::wentOffline, this, &ConnectionIndicator::showOffline);
    connect(&console, &Console::cameBackOnline, this, &ConnectionIndicator::showOnline);
}

void ConnectionIndicator::showOffline(const QString &why)
{
    // The console's own record of when it lost the server, not a second clock.
    const QString since = QLocale().toString(
        QDateTime::fromSecsSinceEpoch(m_console.offlineSince().value_or(m_console.now())).time(),
        QLocale::ShortFormat);
    setText(tr("Offline since %1: reconnecting…").arg(since));
    setToolTip(tr("The team server cannot be reached (%1). The queues show what was known "
                  "at %2; claims and edits wait until the console is connected again, and "
                  "it then catches up with everything written meanwhile.")
                   .arg(why, since));
    show();
}

void ConnectionIndicator::showOnline(qint64 offlineSeconds)
{
    hide();
    const QString away = offlineSeconds < 120 ? tr("%n s", nullptr, int(offlineSeconds))
                                              : tr("%n min", nullptr, int(offlineSeconds / 60));
    emit message(
        tr("Connected to the team server again after %1; the queues are up to date").arg(away));
}

} // namespace handoff
