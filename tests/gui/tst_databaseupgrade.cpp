// An older lead database is upgraded before a window opens on it, off the GUI thread and
// behind a dialog; a current one, or what is not a Handoff database, is left to the opening
// that follows. Run for a file and, in the server run, for a team server's database.

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "demo/demogenerator.h"
#include "store/database.h"
#include "store/leadrepository.h"
#include "testdatabase.h"
#include "ui/databaseupgrade.h"

using namespace handoff;

class TestDatabaseUpgrade : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Whether the upgrade dialog was on screen while the event loop ran.
    struct DialogWatch
    {
        bool seen = false;
        QTimer ticker;
        DialogWatch()
        {
            QObject::connect(&ticker, &QTimer::timeout, [this] {
                for (const QWidget *widget : QApplication::topLevelWidgets())
                    seen |= widget->objectName() == QStringLiteral("databaseUpgrade") &&
                            widget->isVisible();
            });
            ticker.start(0);
        }
    };

private slots:
    void anOlderDatabaseIsUpgradedBehindADialog()
    {
        TestDatabases databases(m_dir);
        const QString location = databases.make(QStringLiteral("older"));
        int leads = 0;
        {
            Database older(location, Database::FileSchemaVersion - 1);
            DemoGenerator(older, {300, 5, 0, 26}).run();
            leads = int(LeadRepository(older.connection()).count());
        }
        DialogWatch watch;
        const QString kept = DatabaseUpgrade::runIfNeeded(location, nullptr);
        QVERIFY(watch.seen);
        Database db(location, Database::Open::ReadOnly);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(LeadRepository(db.connection()).count(), leads);
        if (databases.onServer()) {
            QVERIFY(kept.isEmpty()); // whoever runs the server backs it up
        } else {
            QVERIFY2(kept.startsWith(location + QStringLiteral(".v")), qPrintable(kept));
            QCOMPARE(Database::readSchemaVersion(kept), Database::FileSchemaVersion - 1);
        }
    }

    void aCurrentDatabaseIsLeftAsItIs()
    {
        TestDatabases databases(m_dir);
        const QString location = databases.make(QStringLiteral("current"));
        {
            Database current(location);
        }
        DialogWatch watch;
        QVERIFY(DatabaseUpgrade::runIfNeeded(location, nullptr).isEmpty());
        QCoreApplication::processEvents();
        QVERIFY(!watch.seen);
    }

    // Not a Handoff database, or nothing there: the opening that follows says what is wrong.
    void whatIsNotAnOlderDatabaseIsLeftToTheOpening()
    {
        const QString text = m_dir.filePath(QStringLiteral("leads.csv"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name,email\nAnn,ann@x.example\n");
        file.close();
        QVERIFY(DatabaseUpgrade::runIfNeeded(text, nullptr).isEmpty());
        QVERIFY(
            DatabaseUpgrade::runIfNeeded(m_dir.filePath(QStringLiteral("missing.sqlite")), nullptr)
                .isEmpty());
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("missing*")}).size(), 0);
    }
};

QTEST_MAIN(TestDatabaseUpgrade)
#include "tst_databaseupgrade.moc"
