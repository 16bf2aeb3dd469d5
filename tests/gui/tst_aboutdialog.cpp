#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include "queues/console.h"
#include "scriptedprompter.h"
#include "testdatabase.h"
#include "ui/aboutdialog.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"

using namespace handoff;

// Help > About says which Handoff this is and which database the window works on, where it is
// and its schema version: what a support question starts with.
class TestAboutDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString labelText(const QWidget *dialog, const char *name)
    {
        const auto *label = dialog->findChild<QLabel *>(QString::fromLatin1(name));
        return label ? label->text() : QStringLiteral("(no label %1)").arg(QLatin1String(name));
    }

private slots:
    void initTestCase()
    {
        // What main() says; tests do not go through it.
        QApplication::setApplicationVersion(QStringLiteral(HANDOFF_VERSION));
    }

    void fromTheHelpMenu()
    {
        TestDatabase db;
        Console console(db.path());
        AppSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Sam"), Profile::Role::Sales};
        MainWindow window(console, settings, prompter);
        window.show();
        QVERIFY(window.ensureProfile());
        // The window (and the tray) show the icon: the SVG renders.
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull());

        auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        about->trigger();
        AboutDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<AboutDialog *>()) && dialog->isVisible());
        QCOMPARE(labelText(dialog, "aboutVersion"),
                 QStringLiteral("<b>Handoff " HANDOFF_VERSION "</b>"));
        // Where the database is: the file's absolute path, or the server's address without
        // its password.
        QCOMPARE(labelText(dialog, "aboutDatabase"), console.database().filePath());
        QVERIFY(labelText(dialog, "aboutDatabase")
                    .endsWith(db.isServer() ? db.path().section(QLatin1Char('/'), -1)
                                            : QStringLiteral("/test.sqlite")));
        QCOMPARE(labelText(dialog, "aboutSchema"), QString::number(Database::SchemaVersion));
        QTest::qWait(50); // laid out and painted
        QVERIFY(dialog->grab().save(db.picturePath(QStringLiteral("about.png"))));

        dialog->close();
        QTRY_VERIFY(!window.findChild<AboutDialog *>()); // gone, not hidden
    }

    // A database of an older schema than this Handoff writes (opened without migrating, as
    // tests can): the dialog says both.
    void olderSchemaSaysSo()
    {
        const Database older(m_dir.filePath(QStringLiteral("older.sqlite")),
                             Database::SchemaVersion - 1);
        const AboutDialog dialog(older);
        QCOMPARE(labelText(&dialog, "aboutSchema"), QStringLiteral("%1 (this Handoff writes %2)")
                                                        .arg(Database::SchemaVersion - 1)
                                                        .arg(Database::SchemaVersion));
        QCOMPARE(labelText(&dialog, "aboutDatabase"), older.filePath());
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
