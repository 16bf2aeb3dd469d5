#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "demo/demodatabase.h"
#include "store/database.h"
#include "store/error.h"
#include "store/leadrepository.h"

using namespace handoff;

// A demo database appears whole or not at all: what `handoff demo` and the console's first
// start leave behind when they finish, are cancelled, or find something in the way.
class TestDemoDatabase : public QObject
{
    Q_OBJECT

private:
    static DemoOptions small()
    {
        DemoOptions options;
        options.leads = 60;
        options.seed = 9;
        return options;
    }

    static qint64 leadsIn(const QString &path)
    {
        Database db(path, Database::Open::Existing);
        return LeadRepository(db.connection()).count();
    }

    static QString failureOf(const QString &path, const DemoOptions &options)
    {
        try {
            DemoDatabase::create(path, options);
        } catch (const Error &e) {
            return e.message();
        }
        return {};
    }

private slots:
    void appearsCompleteWithNothingBesideIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        const auto summary = DemoDatabase::create(path, small());
        QVERIFY(summary);
        QCOMPARE(summary->leads, 60);
        QCOMPARE(leadsIn(path), 60);
        // Only the database itself: no temporary, no WAL that the rename would have left.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("demo.sqlite")});
    }

    void anExistingDatabaseIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        DemoDatabase::create(path, small());
        DemoOptions bigger = small();
        bigger.leads = 80;
        const QString why = failureOf(path, bigger);
        QVERIFY2(why.contains(QStringLiteral("already exists")), qPrintable(why));
        QCOMPARE(leadsIn(path), 60);
        QVERIFY(!QFile::exists(DemoDatabase::partialPath(path)));
    }

    void aStaleTemporaryFromAKilledRunIsReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        const QString partial = DemoDatabase::partialPath(path);
        for (const QString &file : {partial, partial + QStringLiteral("-wal")}) {
            QFile stale(file);
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("half a demo, then the power went");
        }
        QVERIFY(DemoDatabase::create(path, small()));
        QCOMPARE(leadsIn(path), 60);
        QVERIFY(!QFile::exists(partial));
        QVERIFY(!QFile::exists(partial + QStringLiteral("-wal")));
    }

    void anEmptyFileIsTakenAsAbsent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY(DemoDatabase::create(path, small()));
        QCOMPARE(leadsIn(path), 60);
    }

    void cancellingLeavesNothingBehind()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        const auto summary =
            DemoDatabase::create(path, small(), [](qint64, qint64) { return false; });
        QVERIFY(!summary);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void refusedWhileAnotherDemoIsBeingMadeIntoTheSameFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        QString why;
        const auto first = DemoDatabase::create(path, small(), [&](qint64, qint64) {
            why = failureOf(path, small()); // a second demo into the same file, meanwhile
            return true;
        });
        QVERIFY2(why.contains(QStringLiteral("another demo")), qPrintable(why));
        QVERIFY(first);
        QCOMPARE(leadsIn(path), 60);
    }

    void aMissingFolderIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nowhere/demo.sqlite"));
        const QString why = failureOf(path, small());
        QVERIFY2(why.contains(QStringLiteral("does not exist")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestDemoDatabase)
#include "tst_demodatabase.moc"
