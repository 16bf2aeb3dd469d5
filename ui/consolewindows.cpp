#include "ui/consolewindows.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStatusBar>

#include "queues/console.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "ui/appsettings.h"
#include "ui/databasefiles.h"
#include "ui/databaseupgrade.h"
#include "ui/mainwindow.h"
#include "ui/passwordstore.h"
#include "ui/prompter.h"

namespace handoff {

struct ConsoleWindows::Session
{
    std::unique_ptr<Console> console;
    std::unique_ptr<MainWindow> window; // declared last: destroyed first, it shows the console
};

ConsoleWindows::ConsoleWindows(AppSettings &settings, Prompter &prompter, QObject *parent)
    : ConsoleWindows(settings, prompter, std::make_unique<KeyringPasswordStore>(), nullptr, parent)
{}

ConsoleWindows::ConsoleWindows(AppSettings &settings, Prompter &prompter, PasswordStore &passwords,
                               QObject *parent)
    : ConsoleWindows(settings, prompter, nullptr, &passwords, parent)
{}

ConsoleWindows::ConsoleWindows(AppSettings &settings, Prompter &prompter,
                               std::unique_ptr<PasswordStore> keyring, PasswordStore *passwords,
                               QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_prompter(prompter)
    , m_keyring(std::move(keyring))
    , m_serverConnect(settings, passwords ? *passwords : *m_keyring, prompter)
{}

ConsoleWindows::~ConsoleWindows()
{
    for (const auto &s : m_sessions)
        saveStartState(*s->console);
}

void ConsoleWindows::saveStartState(Console &console)
{
    // A cache: failing to write it costs the next start time, nothing else.
    try {
        console.saveStartState();
    } catch (const Error &e) {
        qWarning("handoff: the start state was not saved: %s", qPrintable(e.message()));
    }
}

MainWindow *ConsoleWindows::open(const QString &path, Database::Open mode)
{
    const QString keptAs = DatabaseUpgrade::runIfNeeded(path, nullptr);
    auto session = std::make_unique<Session>();
    // The window opens on every lead from the saved start state when there is a usable one,
    // else on the sales view's leads with the rest read behind it (Console::Load::InBackground).
    session->console = std::make_unique<Console>(path, mode, Console::Load::InBackground);
    session->window = std::make_unique<MainWindow>(*session->console, m_settings, m_prompter);
    MainWindow *window = session->window.get();
    connect(
        window->databaseFiles(), &DatabaseFiles::chosen, this,
        [this, window](const QString &chosen, bool created) { openFrom(window, chosen, created); });
    connect(window->databaseFiles(), &DatabaseFiles::serverWanted, this, [this, window] {
        m_serverConnect.run(window, [this, window](const QString &location) {
            Opening outcome = Opening::Failed;
            MainWindow *opened = openFrom(window, location, false, &outcome);
            switch (outcome) {
            case Opening::AlreadyOpen:
                return ServerConnect::Opened::alreadyOpen(opened);
            case Opening::Declined:
                return ServerConnect::Opened::declined();
            case Opening::Opened:
            case Opening::Failed:
                break;
            }
            return ServerConnect::Opened(opened);
        });
    });
    // Let go of a closed window once its close has finished.
    connect(window, &MainWindow::closed, this, [this, window] {
        QMetaObject::invokeMethod(
            this, [this, window] { release(window); }, Qt::QueuedConnection);
    });
    m_sessions.push_back(std::move(session));
    window->show();
    if (!keptAs.isEmpty()) {
        // Said once the window's own news of the start is out, so that it is not replaced.
        const auto tell = [window, keptAs] {
            window->statusBar()->showMessage(
                tr("Upgraded to this version of Handoff; the file as it was is kept as %1")
                    .arg(QDir::toNativeSeparators(keptAs)),
                30000);
        };
        if (window->console().isLoading())
            connect(&window->console(), &Console::loaded, window, tell, Qt::SingleShotConnection);
        else
            tell();
    }
    return window;
}

void ConsoleWindows::start(MainWindow *window)
{
    Console &console = window->console();
    console.setIntakeWindowDays(m_settings.number(AppSettings::Key::IntakeWindowDays));
    console.watch(m_settings.number(AppSettings::Key::PollMilliseconds));
}

MainWindow *ConsoleWindows::openFrom(MainWindow *from, const QString &path, bool created,
                                     Opening *outcome)
{
    Opening ignored;
    Opening &said = outcome ? *outcome : ignored;
    said = Opening::Failed;
    if (MainWindow *already = windowOn(path)) {
        said = Opening::AlreadyOpen;
        already->show();
        already->raise();
        already->activateWindow();
        return already;
    }
    MainWindow *window = nullptr;
    try {
        window = open(path, Database::Open::Existing);
    } catch (const Error &e) {
        m_prompter.showError(from, e.message());
        return nullptr;
    }
    if (!window->ensureProfile()) {
        // Nobody to work as: the window goes, the file stays as it is.
        window->close();
        said = Opening::Declined;
        return nullptr;
    }
    said = Opening::Opened;
    start(window);
    if (created)
        window->statusBar()->showMessage(
            tr("A new, empty lead database: File > Import leads (Ctrl+I) brings leads in"), 30000);
    return window;
}

QList<MainWindow *> ConsoleWindows::windows() const
{
    QList<MainWindow *> list;
    for (const auto &s : m_sessions)
        list.append(s->window.get());
    return list;
}

MainWindow *ConsoleWindows::windowOn(const QString &path) const
{
    // A file by its canonical path; a server's database by who works on which database
    // (however the address was written, whatever password or SSL mode it gave).
    const auto identity = [](const QString &location) {
        try {
            const DatabaseLocation where = DatabaseLocation::parse(location);
            return where.isServer() ? where.serverIdentity()
                                    : QFileInfo(where.filePath()).canonicalFilePath();
        } catch (const Error &) {
            return QString();
        }
    };
    const QString wanted = identity(path);
    for (const auto &s : m_sessions) {
        if (!wanted.isEmpty() && identity(s->console->database().location()) == wanted &&
            s->window->isVisible())
            return s->window.get();
    }
    return nullptr;
}

void ConsoleWindows::release(MainWindow *window)
{
    const auto session =
        std::find_if(m_sessions.begin(), m_sessions.end(),
                     [window](const auto &s) { return s->window.get() == window; });
    // Gone already, or closed and shown again before this ran: nothing to let go.
    if (session == m_sessions.end() || window->isVisible())
        return;
    saveStartState(*(*session)->console);
    m_sessions.erase(session);
}

} // namespace handoff
