#pragma once

// File > Connect to a team server, from the dialog to the console window: asks for the
// server (ConnectDialog), has it opened, and keeps the keyring in step with how that went.
// A password is remembered only once the server took it; one the keyring filled in is
// offered for forgetting when the connection fails (the server may have refused it). A
// failed attempt's fields come back in the dialog the next time it opens.

#include <functional>
#include <optional>

#include <QCoreApplication>

#include "ui/connectdialog.h"

class QWidget;

namespace handoff {

class AppSettings;
class PasswordStore;
class Prompter;

class ServerConnect
{
    Q_DECLARE_TR_FUNCTIONS(ServerConnect)

public:
    // What an opener did with the location: connected in a new window; found a window on
    // it already (nothing was connected: the password typed was never checked); or opened
    // nothing, because the server refused (the opener said why) or nobody chose a profile.
    struct Opened
    {
        Opened(QWidget *newWindow = nullptr) // a new window, or a refusal
            : window(newWindow)
        {}
        static Opened alreadyOpen(QWidget *existing)
        {
            Opened o(existing);
            o.connected = false;
            return o;
        }
        static Opened declined()
        {
            Opened o;
            o.refused = false;
            return o;
        }
        QWidget *window = nullptr;
        bool connected = window != nullptr;
        bool refused = window == nullptr;
    };
    using Opener = std::function<Opened(const QString &location)>;
    // Shows the dialog and says whether it was accepted: exec() by default; widget tests
    // fill it in and press its buttons instead, so nothing blocks.
    using DialogRunner = std::function<bool(ConnectDialog &)>;

    ServerConnect(AppSettings &settings, PasswordStore &passwords, Prompter &prompter);

    void setDialogRunner(DialogRunner runner) { m_runDialog = std::move(runner); }

    // Asks from `from` and opens with `open`: the window opened, or null.
    QWidget *run(QWidget *from, const Opener &open);

private:
    QWidget *connectTo(QWidget *from, const ServerLogin &login, bool passwordFromKeyring,
                       const Opener &open);

    AppSettings &m_settings;
    PasswordStore &m_passwords;
    Prompter &m_prompter;
    DialogRunner m_runDialog;
    std::optional<ServerLogin> m_retry; // a failed attempt's fields
};

} // namespace handoff
