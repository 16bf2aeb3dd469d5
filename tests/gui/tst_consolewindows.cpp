// File > New database and File > Open database, as someone at a desk uses them: each
// database opens in a window of its own, and a file that will not do is said in the window
// that asked, which keeps its database.

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "demo/demogenerator.h"
#include "queues/console.h"
#include "scoring/draftdocument.h"
#include "scoring/modelversions.h"
#include "scoring/startstate.h"
#include "scriptedprompter.h"
#include "store/leadrepository.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/consolewindows.h"
#include "ui/databasefiles.h"
#include "ui/mainwindow.h"
#include "ui/queuepanel.h"
#include "ui/tuningworkspace.h"

using namespace handoff;

class TestConsoleWindows : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;      // the database the first window works on
    QString m_other;   // another healthy database
    QString m_healthy; // a closed copy to damage
    int m_count = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static void makeDemo(const QString &file, int leads, quint64 seed)
    {
        Database db(file);
        DemoGenerator(db, {leads, seed, 0, 26}).run();
    }

    // A copy of a healthy database with pages in its middle made unreadable, as a bad
    // sector or a stray write leaves them.
    QString damagedCopy(const QString &name)
    {
        QFile source(m_healthy);
        if (!source.open(QIODevice::ReadOnly))
            return {};
        QByteArray bytes = source.readAll();
        const qsizetype pageSize = 4096;
        const qsizetype middle = bytes.size() / pageSize / 2;
        for (qsizetype page = middle; page < middle + 24; ++page)
            bytes[page * pageSize] = char(0x6b);
        QFile out(path(name));
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return {};
        return out.fileName();
    }

    // For looking at it: HANDOFF_SCREENSHOT_DIR=/tmp/shots tst_consolewindows
    void keepPicture(QWidget *widget, const QString &name) const
    {
        const QPixmap picture = widget->grab();
        picture.save(path(name));
        if (qEnvironmentVariableIsSet("HANDOFF_SCREENSHOT_DIR"))
            picture.save(qEnvironmentVariable("HANDOFF_SCREENSHOT_DIR") + QLatin1Char('/') + name);
    }

    // One application with its first window on m_db, as the launcher leaves it.
    struct Desk
    {
        explicit Desk(const QString &settingsFile)
            : settings(settingsFile)
            , windows(settings, prompter)
        {
            // Maya, remembered; a database that does not know her yet has her added.
            prompter.profile = Profile{0, QStringLiteral("Maya"), Profile::Role::Marketing};
            settings.setValue(AppSettings::Key::ProfileName, QStringLiteral("Maya"));
        }
        MainWindow *start(const QString &db)
        {
            MainWindow *window = windows.open(db, Database::Open::Existing);
            window->ensureProfile();
            windows.start(window);
            // Without a saved state every lead is read behind the window: the tests count both
            // queues (and a window closed before then leaves no state for the next start).
            if (!QTest::qWaitFor([window] { return !window->console().isLoading(); }, 20000))
                qWarning("every lead of %s was not read within 20 s", qPrintable(db));
            return window;
        }

        AppSettings settings;
        ScriptedPrompter prompter;
        ConsoleWindows windows;
    };

    QString freshSettings() { return path(QStringLiteral("settings-%1.ini").arg(++m_count)); }

    static int rows(QueuePanel *panel) { return panel->view()->model()->rowCount(); }

    // Presses `keys` in the window, as its user would.
    static bool press(MainWindow *window, const QKeySequence &keys)
    {
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window))
            return false;
        QTest::keySequence(window, keys);
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = path(QStringLiteral("current.sqlite"));
        m_other = path(QStringLiteral("other.sqlite"));
        m_healthy = path(QStringLiteral("healthy.sqlite"));
        makeDemo(m_db, 600, 9);
        makeDemo(m_other, 300, 4);
        makeDemo(m_healthy, 2000, 3);
    }

    void theDatabaseActionsLeadTheFileMenuWithTheirShortcuts()
    {
        Desk desk(freshSettings());
        MainWindow *window = desk.start(m_db);
        DatabaseFiles *files = window->databaseFiles();
        QCOMPARE(files->newAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
        QCOMPARE(files->openAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
        auto *menu = window->findChild<QMenu *>(QStringLiteral("fileMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->actions().value(0), files->newAction());
        QCOMPARE(menu->actions().value(1), files->openAction());

        window->resize(1280, 720);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        menu->popup(window->mapToGlobal(QPoint(0, window->menuBar()->height())));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        keepPicture(menu, QStringLiteral("file-menu.png"));
        menu->hide();
    }

    void aNewDatabaseOpensInAWindowOfItsOwnWithEmptyQueues()
    {
        Desk desk(freshSettings());
        MainWindow *first = desk.start(m_db);
        const int salesBefore = rows(first->salesPanel());
        const int interestBefore = rows(first->interestPanel());
        QVERIFY(interestBefore > 0);

        // Named without a suffix: the file gets the usual one.
        desk.prompter.newFile = path(QStringLiteral("spring-campaign"));
        QVERIFY(press(first, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)));
        QVERIFY2(desk.prompter.errors.isEmpty(), qPrintable(desk.prompter.errors.join(u'\n')));
        const QString created = path(QStringLiteral("spring-campaign.sqlite"));
        QVERIFY(QFile::exists(created));
        QCOMPARE(Database::readSchemaVersion(created), Database::SchemaVersion);

        QCOMPARE(desk.windows.windows().size(), 2);
        MainWindow *fresh = desk.windows.windowOn(created);
        QVERIFY(fresh && fresh != first);
        QVERIFY(fresh->isVisible());
        QCOMPARE(rows(fresh->salesPanel()), 0);
        QCOMPARE(rows(fresh->interestPanel()), 0);
        QCOMPARE(fresh->console().profile().name, QStringLiteral("Maya"));
        QVERIFY(fresh->windowTitle().startsWith(QStringLiteral("spring-campaign.sqlite")));
        QVERIFY(fresh->statusBar()->currentMessage().contains(QStringLiteral("Import leads")));
        const QList<QLabel *> labels = fresh->statusBar()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
            return l->text() == QLatin1String("spring-campaign.sqlite");
        }));
        fresh->resize(1280, 720);
        QVERIFY(QTest::qWaitForWindowExposed(fresh));
        keepPicture(fresh, QStringLiteral("new-database.png"));

        // The first window kept its database and everything on it.
        QVERIFY(first->isVisible());
        QCOMPARE(first->console().database().filePath(), QFileInfo(m_db).absoluteFilePath());
        QCOMPARE(rows(first->salesPanel()), salesBefore);
        QCOMPARE(rows(first->interestPanel()), interestBefore);

        // Closing the new window lets it go; the first works on.
        fresh->close();
        QTRY_COMPARE(desk.windows.windows().size(), 1);
        QCOMPARE(desk.windows.windows().first(), first);
        first->console().refresh(true);
        QCOMPARE(rows(first->interestPanel()), interestBefore);
    }

    void anExistingFileIsNeverReplaced()
    {
        Desk desk(freshSettings());
        MainWindow *first = desk.start(m_db);
        const QString notes = path(QStringLiteral("notes.sqlite"));
        {
            QFile file(notes);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Meeting notes, not a database.\n");
        }
        for (const QString &taken : {notes, m_other}) {
            const QByteArray before = fileDigest(taken);
            desk.prompter.errors.clear();
            desk.prompter.newFile = taken;
            first->databaseFiles()->newAction()->trigger();
            QCOMPARE(desk.prompter.errors.size(), 1);
            QVERIFY2(desk.prompter.errors.first().contains(QStringLiteral("already exists")) &&
                         desk.prompter.errors.first().contains(taken),
                     qPrintable(desk.prompter.errors.first()));
            QCOMPARE(fileDigest(taken), before);
            QCOMPARE(desk.windows.windows().size(), 1);
        }
        // Cancelling the question does nothing at all.
        desk.prompter.errors.clear();
        desk.prompter.newFile.reset();
        first->databaseFiles()->newAction()->trigger();
        QVERIFY(desk.prompter.errors.isEmpty());
        QCOMPARE(desk.windows.windows().size(), 1);
    }

    void anotherDatabaseOpensOnceInItsOwnWindow()
    {
        Desk desk(freshSettings());
        MainWindow *first = desk.start(m_db);
        desk.prompter.openFile = m_other;
        QVERIFY(press(first, QKeySequence::Open));
        QVERIFY2(desk.prompter.errors.isEmpty(), qPrintable(desk.prompter.errors.join(u'\n')));
        QCOMPARE(desk.windows.windows().size(), 2);
        MainWindow *other = desk.windows.windowOn(m_other);
        QVERIFY(other && other != first);
        // Its first start: the window shows the sales view at once, and the interest queue
        // says it is being read until every lead is.
        QVERIFY(other->console().isLoading());
        QVERIFY(rows(other->salesPanel()) > 0);
        QCOMPARE(rows(other->interestPanel()), 0);
        QVERIFY(other->interestPanel()->waitingBar()->isVisibleTo(other));
        QTRY_VERIFY_WITH_TIMEOUT(!other->console().isLoading(), 20000);
        QVERIFY(rows(other->interestPanel()) > 0);
        QVERIFY(!other->interestPanel()->waitingBar()->isVisibleTo(other));
        QCOMPARE(LeadRepository(other->console().database().connection()).count(), 300);

        // Asked again, from either window: the open one comes forward, no second copy.
        first->databaseFiles()->openAction()->trigger();
        other->databaseFiles()->openAction()->trigger();
        QCOMPARE(desk.windows.windows().size(), 2);
        desk.prompter.openFile = m_db;
        other->databaseFiles()->openAction()->trigger();
        QCOMPARE(desk.windows.windows().size(), 2);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // Closing a window leaves what its console holds for the next start on the same file,
    // which then reads that instead of every lead and activity, and shows the same queues.
    void aClosedWindowLeavesItsStartStateForTheNextOne()
    {
        const QString file = path(QStringLiteral("restarted.sqlite"));
        makeDemo(file, 400, 6);
        int sales = 0;
        int interest = 0;
        {
            Desk desk(freshSettings());
            MainWindow *window = desk.start(file);
            QVERIFY(!window->console().startReport().fromSavedState);
            QTRY_VERIFY_WITH_TIMEOUT(!window->console().isLoading(), 20000);
            sales = rows(window->salesPanel());
            interest = rows(window->interestPanel());
            QVERIFY(window->close());
            QTRY_COMPARE(desk.windows.windows().size(), 0);
        }
        QVERIFY(QFile::exists(StartState().filePathFor(file)));
        Desk desk(freshSettings());
        MainWindow *again = desk.start(file);
        QVERIFY2(again->console().startReport().fromSavedState,
                 qPrintable(again->console().startReport().whyNotSaved));
        QCOMPARE(rows(again->salesPanel()), sales);
        QCOMPARE(rows(again->interestPanel()), interest);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // A file of an older version is upgraded before its window opens, off the GUI thread
    // behind a dialog (at a million leads it takes half a minute): the application keeps
    // drawing meanwhile, and the file as it was is kept beside it.
    void anOlderFileIsUpgradedWhileTheApplicationKeepsDrawing()
    {
        const QString file = path(QStringLiteral("older.sqlite"));
        {
            Database older(file, Database::FileSchemaVersion - 1);
            DemoGenerator(older, {600, 5, 0, 26}).run();
        }
        bool drawnDuringUpgrade = false;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            for (const QWidget *widget : QApplication::topLevelWidgets())
                drawnDuringUpgrade |= widget->objectName() == QStringLiteral("databaseUpgrade") &&
                                      widget->isVisible();
        });
        ticker.start(0);
        Desk desk(freshSettings());
        MainWindow *window = desk.start(file);
        ticker.stop();
        QVERIFY(drawnDuringUpgrade);
        QCOMPARE(window->console().database().schemaVersion(), Database::SchemaVersion);
        const QStringList kept = QDir(m_dir.path())
                                     .entryList({QStringLiteral("older.sqlite.v%1-backup-*")
                                                     .arg(Database::FileSchemaVersion - 1)});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(Database::readSchemaVersion(path(kept.first())), Database::FileSchemaVersion - 1);
        QVERIFY2(window->statusBar()->currentMessage().contains(kept.first()),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(rows(window->salesPanel()) > 0);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // A window let go takes its own windows with it: they close first and keep their work.
    void closingAWindowClosesItsTuningWorkspaceFirstAndKeepsTheDraft()
    {
        Desk desk(freshSettings());
        MainWindow *first = desk.start(m_db);
        desk.prompter.openFile = m_other;
        first->databaseFiles()->openAction()->trigger();
        MainWindow *other = desk.windows.windowOn(m_other);
        QVERIFY(other);
        TuningWorkspace *workspace = other->openTuningWorkspace();
        QTRY_VERIFY_WITH_TIMEOUT(workspace->isLoaded(), 20000);
        const qint64 draft = workspace->document()->versionId();
        // Edits wait a moment before they are saved; the window closes before that.
        // (Two: the first edit of a draft alone does not start the save timer.)
        workspace->document()->setMqlThreshold(60);
        workspace->document()->setMqlThreshold(57);

        QVERIFY(other->close());
        QTRY_COMPARE(desk.windows.windows().size(), 1);
        Database check(m_other, Database::Open::ReadOnly);
        QCOMPARE(ModelVersions(check, {}).definition(draft).mqlThreshold, 57.0);
        QVERIFY(first->isVisible());
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    void aFileThatIsNotAHandoffDatabaseLeavesTheCurrentOneOpen_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("said");
        QTest::newRow("text") << QStringLiteral("text") << QStringLiteral("not an SQLite database");
        QTest::newRow("damaged") << QStringLiteral("damaged") << QStringLiteral("damaged");
        QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("is empty");
        QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("no such file");
    }

    void aFileThatIsNotAHandoffDatabaseLeavesTheCurrentOneOpen()
    {
        QFETCH(QString, kind);
        QFETCH(QString, said);
        QString file = path(kind + QStringLiteral(".sqlite"));
        if (kind == QLatin1String("text")) {
            QFile text(file);
            QVERIFY(text.open(QIODevice::WriteOnly));
            text.write(QByteArray("Quarterly numbers, not a database.\n").repeated(200));
        } else if (kind == QLatin1String("damaged")) {
            file = damagedCopy(QStringLiteral("damaged.sqlite"));
            QVERIFY(!file.isEmpty());
        } else if (kind == QLatin1String("empty")) {
            QFile empty(file);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        const QByteArray before = fileDigest(file);

        Desk desk(freshSettings());
        MainWindow *first = desk.start(m_db);
        const int interest = rows(first->interestPanel());
        QVERIFY(first->interestPanel()->selectLead(first->console().interestQueue()->leadIdAt(2)));
        const qint64 selected = first->interestPanel()->currentLeadId();
        desk.prompter.openFile = file;
        first->databaseFiles()->openAction()->trigger();
        QCOMPARE(desk.prompter.errors.size(), 1);
        QVERIFY2(desk.prompter.errors.first().contains(said) &&
                     desk.prompter.errors.first().contains(QFileInfo(file).fileName()),
                 qPrintable(desk.prompter.errors.first()));
        QCOMPARE(desk.windows.windows().size(), 1);
        QVERIFY(first->isVisible());
        QCOMPARE(first->console().database().filePath(), QFileInfo(m_db).absoluteFilePath());
        QCOMPARE(rows(first->interestPanel()), interest);
        QCOMPARE(first->interestPanel()->currentLeadId(), selected);
        QCOMPARE(fileDigest(file), before); // refused untouched
        QVERIFY(kind == QLatin1String("missing") || QFile::exists(file));
    }
};

QTEST_MAIN(TestConsoleWindows)
#include "tst_consolewindows.moc"
