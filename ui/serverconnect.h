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
    // Opens the location in a window; the window, or null when it did not open (the opener
    // said why).
    using Opener = std::function<QWidget *(const QString &location)>;
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
