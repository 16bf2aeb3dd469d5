#include "ui/serverconnect.h"

#include "ui/passwordstore.h"
#include "ui/prompter.h"

#include <QPointer>
#include <QScopeGuard>

namespace handoff {

ServerConnect::ServerConnect(AppSettings &settings, PasswordStore &passwords, Prompter &prompter)
    : m_settings(settings)
    , m_passwords(passwords)
    , m_prompter(prompter)
    , m_runDialog([](ConnectDialog &dialog) { return dialog.exec() == QDialog::Accepted; })
{}

QWidget *ServerConnect::run(QWidget *from, const Opener &open)
{
    // On the heap and guarded: the window it belongs to may close while it is open (a
    // keyring call waits in an event loop of its own, up to half a minute behind an unlock
    // prompt), and that deletes its children.
    const QPointer<QWidget> origin(from);
    const QPointer<ConnectDialog> dialog = new ConnectDialog(m_settings, m_passwords, from);
    const auto discard = qScopeGuard([&dialog] { delete dialog.data(); });
    if (m_retry)
        dialog->setLogin(*m_retry);
    if (!m_runDialog(*dialog) || !dialog)
        return nullptr;
    const ServerLogin login = dialog->login();
    const bool passwordFromKeyring = dialog->passwordFromKeyring();
    return connectTo(origin.data(), login, passwordFromKeyring, open);
}

QWidget *ServerConnect::connectTo(QWidget *from, const ServerLogin &login, bool passwordFromKeyring,
                                  const Opener &open)
{
    const QString key = login.keyringKey();
    const Opened opened = open(login.location());
    QWidget *window = opened.window;
    if (!opened.connected) {
        // Brought forward, or no profile chosen: the keyring is left as it is.
        if (window || !opened.refused)
            return window;
        m_retry = login;
        if (passwordFromKeyring &&
            m_prompter.askConfirm(
                from, tr("Forget the remembered password?"),
                tr("The password for %1 came from the desktop keyring. If the server refused "
                   "it, forget it there so that it is asked next time; keep it if the server "
                   "was only out of reach.")
                    .arg(login.displayText())))
            m_passwords.remove(key);
        return nullptr;
    }
    m_retry.reset();
    // The keyring's wait may let the new window close.
    const QPointer<QWidget> newWindow(window);
    if (!login.remember) {
        m_passwords.remove(key); // unticked: not wanted there (any more)
    } else if (!login.password.isEmpty() && !passwordFromKeyring) {
        QString error;
        if (!m_passwords.write(key, login.password, &error))
            m_prompter.showError(newWindow, tr("Connected to %1, but the password could not be "
                                               "remembered: %2. It will be asked each time.")
                                                .arg(login.displayText(), error));
    }
    return newWindow;
}

} // namespace handoff
