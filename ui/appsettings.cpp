#include "ui/appsettings.h"

#include "queues/console.h"

#include <QSettings>

namespace handoff {

namespace {

struct KeyInfo
{
    AppSettings::Key key;
    const char *name;
    QVariant fallback;
};

const KeyInfo &info(AppSettings::Key key)
{
    using K = AppSettings::Key;
    static const KeyInfo table[] = {
        {K::WindowGeometry, "window/geometry", QByteArray()},
        {K::WindowState, "window/state", QByteArray()},
        {K::SalesQueueHeader, "queues/salesHeader", QByteArray()},
        {K::InterestQueueHeader, "queues/interestHeader", QByteArray()},
        {K::LeadPanelTab, "leadPanel/tab", 0},
        {K::ProfileName, "profile/name", QString()},
        {K::PollMilliseconds, "console/pollMilliseconds", 250},
        {K::IntakeWindowDays, "console/intakeWindowDays", Console::DefaultIntakeWindowDays},
        {K::TuningGeometry, "tuning/geometry", QByteArray()},
        {K::TuningSplitter, "tuning/splitter", QByteArray()},
        {K::BacktestWeeks, "tuning/backtestWeeks", 26},
        {K::PresentationScale, "view/presentationScale", 1.0},
        {K::ServerHost, "server/host", QString()},
        {K::ServerPort, "server/port", 5432},
        {K::ServerDatabase, "server/database", QString()},
        {K::ServerUser, "server/user", QString()},
        {K::ServerSslMode, "server/sslMode", QStringLiteral("prefer")},
        {K::ServerRememberPassword, "server/rememberPassword", false},
    };
    for (const KeyInfo &i : table) {
        if (i.key == key)
            return i;
    }
    Q_UNREACHABLE();
}

} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{}

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

AppSettings::~AppSettings() = default;

QVariant AppSettings::value(Key key) const
{
    const KeyInfo &i = info(key);
    return m_settings->value(QString::fromLatin1(i.name), i.fallback);
}

void AppSettings::setValue(Key key, const QVariant &value)
{
    m_settings->setValue(QString::fromLatin1(info(key).name), value);
}

} // namespace handoff
