// Several processes on one database file, as a team has it: a console with more than one
// connection open (the dashboard, the tuning workspace), the command line and other consoles
// writing meanwhile. Real processes, because the failures live in the operating system's
// file locks and in SQLite's WAL, which one process cannot fake.

#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"
#include "database.h"
#include "leadrepository.h"
#include "testdatabase.h"

class TestSharedFile : public QObject
{
    Q_OBJECT

private:
    // What a fresh process sees in the file: the sqlite3 shell, independent of our code.
    static QString seenByAnotherProcess(const QString &path, const QString &statement)
    {
        QProcess shell;
        shell.start(QStringLiteral("sqlite3"), {path, statement});
        if (!shell.waitForFinished(30000) || shell.exitCode() != 0)
            return QStringLiteral("sqlite3 failed: ") +
                   QString::fromUtf8(shell.readAllStandardError());
        return QString::fromUtf8(shell.readAllStandardOutput()).trimmed();
    }

private slots:
    void aSecondConnectionKeepsTheWalOfTheFirstAlive()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("team.sqlite"));
        Database console(path);
        LeadRepository(console.connection()).insert(makeLead(QStringLiteral("first@example.com")));
        // The dashboard opens its own connection to the same file.
        Database dashboard(path);
        QCOMPARE(LeadRepository(dashboard.connection()).count(), 1);

        // A command run meanwhile opens the file and closes it again.
        const CliRun run = runHandoff(
            {QStringLiteral("queue"), QStringLiteral("interest"), QStringLiteral("--db"), path});
        QCOMPARE(run.exitCode, 0);
        // It must not have taken our -wal and -shm away: we still have them open.
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-shm")));

        // The console keeps writing, and every other process sees each write.
        LeadRepository leads(console.connection());
        for (int i = 0; i < 20; ++i)
            leads.insert(makeLead(QStringLiteral("later%1@example.com").arg(i)));
        QCOMPARE(seenByAnotherProcess(path, QStringLiteral("SELECT count(*) FROM leads")),
                 QStringLiteral("21"));
        QCOMPARE(seenByAnotherProcess(path, QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
    }

    void readOnlyCommandsRefuseAMissingOrEmptyFileAndLeaveItAlone()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("killed.sqlite"));
        {
            QFile file(empty);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const CliRun run = runHandoff(
            {QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"), empty});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(empty) && run.err.contains(QStringLiteral("empty")),
                 qPrintable(run.err));
        QCOMPARE(QFileInfo(empty).size(), 0);
        QVERIFY(!QFileInfo::exists(empty + QStringLiteral("-wal")));

        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        QCOMPARE(runHandoff({QStringLiteral("queue"), QStringLiteral("intent"),
                             QStringLiteral("--db"), missing})
                     .exitCode,
                 1);
        QVERIFY(!QFileInfo::exists(missing));
    }
};

QTEST_GUILESS_MAIN(TestSharedFile)
#include "tst_sharedfile.moc"
