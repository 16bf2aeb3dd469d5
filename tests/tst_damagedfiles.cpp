// Damaged and hostile database files, through the command line as a user meets them: a
// clear message naming the file and what to do, exit code 1, and nothing written to the
// file. Also the tools that help then: `handoff check` and `handoff backup`.

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"
#include "testdatabase.h"

using namespace handoff;

class TestDamagedFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_healthy;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A copy of the healthy database with `pages` pages in its middle made unreadable: their
    // b-tree page type byte no longer names a page type, as a bad sector or a stray write
    // would leave them.
    QString damagedCopy(const QString &name, int pages)
    {
        QFile source(m_healthy);
        if (!source.open(QIODevice::ReadOnly))
            return {};
        QByteArray bytes = source.readAll();
        const qsizetype pageSize = 4096;
        const qsizetype middle = bytes.size() / pageSize / 2;
        for (qsizetype page = middle; page < middle + pages; ++page)
            bytes[page * pageSize] = char(0x6b);
        const QString target = path(name);
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return {};
        return target;
    }

private slots:
    void initTestCase()
    {
        m_healthy = path(QStringLiteral("healthy.sqlite"));
        const CliRun run = runHandoff({QStringLiteral("demo"), QStringLiteral("--db"), m_healthy,
                                       QStringLiteral("--leads"), QStringLiteral("2000"),
                                       QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // A closed WAL database is checkpointed into its one file: what a user copies around.
        QVERIFY(!QFile::exists(m_healthy + QStringLiteral("-wal")));
    }

    void aHealthyFilePassesItsCheck()
    {
        const CliRun run = runHandoff({QStringLiteral("check"), QStringLiteral("--db"), m_healthy});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("No problems found"));
        QVERIFY(!run.out.contains("PROBLEM"));
    }

    void damagedPagesStopEveryReadWithTheFileNamed()
    {
        const QString damaged = damagedCopy(QStringLiteral("damaged.sqlite"), 24);
        QVERIFY(!damaged.isEmpty());
        const QByteArray before = fileDigest(damaged);

        // Before, the scan stopped at the damage and listed part of the queue with exit 0.
        CliRun run =
            runHandoff({QStringLiteral("queue"), QStringLiteral("interest"), QStringLiteral("--db"),
                        damaged, QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(damaged) && run.err.contains(QStringLiteral("damaged")) &&
                     run.err.contains(QStringLiteral("handoff check")),
                 qPrintable(run.err));

        // An import adds nothing to it.
        const QString leads = path(QStringLiteral("leads.csv"));
        {
            QFile csv(leads);
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("Email,First Name,Company\nnew@example.com,New,Acme\n");
        }
        run = runHandoff({QStringLiteral("import"), QStringLiteral("--db"), damaged, leads});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("damaged")), qPrintable(run.err));
        QCOMPARE(fileDigest(damaged), before);

        run = runHandoff({QStringLiteral("check"), QStringLiteral("--db"), damaged});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("PROBLEM  the file's pages and indexes"));
        QCOMPARE(fileDigest(damaged), before);
    }

    // An unattended start (a screenshot, a script) never waits on a dialog nobody sees.
    void anUnattendedConsoleReportsOnStandardErrorAndExits()
    {
        const QString damaged = damagedCopy(QStringLiteral("damaged-console.sqlite"), 24);
        const QString picture = path(QStringLiteral("console.png"));
        const CliRun run =
            runHandoff({QStringLiteral("--db"), damaged, QStringLiteral("--screenshot"), picture});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(damaged) && run.err.contains(QStringLiteral("damaged")),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(picture));
    }

    void aTruncatedFileIsRefused()
    {
        const QString truncated = path(QStringLiteral("truncated.sqlite"));
        QVERIFY(QFile::copy(m_healthy, truncated));
        QFile file(truncated);
        QVERIFY(file.resize(file.size() / 3));
        const CliRun run = runHandoff(
            {QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"), truncated});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(truncated) && run.err.contains(QStringLiteral("damaged")),
                 qPrintable(run.err));
    }

    void aFileOfAnotherKindIsRefusedUntouched()
    {
        const QString text = path(QStringLiteral("notes.sqlite"));
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("Meeting notes, not a database.\n").repeated(200));
        }
        const QByteArray before = fileDigest(text);
        for (const QString &command : {QStringLiteral("queue"), QStringLiteral("check")}) {
            QStringList arguments = {command, QStringLiteral("--db"), text};
            if (command == QLatin1String("queue"))
                arguments.insert(1, QStringLiteral("intent"));
            const CliRun run = runHandoff(arguments);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("not an SQLite database")),
                     qPrintable(run.err));
        }
        QCOMPARE(fileDigest(text), before);
        QVERIFY(!QFile::exists(text + QStringLiteral("-wal")));
    }

    void backupMakesACheckedCopyAndNeverOverwrites()
    {
        const QString copy = path(QStringLiteral("copy.sqlite"));
        CliRun run = runHandoff({QStringLiteral("backup"), QStringLiteral("--db"), m_healthy,
                                 QStringLiteral("--out"), copy});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!QFile::exists(copy + QStringLiteral(".partial")));
        run = runHandoff({QStringLiteral("check"), QStringLiteral("--db"), copy});
        QCOMPARE(run.exitCode, 0);
        // The copy holds the same rows (compared by a fresh process, table by table: the
        // queues' scores fade with the clock between two runs).
        const auto rows = [](const QString &db, const QString &table) {
            return runSqliteShell(db, QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
        };
        for (const QString &table :
             {QStringLiteral("leads"), QStringLiteral("activities"), QStringLiteral("handoffs"),
              QStringLiteral("stage_history"), QStringLiteral("scoring_models")}) {
            const QString original = rows(m_healthy, table);
            QVERIFY2(!original.isEmpty(), qPrintable(table));
            QVERIFY2(rows(copy, table) == original, qPrintable(table));
        }

        const QByteArray before = fileDigest(copy);
        run = runHandoff({QStringLiteral("backup"), QStringLiteral("--db"), m_healthy,
                          QStringLiteral("--out"), copy});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
        QCOMPARE(fileDigest(copy), before);
    }

    void backupOfADamagedFileLeavesNoCopy()
    {
        const QString damaged = damagedCopy(QStringLiteral("damaged-for-backup.sqlite"), 24);
        const QString copy = path(QStringLiteral("damaged-copy.sqlite"));
        const CliRun run = runHandoff({QStringLiteral("backup"), QStringLiteral("--db"), damaged,
                                       QStringLiteral("--out"), copy});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("handoff check")), qPrintable(run.err));
        QVERIFY(!QFile::exists(copy));
        QVERIFY(!QFile::exists(copy + QStringLiteral(".partial")));
    }
};

QTEST_GUILESS_MAIN(TestDamagedFiles)
#include "tst_damagedfiles.moc"
