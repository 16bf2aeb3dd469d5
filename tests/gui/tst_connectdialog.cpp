// File > Connect to a team server, as someone at a desk uses it: the fields make the address
// (whatever a user name or password holds), each wrong field is named and Connect waits for
// it, the fields come back next time but the password never reaches the settings file, and
// the keyring holds a password only once the server took it. With a team server to test
// against (HANDOFF_TEST_POSTGRESQL), the dialog's address opens a console window on it.

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "queues/console.h"
#include "scriptedprompter.h"
#include "store/databaselocation.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/connectdialog.h"
#include "ui/consolewindows.h"
#include "ui/databasefiles.h"
#include "ui/mainwindow.h"
#include "ui/passwordstore.h"
#include "ui/serverconnect.h"

using namespace handoff;

namespace {

const QString hostilePassword = QStringLiteral("p@ss/w:rd %41%\u00e9\U0001F511");

struct Fields
{
    QString host = QStringLiteral("db.example.com");
    QString port = QStringLiteral("5432");
    QString database = QStringLiteral("team leads");
    QString user = QStringLiteral("dana@corp");
    QString sslMode = QStringLiteral("require");
    QString password = hostilePassword;
    bool remember = true;
};

template <typename T> T *child(QWidget *dialog, const char *name)
{
    auto *widget = dialog->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("the dialog has no %s", name);
    return widget;
}

void fill(ConnectDialog &dialog, const Fields &f)
{
    child<QLineEdit>(&dialog, "hostEdit")->setText(f.host);
    child<QLineEdit>(&dialog, "portEdit")->setText(f.port);
    child<QLineEdit>(&dialog, "databaseEdit")->setText(f.database);
    child<QLineEdit>(&dialog, "userEdit")->setText(f.user);
    child<QComboBox>(&dialog, "sslModeCombo")->setCurrentText(f.sslMode);
    // A field left: the keyring is asked about the server and user now named.
    emit child<QLineEdit>(&dialog, "userEdit")->editingFinished();
    if (!f.password.isEmpty()) // else what the keyring filled in stays
        child<QLineEdit>(&dialog, "passwordEdit")->setText(f.password);
    child<QCheckBox>(&dialog, "rememberCheck")->setChecked(f.remember);
}

QPushButton *connectButton(ConnectDialog &dialog)
{
    return child<QDialogButtonBox>(&dialog, "buttons")->button(QDialogButtonBox::Ok);
}

// Presses Connect, as a person would; whether the dialog took it.
bool pressConnect(ConnectDialog &dialog)
{
    QPushButton *button = connectButton(dialog);
    if (!button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return dialog.result() == QDialog::Accepted;
}

// One application with its first window on a new SQLite file, as the launcher leaves it;
// its team-server passwords in memory.
struct Desk
{
    Desk(const QString &settingsFile, const QString &firstDatabase)
        : settings(settingsFile)
        , windows(settings, prompter, passwords)
    {
        {
            Database create(firstDatabase);
        }
        settings.setValue(AppSettings::Key::ProfileName, QStringLiteral("Maya"));
        prompter.profile = Profile{0, QStringLiteral("Maya"), Profile::Role::Marketing};
        from = windows.open(firstDatabase, Database::Open::Existing);
        from->ensureProfile();
    }
    // Every lead read behind each window before it goes (as tst_consolewindows waits).
    ~Desk()
    {
        for (MainWindow *window : windows.windows())
            (void)QTest::qWaitFor([window] { return !window->console().isLoading(); }, 20000);
    }
    void connectToServer() { from->databaseFiles()->connectAction()->trigger(); }

    AppSettings settings;
    ScriptedPrompter prompter;
    MemoryPasswordStore passwords;
    ConsoleWindows windows;
    MainWindow *from = nullptr;
};

// The fields naming the server, database and user of `address`, without a password.
Fields fieldsFor(const QString &address)
{
    const DatabaseLocation where = DatabaseLocation::parse(address);
    Fields f;
    f.host = where.host();
    f.port = QString::number(where.port());
    f.database = where.databaseName();
    f.user = where.userName();
    f.sslMode = QStringLiteral("disable");
    f.password.clear();
    return f;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_count = 0;

    QString freshSettings() { return m_dir.filePath(QStringLiteral("s-%1.ini").arg(++m_count)); }

    static QByteArray bytesOf(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // Every way the password could be written down in a text file.
    static bool holds(const QByteArray &bytes, const QString &password)
    {
        return bytes.contains(password.toUtf8()) ||
               bytes.contains(password.toUtf8().toPercentEncoding()) ||
               bytes.contains(QStringLiteral("p@ss").toUtf8());
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // User names and passwords with '@', '/', ':', '%', spaces and non-ASCII reach the
    // server as typed.
    void theFieldsMakeTheAddress()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ConnectDialog dialog(settings, passwords);
        Fields f;
        f.user = QStringLiteral("r\u00e9my d/o:e@corp%");
        f.database = QStringLiteral("ventes EU/2026?");
        fill(dialog, f);
        QVERIFY(connectButton(dialog)->isEnabled());
        QVERIFY(child<QLabel>(&dialog, "problemLabel")->isHidden());
        const DatabaseLocation where = DatabaseLocation::parse(dialog.login().location());
        QCOMPARE(where.host(), f.host);
        QCOMPARE(where.port(), 5432);
        QCOMPARE(where.databaseName(), f.database);
        QCOMPARE(where.userName(), f.user);
        QCOMPARE(where.password(), std::optional(hostilePassword));
        QCOMPARE(where.option(QStringLiteral("sslmode")), QStringLiteral("require"));
        QCOMPARE(ConnectDialog::sslModes(),
                 QStringList({QStringLiteral("disable"), QStringLiteral("allow"),
                              QStringLiteral("prefer"), QStringLiteral("require"),
                              QStringLiteral("verify-ca"), QStringLiteral("verify-full")}));
        // No password: none in the address (a server that trusts the user).
        child<QLineEdit>(&dialog, "passwordEdit")->clear();
        QVERIFY(!DatabaseLocation::parse(dialog.login().location()).password());
    }

    void aFreshDialogOffersTheUsualPortAndSslMode()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ConnectDialog dialog(settings, passwords);
        QCOMPARE(child<QLineEdit>(&dialog, "portEdit")->text(), QStringLiteral("5432"));
        QCOMPARE(child<QComboBox>(&dialog, "sslModeCombo")->currentText(),
                 QStringLiteral("prefer"));
        QCOMPARE(child<QLineEdit>(&dialog, "passwordEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(!child<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QVERIFY(!connectButton(dialog)->isEnabled()); // nothing named yet
    }

    // Each wrong field is named, and Connect waits until it is put right.
    void aWrongFieldIsNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no host") << "hostEdit"
                                 << "  "
                                 << "Name the server's host";
        QTest::newRow("host with a space") << "hostEdit"
                                           << "db host"
                                           << "\"db host\" is not a host name or address";
        QTest::newRow("no port") << "portEdit"
                                 << ""
                                 << "Give the server's port";
        QTest::newRow("port 0") << "portEdit"
                                << "0"
                                << "The port \"0\" is not a number from 1 to 65535";
        QTest::newRow("port too high") << "portEdit"
                                       << "70000"
                                       << "The port \"70000\" is not a number from 1 to 65535";
        QTest::newRow("no database") << "databaseEdit"
                                     << ""
                                     << "Name the database";
        QTest::newRow("no user") << "userEdit"
                                 << ""
                                 << "Name the user";
        QTest::newRow("control character in the user name")
            << "userEdit"
            << "da\tna"
            << "The user name holds a control character";
        QTest::newRow("control character in the password")
            << "passwordEdit"
            << "pass\u0007"
            << "The password holds a control character";
    }
    void aWrongFieldIsNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ConnectDialog dialog(settings, passwords);
        fill(dialog, Fields());
        QVERIFY(connectButton(dialog)->isEnabled());
        auto *edit = dialog.findChild<QLineEdit *>(field);
        QVERIFY(edit);
        const QString good = edit->text();
        edit->setText(value);
        auto *problem = child<QLabel>(&dialog, "problemLabel");
        QVERIFY2(problem->text().startsWith(expected), qPrintable(problem->text()));
        QVERIFY(!problem->isHidden());
        QVERIFY(!connectButton(dialog)->isEnabled());
        QVERIFY(!pressConnect(dialog));
        QVERIFY2(!problem->text().contains(QStringLiteral("p@ss")), qPrintable(problem->text()));
        edit->setText(good);
        QVERIFY(problem->isHidden());
        QVERIFY(connectButton(dialog)->isEnabled());
    }

    void thePortTakesDigitsOnly()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ConnectDialog dialog(settings, passwords);
        auto *port = child<QLineEdit>(&dialog, "portEdit");
        port->clear();
        QTest::keyClicks(port, QStringLiteral("6a5-4:3"));
        QCOMPARE(port->text(), QStringLiteral("6543"));
    }

    // The next dialog opens on the server last asked for, but the password stays out of
    // the settings file, remembered or not.
    void theFieldsComeBackButNeverThePassword_data()
    {
        QTest::addColumn<bool>("remember");
        QTest::newRow("remembered") << true;
        QTest::newRow("not remembered") << false;
    }
    void theFieldsComeBackButNeverThePassword()
    {
        QFETCH(bool, remember);
        const QString file = freshSettings();
        {
            AppSettings settings(file);
            MemoryPasswordStore passwords;
            ScriptedPrompter prompter;
            ServerConnect connector(settings, passwords, prompter);
            Fields f;
            f.remember = remember;
            connector.setDialogRunner([&](ConnectDialog &dialog) {
                fill(dialog, f);
                return pressConnect(dialog);
            });
            QWidget opened;
            QCOMPARE(connector.run(nullptr, [&](const QString &) { return &opened; }), &opened);
        }
        const QByteArray bytes = bytesOf(file);
        QVERIFY(bytes.contains("db.example.com"));
        QVERIFY2(!holds(bytes, hostilePassword), bytes.constData());

        AppSettings settings(file);
        MemoryPasswordStore emptyKeyring;
        ConnectDialog dialog(settings, emptyKeyring);
        const Fields f;
        QCOMPARE(child<QLineEdit>(&dialog, "hostEdit")->text(), f.host);
        QCOMPARE(child<QLineEdit>(&dialog, "portEdit")->text(), f.port);
        QCOMPARE(child<QLineEdit>(&dialog, "databaseEdit")->text(), f.database);
        QCOMPARE(child<QLineEdit>(&dialog, "userEdit")->text(), f.user);
        QCOMPARE(child<QComboBox>(&dialog, "sslModeCombo")->currentText(), f.sslMode);
        QCOMPARE(child<QCheckBox>(&dialog, "rememberCheck")->isChecked(), remember);
        QCOMPARE(child<QLineEdit>(&dialog, "passwordEdit")->text(), QString());
        // Only the password is then missing: the cursor waits there.
        QCOMPARE(dialog.focusWidget(), child<QLineEdit>(&dialog, "passwordEdit"));
    }

    // The window the dialog belongs to closes while it is open (a keyring call waits in an
    // event loop of its own, which lets it): the dialog goes with it, nothing is opened, and
    // nothing is used after it was deleted (the sanitizer build would say).
    void theWindowClosingUnderTheDialogOpensNothing()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ScriptedPrompter prompter;
        ServerConnect connector(settings, passwords, prompter);
        auto *window = new QWidget;
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            fill(dialog, Fields{});
            delete window; // and the dialog, its child
            return true;
        });
        bool opened = false;
        QCOMPARE(connector.run(window,
                               [&](const QString &) {
                                   opened = true;
                                   return ServerConnect::Opened();
                               }),
                 nullptr);
        QVERIFY(!opened);
    }

    // The first time, nothing is filled in: the dialog does not open with a complaint, and
    // names what is missing once the person begins.
    void anEmptyFormOpensWithoutAComplaint()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ConnectDialog dialog(settings, passwords);
        auto *problem = child<QLabel>(&dialog, "problemLabel");
        QVERIFY(problem->isHidden());
        QVERIFY(!connectButton(dialog)->isEnabled());
        QCOMPARE(dialog.focusWidget(), child<QLineEdit>(&dialog, "hostEdit"));
        child<QLineEdit>(&dialog, "hostEdit")->setText(QStringLiteral("db.example.com"));
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QStringLiteral("database")), qPrintable(problem->text()));
    }

    // A remembered password is filled in for its server and user, and for no other.
    void aRememberedPasswordIsFilledIn()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        const Fields f;
        QString error;
        QVERIFY(
            passwords.write(QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads"),
                            f.password, &error));
        settings.setValue(AppSettings::Key::ServerHost, QStringLiteral("DB.example.com"));
        settings.setValue(AppSettings::Key::ServerDatabase, f.database);
        settings.setValue(AppSettings::Key::ServerUser, f.user);
        ConnectDialog dialog(settings, passwords);
        auto *password = child<QLineEdit>(&dialog, "passwordEdit");
        QCOMPARE(password->text(), f.password);
        QVERIFY(child<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QVERIFY(!child<QLabel>(&dialog, "keyringNote")->isHidden());
        QVERIFY(dialog.passwordFromKeyring());
        QVERIFY(connectButton(dialog)->isEnabled());

        auto *user = child<QLineEdit>(&dialog, "userEdit");
        user->setText(QStringLiteral("sam"));
        emit user->editingFinished();
        QCOMPARE(password->text(), QString()); // not sam's
        QVERIFY(child<QLabel>(&dialog, "keyringNote")->isHidden());
        user->setText(f.user);
        emit user->editingFinished();
        QCOMPARE(password->text(), f.password);
        // What the user typed over it is theirs: another user does not take it away.
        password->setText(QStringLiteral("typed"));
        QVERIFY(!dialog.passwordFromKeyring());
        user->setText(QStringLiteral("sam"));
        emit user->editingFinished();
        QCOMPARE(password->text(), QStringLiteral("typed"));
    }

    // A password is remembered once the server took it; a failed attempt's fields come back.
    void aPasswordIsRememberedOnlyOnceTheServerTookIt()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        ScriptedPrompter prompter;
        ServerConnect connector(settings, passwords, prompter);
        Fields f;
        f.host = QStringLiteral("db.exmaple.com"); // mistyped
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            fill(dialog, f);
            return pressConnect(dialog);
        });
        QStringList asked;
        QVERIFY(!connector.run(nullptr, [&](const QString &location) -> QWidget * {
            asked.append(location);
            return nullptr;
        }));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(DatabaseLocation::parse(asked[0]).password(), std::optional(hostilePassword));
        QVERIFY(passwords.passwords().isEmpty());
        QVERIFY(prompter.questions.isEmpty()); // typed, not remembered: nothing to forget

        // Opened again: every field as it was, the password too; the host put right.
        QWidget opened;
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            if (child<QLineEdit>(&dialog, "hostEdit")->text() != f.host ||
                child<QLineEdit>(&dialog, "userEdit")->text() != f.user ||
                child<QLineEdit>(&dialog, "passwordEdit")->text() != f.password ||
                !child<QCheckBox>(&dialog, "rememberCheck")->isChecked())
                return false;
            child<QLineEdit>(&dialog, "hostEdit")->setText(QStringLiteral("db.example.com"));
            return pressConnect(dialog);
        });
        QCOMPARE(connector.run(nullptr, [&](const QString &) { return &opened; }), &opened);
        QCOMPARE(passwords.passwords(),
                 (QHash<QString, QString>{
                     {QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads"),
                      f.password}}));
        QVERIFY(prompter.errors.isEmpty());
    }

    // A window on the same server was open already: it is brought forward and nothing
    // connected, so a password typed now was never checked and the keyring keeps its own;
    // nobody choosing a profile is no refusal either, and nothing is offered for forgetting.
    void nothingUncheckedReachesTheKeyring()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        const QString key = QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads");
        QVERIFY(passwords.write(key, QStringLiteral("good one"), nullptr));
        ScriptedPrompter prompter;
        ServerConnect connector(settings, passwords, prompter);
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            Fields f;
            fill(dialog, f);
            child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("typo"));
            return pressConnect(dialog);
        });
        QWidget existing;
        QCOMPARE(connector.run(nullptr,
                               [&](const QString &) {
                                   return ServerConnect::Opened::alreadyOpen(&existing);
                               }),
                 &existing);
        QCOMPARE(passwords.read(key), std::optional(QStringLiteral("good one")));

        connector.setDialogRunner([&](ConnectDialog &dialog) {
            Fields f;
            fill(dialog, f);
            child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("good one"));
            return dialog.passwordFromKeyring() && pressConnect(dialog);
        });
        QVERIFY(!connector.run(nullptr,
                               [](const QString &) { return ServerConnect::Opened::declined(); }));
        QVERIFY(prompter.questions.isEmpty());
        QCOMPARE(passwords.read(key), std::optional(QStringLiteral("good one")));
    }

    // The server refused what the keyring filled in: it is offered for forgetting, and
    // forgotten only when the person says so.
    void aRefusedRememberedPasswordIsOfferedForForgetting_data()
    {
        QTest::addColumn<bool>("forget");
        QTest::newRow("forget") << true;
        QTest::newRow("keep") << false;
    }
    void aRefusedRememberedPasswordIsOfferedForForgetting()
    {
        QFETCH(bool, forget);
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        const QString key = QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads");
        QVERIFY(passwords.write(key, QStringLiteral("old one"), nullptr));
        ScriptedPrompter prompter;
        prompter.confirm = forget;
        ServerConnect connector(settings, passwords, prompter);
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            Fields f;
            fill(dialog, f);
            // The keyring's, not typed over.
            child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("old one"));
            return dialog.passwordFromKeyring() && pressConnect(dialog);
        });
        QVERIFY(!connector.run(nullptr, [](const QString &) -> QWidget * { return nullptr; }));
        QCOMPARE(prompter.questions.size(), 1);
        QVERIFY2(prompter.questions[0].contains(QStringLiteral("dana%40corp@db.example.com")),
                 qPrintable(prompter.questions[0]));
        QVERIFY(!prompter.questions[0].contains(QStringLiteral("old one")));
        QCOMPARE(passwords.read(key).has_value(), !forget);
    }

    // Unticked, a password the keyring held is taken out of it once connected.
    void untickedTheKeyringForgetsIt()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        const QString key = QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads");
        QVERIFY(passwords.write(key, hostilePassword, nullptr));
        ScriptedPrompter prompter;
        ServerConnect connector(settings, passwords, prompter);
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            Fields f;
            f.remember = false;
            fill(dialog, f);
            return pressConnect(dialog);
        });
        QWidget opened;
        QVERIFY(connector.run(nullptr, [&](const QString &) { return &opened; }));
        QVERIFY(!passwords.read(key));
    }

    // Without a keyring the connection goes ahead, and the window says the password will be
    // asked each time.
    void withoutAKeyringItSaysSoAndConnects()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore noKeyring(false);
        ScriptedPrompter prompter;
        ServerConnect connector(settings, noKeyring, prompter);
        connector.setDialogRunner([&](ConnectDialog &dialog) {
            fill(dialog, Fields());
            return pressConnect(dialog);
        });
        QWidget opened;
        QCOMPARE(connector.run(nullptr, [&](const QString &) { return &opened; }), &opened);
        QCOMPARE(prompter.errors.size(), 1);
        const QString message = prompter.errors[0];
        QVERIFY2(message.contains(QStringLiteral("could not be remembered")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("asked each time")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("p@ss")), qPrintable(message));
    }

    // The real keyring store where no keyring answers (ctest gives this test no D-Bus
    // session): it says so, soon, and keeps nothing anywhere else.
    void theDesktopKeyringAbsentIsSaid()
    {
        if (qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS") !=
            QLatin1String("unix:path=/nonexistent/handoff-test-bus"))
            QSKIP("runs only without a D-Bus session (as ctest runs it): a desktop's keyring "
                  "is not written by tests");
        KeyringPasswordStore keyring(5000);
        QElapsedTimer clock;
        clock.start();
        QString error;
        QVERIFY(
            !keyring.write(QStringLiteral("handoff:test@db:5432/leads"), hostilePassword, &error));
        QVERIFY2(error.startsWith(QStringLiteral("no desktop keyring is available")),
                 qPrintable(error));
        QVERIFY(!keyring.read(QStringLiteral("handoff:test@db:5432/leads")));
        keyring.remove(QStringLiteral("handoff:test@db:5432/leads"));
        QVERIFY(clock.elapsed() < 15000);
    }

    // As it shows: every field and label inside the dialog, the note and the problem whole.
    // For looking at it: HANDOFF_SCREENSHOT_DIR=/tmp/shots tst_connectdialog (under xvfb-run
    // with QT_QPA_PLATFORM=xcb for the desktop's fonts).
    void theDialogShowsWhole()
    {
        AppSettings settings(freshSettings());
        MemoryPasswordStore passwords;
        const Fields f;
        QVERIFY(
            passwords.write(QStringLiteral("handoff:dana%40corp@db.example.com:5432/team%20leads"),
                            f.password, nullptr));
        ConnectDialog dialog(settings, passwords);
        fill(dialog, f);
        child<QLineEdit>(&dialog, "portEdit")->setText(QStringLiteral("70000"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!child<QLabel>(&dialog, "keyringNote")->isHidden());
        const auto widgets = dialog.findChildren<QWidget *>();
        for (const QWidget *w : widgets) {
            if (!w->isVisible() || w->parentWidget() != &dialog)
                continue;
            QVERIFY2(dialog.rect().contains(w->geometry()), qPrintable(w->objectName()));
            QVERIFY2(w->height() >= w->minimumSizeHint().height(), qPrintable(w->objectName()));
        }
        const QPixmap picture = dialog.grab();
        QVERIFY(picture.save(m_dir.filePath(QStringLiteral("connect-dialog.png"))));
        if (qEnvironmentVariableIsSet("HANDOFF_SCREENSHOT_DIR"))
            picture.save(qEnvironmentVariable("HANDOFF_SCREENSHOT_DIR") +
                         QStringLiteral("/connect-dialog.png"));
    }

    // File > Connect to a team server…, after Open database…, asks from the window.
    void theFileMenuAsks()
    {
        Desk desk(freshSettings(), m_dir.filePath(QStringLiteral("menu.sqlite")));
        MainWindow *window = desk.from;
        auto *menu = window->findChild<QMenu *>(QStringLiteral("fileMenu"));
        QVERIFY(menu);
        QAction *action = window->databaseFiles()->connectAction();
        QCOMPARE(action->objectName(), QStringLiteral("connectServerAction"));
        QCOMPARE(menu->actions().value(2), action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        QList<QWidget *> askedFrom;
        desk.windows.serverConnect().setDialogRunner([&](ConnectDialog &dialog) {
            askedFrom.append(dialog.parentWidget());
            return false; // cancelled
        });
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keySequence(window, action->shortcut());
        QCOMPARE(askedFrom, QList<QWidget *>{window});
        QCOMPARE(desk.windows.windows().size(), 1);
    }

    // With the team server's run: the dialog's address opens a console window on the
    // server, the password is remembered then, and asking again brings that window forward.
    void aTeamServerOpensInAWindowOfItsOwn()
    {
        const QString server = testServerAddress();
        if (server.isEmpty())
            QSKIP("needs the team server's run (HANDOFF_TEST_POSTGRESQL)");
        ServerTestDatabase database(server);
        {
            Database create(database.address());
        }
        Desk desk(freshSettings(), m_dir.filePath(QStringLiteral("first.sqlite")));
        auto &windows = desk.windows;
        auto &prompter = desk.prompter;
        auto &passwords = desk.passwords;
        Fields f = fieldsFor(database.address());
        f.password = QStringLiteral("trusted anyway"); // the test server trusts this user
        windows.serverConnect().setDialogRunner([&](ConnectDialog &dialog) {
            fill(dialog, f);
            return pressConnect(dialog);
        });
        desk.connectToServer();
        QCOMPARE(windows.windows().size(), 2);
        MainWindow *opened = windows.windows().at(1);
        QVERIFY(opened->console().database().isServer());
        const ServerLogin login{f.host,    f.port.toInt(), f.database, f.user,
                                f.sslMode, f.password,     true};
        QCOMPARE(opened->console().database().location(), login.location());
        QVERIFY(!opened->console().database().filePath().contains(f.password));
        QVERIFY2(prompter.errors.isEmpty(), qPrintable(prompter.errors.join(QLatin1Char('\n'))));
        QCOMPARE(passwords.passwords().size(), 1);
        QCOMPARE(passwords.passwords().begin().value(), f.password);

        // The same database as the same user again (another SSL mode this time): the window
        // already on it comes forward.
        f.sslMode = QStringLiteral("prefer");
        desk.from->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.from));
        desk.connectToServer();
        QCOMPARE(windows.windows().size(), 2);
        QTRY_VERIFY(opened->isActiveWindow());
    }

    // A user the server asks a password of (pgserver.sh), and the keyring's is wrong: the
    // error names the server without the password, no window opens, and the wrong password
    // is forgotten when the person says so.
    void aRefusedPasswordIsNotRemembered()
    {
        const QString server = testServerAddress();
        if (server.isEmpty())
            QSKIP("needs the team server's run (HANDOFF_TEST_POSTGRESQL)");
        ServerTestDatabase database(server);
        {
            Database create(database.address());
        }
        const Fields f =
            fieldsFor(database.addPasswordUser(QStringLiteral("pw"), QStringLiteral("right-one")));
        Desk desk(freshSettings(), m_dir.filePath(QStringLiteral("second.sqlite")));
        auto &prompter = desk.prompter;
        prompter.confirm = true; // forget it
        const QString key =
            ServerLogin{f.host, f.port.toInt(), f.database, f.user, f.sslMode, {}, true}
                .keyringKey();
        QVERIFY(desk.passwords.write(key, QStringLiteral("wrong-one"), nullptr));
        desk.windows.serverConnect().setDialogRunner([&](ConnectDialog &dialog) {
            fill(dialog, f); // no password typed: the keyring's is filled in
            return dialog.passwordFromKeyring() && pressConnect(dialog);
        });
        desk.connectToServer();
        QCOMPARE(desk.windows.windows().size(), 1);
        QCOMPARE(prompter.errors.size(), 1);
        const QString error = prompter.errors[0];
        QVERIFY2(error.contains(f.user) && error.contains(QStringLiteral("password")),
                 qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("wrong-one")), qPrintable(error));
        QCOMPARE(prompter.questions.size(), 1);
        QVERIFY(!desk.passwords.read(key));
    }
};

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
