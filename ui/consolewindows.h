#pragma once

// The console windows of one application, each on its own lead database: a Console and the
// MainWindow showing it, owned together (the window goes first, then the Console it shows).
// The launcher opens the first; File > New database, Open database and Connect to a team
// server open more, and a database that does not open (not a database, damaged, from a
// newer Handoff, a server that refuses) is said in the asking window, which keeps its own.
// A closed window is let go with its Console; a file, or a server's database as the same
// user, already open is brought forward instead of opened twice.

#include <memory>
#include <vector>

#include <QObject>

#include "store/database.h"
#include "ui/serverconnect.h"

class QWidget;

namespace handoff {

class AppSettings;
class Console;
class MainWindow;
class PasswordStore;
class Prompter;

class ConsoleWindows : public QObject
{
    Q_OBJECT

public:
    // Team-server passwords in the desktop keyring.
    ConsoleWindows(AppSettings &settings, Prompter &prompter, QObject *parent = nullptr);
    // ... or in `passwords` (tests).
    ConsoleWindows(AppSettings &settings, Prompter &prompter, PasswordStore &passwords,
                   QObject *parent = nullptr);
    ~ConsoleWindows() override;

    // Opens the database and shows a window on it at once: from the saved start state, or
    // on the sales view's leads while every lead is read behind it (Console::Load). Throws
    // Error; nothing is kept then.
    MainWindow *open(const QString &path, Database::Open mode);
    // Applies the settings to the window's console and starts it watching the file for
    // what others write; once the profile is settled.
    void start(MainWindow *window);
    // As the menu does: brings the file's window forward, or opens one, asks for the
    // profile and starts it. Errors go to `from`, whose database stays open. Null when
    // nothing was opened. `created`: a new, empty database (the window says what next).
    // What openFrom() did: opened a new window, brought an open one forward, opened none
    // (said in `from`), or closed the new one again as nobody chose a profile.
    enum class Opening { Opened, AlreadyOpen, Failed, Declined };
    MainWindow *openFrom(MainWindow *from, const QString &path, bool created = false,
                         Opening *outcome = nullptr);

    QList<MainWindow *> windows() const;
    // The window on that file, or on that server's database as that user.
    MainWindow *windowOn(const QString &path) const;
    ServerConnect &serverConnect() { return m_serverConnect; }

private:
    struct Session;
    ConsoleWindows(AppSettings &settings, Prompter &prompter,
                   std::unique_ptr<PasswordStore> keyring, PasswordStore *passwords,
                   QObject *parent);
    void release(MainWindow *window);
    // Leaves the console's state for the next start on its database (Console::saveStartState).
    static void saveStartState(Console &console);

    AppSettings &m_settings;
    Prompter &m_prompter;
    std::unique_ptr<PasswordStore> m_keyring; // unless the passwords were given
    ServerConnect m_serverConnect;
    std::vector<std::unique_ptr<Session>> m_sessions;
};

} // namespace handoff
