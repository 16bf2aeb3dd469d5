#pragma once

// File > Connect to a team server's questions: host, port, database, user, SSL mode and
// password. They are checked by the rules a --db address is (DatabaseLocation::parse on the
// address built from them), and Connect is offered only once they hold, with what is wrong
// said in the dialog. It opens on the fields last used (settings, never the password) and
// fills in the password the desktop keyring remembers for that server, database and user.

#include <optional>

#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace handoff {

class AppSettings;
class PasswordStore;

// What the dialog asks for, as given.
struct ServerLogin
{
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString sslMode = QStringLiteral("prefer");
    QString password; // empty: none (a server that trusts the user, or a certificate)
    bool remember = false;

    // The address Database and Console take, with the password inside it.
    QString location() const;
    // The address without its password, for messages.
    QString displayText() const;
    // Under which name the keyring keeps the password: "handoff:user@host:port/dbname";
    // empty while host, database or user is missing or the fields do not make an address.
    QString keyringKey() const;
};

class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(AppSettings &settings, PasswordStore &passwords, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    static QStringList sslModes();

    // Fields as a failed attempt left them, instead of the settings'.
    void setLogin(const ServerLogin &login);
    ServerLogin login() const;
    // What is wrong with the fields, naming the field; empty when they make an address.
    QString problem() const;
    // Whether the password field holds the password the keyring remembered.
    bool passwordFromKeyring() const;

    // Remembers the fields but the password, for the next time.
    void accept() override;

private:
    void lookUpPassword();
    void check();

    AppSettings &m_settings;
    PasswordStore &m_passwords;
    QLineEdit *m_host;
    QLineEdit *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_sslMode;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keyringNote;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QString m_lookedUpKey;               // the fields the keyring was last asked about
    std::optional<QString> m_remembered; // what it answered
};

} // namespace handoff
