#pragma once

// Every setting the application remembers, behind typed accessors: window geometry and dock
// layout, each table's header (column widths and sort order), the chosen profile, the team
// server last connected to. Widgets use this, never QSettings. Tests point it at a file of
// their own.

#include <memory>

#include <QByteArray>
#include <QString>
#include <QVariant>

class QSettings;

namespace handoff {

class AppSettings
{
public:
    enum class Key {
        WindowGeometry,
        WindowState,
        SalesQueueHeader,
        InterestQueueHeader,
        LeadPanelTab,
        ProfileName,
        PollMilliseconds,
        IntakeWindowDays,
        TuningGeometry,
        TuningSplitter,
        BacktestWeeks,
        PresentationScale,
        // File > Connect to a team server's last fields; never the password (the keyring's).
        ServerHost,
        ServerPort,
        ServerDatabase,
        ServerUser,
        ServerSslMode,
        ServerRememberPassword,
    };

    AppSettings();                                // the user's settings
    explicit AppSettings(const QString &iniFile); // a file of their own (tests)
    ~AppSettings();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);

    QByteArray bytes(Key key) const { return value(key).toByteArray(); }
    QString text(Key key) const { return value(key).toString(); }
    int number(Key key) const { return value(key).toInt(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace handoff
