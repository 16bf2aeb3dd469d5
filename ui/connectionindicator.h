#pragma once

// Says in the status bar that the team server cannot be reached, since when, and that the
// console keeps trying; hidden while connected. The queues meanwhile show what was known
// when the connection was lost, so the notice must stay in view, not flash by.

#include <QLabel>

namespace handoff {

class Console;

class ConnectionIndicator : public QLabel
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(Console &console, QWidget *parent = nullptr);

signals:
    // Back online: what to tell the user once (how long it was away).
    void message(const QString &text);

private:
    void showOffline(const QString &why);
    void showOnline(qint64 offlineSeconds);

    Console &m_console;
};

} // namespace handoff
