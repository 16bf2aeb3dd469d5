#include "ui/connectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "store/databaselocation.h"
#include "store/error.h"
#include "ui/appsettings.h"
#include "ui/passwordstore.h"

namespace handoff {

QString ServerLogin::location() const
{
    return DatabaseLocation::serverUri(host, port, database, user,
                                       password.isEmpty() ? std::nullopt : std::optional(password),
                                       {{QStringLiteral("sslmode"), sslMode}});
}

QString ServerLogin::displayText() const
{
    return DatabaseLocation::serverUri(host, port, database, user);
}

QString ServerLogin::keyringKey() const
{
    if (host.isEmpty() || database.isEmpty() || user.isEmpty())
        return {};
    try {
        return QStringLiteral("handoff:") +
               DatabaseLocation::parse(DatabaseLocation::serverUri(host, port, database, user))
                   .serverIdentity();
    } catch (const Error &) {
        return {};
    }
}

ConnectDialog::ConnectDialog(AppSettings &settings, PasswordStore &passwords, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_passwords(passwords)
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the password in the desktop keyring"), this))
    , m_keyringNote(
          new QLabel(tr("The password the desktop keyring remembers is filled in."), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a team server"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("db.example.com"));
    m_port->setObjectName(QStringLiteral("portEdit"));
    // Digits only; a number out of range is typed and then named, not silently refused.
    m_port->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,6}")), m_port));
    m_port->setMaximumWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) +
                            16);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_database->setPlaceholderText(tr("handoff"));
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_sslMode->setObjectName(QStringLiteral("sslModeCombo"));
    m_sslMode->addItems(sslModes());
    m_sslMode->setToolTip(tr("How the connection is encrypted (libpq's sslmode): require and "
                             "stricter refuse a server without SSL, verify-ca and verify-full "
                             "also check its certificate"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("none, if the server does not ask for one"));
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_remember->setToolTip(tr("Kept by the desktop's keyring (GNOME Keyring, KWallet), never "
                              "in Handoff's settings; without one it is asked each time"));
    m_keyringNote->setObjectName(QStringLiteral("keyringNote"));
    m_keyringNote->hide();
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *intro = new QLabel(
        tr("Open a lead database on a PostgreSQL team server, in a window of its own."), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&SSL mode:"), m_sslMode);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_keyringNote);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);

    m_host->setText(m_settings.text(AppSettings::Key::ServerHost));
    m_port->setText(QString::number(m_settings.number(AppSettings::Key::ServerPort)));
    m_database->setText(m_settings.text(AppSettings::Key::ServerDatabase));
    m_user->setText(m_settings.text(AppSettings::Key::ServerUser));
    const int mode = int(sslModes().indexOf(m_settings.text(AppSettings::Key::ServerSslMode)));
    m_sslMode->setCurrentIndex(mode < 0 ? int(sslModes().indexOf(QStringLiteral("prefer"))) : mode);
    m_remember->setChecked(m_settings.value(AppSettings::Key::ServerRememberPassword).toBool());

    for (QLineEdit *edit : {m_host, m_port, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::check);
    // The keyring is asked once a field is left, not at every key: it may be slow to answer.
    for (QLineEdit *edit : {m_host, m_port, m_database, m_user})
        connect(edit, &QLineEdit::editingFinished, this, &ConnectDialog::lookUpPassword);
    lookUpPassword();
    check();
    // The first empty field, for typing straight away.
    for (QLineEdit *edit : {m_host, m_database, m_user, m_password}) {
        if (edit->text().isEmpty()) {
            edit->setFocus();
            break;
        }
    }
}

ConnectDialog::~ConnectDialog()
{
    // Hiding a dialog that is still shown moves the focus out of a field, whose
    // editingFinished would reach this half-destroyed dialog.
    for (QLineEdit *edit : {m_host, m_port, m_database, m_user})
        disconnect(edit, nullptr, this, nullptr);
}

QStringList ConnectDialog::sslModes()
{
    return {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
            QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
}

void ConnectDialog::setLogin(const ServerLogin &login)
{
    m_host->setText(login.host);
    m_port->setText(QString::number(login.port));
    m_database->setText(login.database);
    m_user->setText(login.user);
    m_sslMode->setCurrentIndex(std::max<int>(0, int(sslModes().indexOf(login.sslMode))));
    m_password->setText(login.password);
    m_remember->setChecked(login.remember);
    lookUpPassword();
    check();
}

ServerLogin ConnectDialog::login() const
{
    ServerLogin login;
    login.host = m_host->text().trimmed();
    login.port = m_port->text().toInt();
    login.database = m_database->text();
    login.user = m_user->text();
    login.sslMode = m_sslMode->currentText();
    login.password = m_password->text();
    login.remember = m_remember->isChecked();
    return login;
}

QString ConnectDialog::problem() const
{
    if (m_host->text().trimmed().isEmpty())
        return tr("Name the server's host: its name or address.");
    if (m_port->text().isEmpty())
        return tr("Give the server's port (PostgreSQL's usual one is 5432).");
    if (m_database->text().isEmpty())
        return tr("Name the database on the server.");
    if (m_user->text().isEmpty())
        return tr("Name the user to log in as.");
    try {
        DatabaseLocation::parse(login().location());
    } catch (const Error &e) {
        // Its problem names the part ("the port \"0\" is not a number from 1 to 65535"); the
        // address nobody typed before it and the character after it would not help here.
        static const QRegularExpression shape(QStringLiteral("\\A\\S+: (.*) \\(\\D*\\d+\\)\\z"));
        const QRegularExpressionMatch bare = shape.match(e.problem());
        QString text = bare.hasMatch() ? bare.captured(1) : e.problem();
        if (!text.isEmpty())
            text[0] = text[0].toUpper();
        return text + QLatin1Char('.');
    }
    return {};
}

bool ConnectDialog::passwordFromKeyring() const
{
    return m_remembered && !m_password->text().isEmpty() && m_password->text() == *m_remembered;
}

void ConnectDialog::lookUpPassword()
{
    const QString key = login().keyringKey();
    if (key == m_lookedUpKey)
        return;
    const bool showingRemembered = passwordFromKeyring();
    m_lookedUpKey = key;
    m_remembered = key.isEmpty() ? std::nullopt : m_passwords.read(key);
    if (m_remembered && (m_password->text().isEmpty() || showingRemembered)) {
        m_password->setText(*m_remembered);
        m_remember->setChecked(true);
    } else if (showingRemembered) {
        m_password->clear(); // another server's or user's
    }
    m_keyringNote->setVisible(passwordFromKeyring());
}

void ConnectDialog::check()
{
    const QString problem = this->problem();
    m_problem->setText(problem);
    // A form nobody has begun to fill in opens without a complaint; Connect says it all.
    const bool begun = !m_host->text().trimmed().isEmpty() ||
                       !m_database->text().trimmed().isEmpty() ||
                       !m_user->text().trimmed().isEmpty();
    m_problem->setVisible(begun && !problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_keyringNote->setVisible(passwordFromKeyring());
}

void ConnectDialog::accept()
{
    if (!problem().isEmpty())
        return;
    const ServerLogin chosen = login();
    m_settings.setValue(AppSettings::Key::ServerHost, chosen.host);
    m_settings.setValue(AppSettings::Key::ServerPort, chosen.port);
    m_settings.setValue(AppSettings::Key::ServerDatabase, chosen.database);
    m_settings.setValue(AppSettings::Key::ServerUser, chosen.user);
    m_settings.setValue(AppSettings::Key::ServerSslMode, chosen.sslMode);
    m_settings.setValue(AppSettings::Key::ServerRememberPassword, chosen.remember);
    QDialog::accept();
}

} // namespace handoff
