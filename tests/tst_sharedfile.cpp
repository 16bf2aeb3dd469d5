// Several processes on one database file, as a team has it: a console with more than one
// connection open (the dashboard, the tuning workspace), the command line and other consoles
// writing meanwhile. Real processes, because the failures live in the operating system's
// file locks and in SQLite's WAL, which one process cannot fake.

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "clirun.h"
#include "queues/handoffactions.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/profile.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

// The child process of the claim race: one rep's console, claiming every hand-raiser in its
// own order and saying, per handoff, "won ID" or "lost ID HOLDER" (or "error ID MESSAGE").
int claimAll(const QString &path, const QString &rep, quint32 seed)
{
    QTextStream out(stdout);
    Database db(path);
    const auto profile = ProfileRepository(db.connection()).find(rep);
    if (!profile)
        return 3;
    HandoffActions actions(db, *profile);
    QList<Handoff> open = HandoffRepository(db.connection()).open(Handoff::Trigger::Intent);
    QRandomGenerator random(seed);
    std::shuffle(open.begin(), open.end(), random);
    for (const Handoff &h : open) {
        try {
            const auto result = actions.claim(h.id, 1'800'000'000);
            out << (result.won ? QStringLiteral("won %1\n").arg(h.id)
                               : QStringLiteral("lost %1 %2\n").arg(h.id).arg(result.holder));
        } catch (const Error &e) {
            out << QStringLiteral("error %1 %2\n").arg(h.id).arg(e.message());
        }
    }
    return 0;
}

} // namespace

class TestSharedFile : public QObject
{
    Q_OBJECT

private:
    static QString writeLeadsCsv(const QString &path, const QString &prefix, int count)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        QTextStream out(&file);
        out << "Email,First Name,Last Name,Company,Job Title\n";
        for (int i = 0; i < count; ++i)
            out << prefix << i << "@example.com,Ann" << i << ",Lee,Acme " << i % 50
                << ",VP Sales\n";
        return path;
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
        QCOMPARE(runSqliteShell(path, QStringLiteral("SELECT count(*) FROM leads")),
                 QStringLiteral("21"));
        QCOMPARE(runSqliteShell(path, QStringLiteral("PRAGMA integrity_check")),
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

        // What a creation killed before its first commit leaves: a header and no schema.
        const QString headerOnly = dir.filePath(QStringLiteral("header-only.sqlite"));
        QCOMPARE(runSqliteShell(headerOnly, QStringLiteral("PRAGMA journal_mode = WAL")),
                 QStringLiteral("wal"));
        for (const QString &command : {QStringLiteral("queue"), QStringLiteral("check")}) {
            QStringList arguments = {command, QStringLiteral("--db"), headerOnly};
            if (command == QLatin1String("queue"))
                arguments.insert(1, QStringLiteral("intent"));
            const CliRun refused = runHandoff(arguments);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains(QStringLiteral("is empty")), qPrintable(refused.err));
        }
        QCOMPARE(runSqliteShell(headerOnly, QStringLiteral("SELECT count(*) FROM sqlite_master")),
                 QStringLiteral("0"));

        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        QCOMPARE(runHandoff({QStringLiteral("queue"), QStringLiteral("intent"),
                             QStringLiteral("--db"), missing})
                     .exitCode,
                 1);
        QVERIFY(!QFileInfo::exists(missing));
    }

    // Eight reps' consoles claim the same hand-raisers at once, each in its own order.
    void everyHandRaiserIsClaimedExactlyOnceAndLosersLearnTheWinner()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("race.sqlite"));
        constexpr int HandRaisers = 150;
        constexpr int Reps = 8;
        {
            Database db(path);
            Transaction transaction(db.connection());
            LeadRepository leads(db.connection());
            HandoffRepository handoffs(db.connection());
            for (int i = 0; i < HandRaisers; ++i) {
                Handoff h;
                h.leadId = leads.insert(makeLead(QStringLiteral("hand%1@example.com").arg(i)));
                h.raisedAt = 1'800'000'000 - i;
                handoffs.raise(h);
            }
            for (int r = 0; r < Reps; ++r)
                ProfileRepository(db.connection())
                    .add(QStringLiteral("rep%1").arg(r), Profile::Role::Sales, 1'800'000'000);
            transaction.commit();
        }

        std::vector<std::unique_ptr<QProcess>> consoles;
        for (int r = 0; r < Reps; ++r) {
            auto process = std::make_unique<QProcess>();
            process->start(QCoreApplication::applicationFilePath(),
                           {QStringLiteral("--claim-all"), path, QStringLiteral("rep%1").arg(r),
                            QString::number(r + 1)});
            consoles.push_back(std::move(process));
        }
        QHash<qint64, QString> winners;
        QList<std::pair<qint64, QString>> losses;
        for (int r = 0; r < Reps; ++r) {
            QProcess &process = *consoles[size_t(r)];
            QVERIFY(process.waitForFinished(120000));
            QCOMPARE(process.exitCode(), 0);
            const QString rep = QStringLiteral("rep%1").arg(r);
            const QStringList lines = QString::fromUtf8(process.readAllStandardOutput())
                                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), HandRaisers); // one answer per hand-raiser, no error
            for (const QString &line : lines) {
                const QStringList words = line.split(QLatin1Char(' '));
                QVERIFY2(words.first() != QLatin1String("error"), qPrintable(line));
                const qint64 id = words.value(1).toLongLong();
                if (words.first() == QLatin1String("won")) {
                    QVERIFY2(!winners.contains(id),
                             qPrintable(QStringLiteral("claimed twice: %1").arg(id)));
                    winners.insert(id, rep);
                } else {
                    losses.append({id, words.value(2)});
                }
            }
        }
        QCOMPARE(winners.size(), HandRaisers);
        QCOMPARE(losses.size(), HandRaisers * (Reps - 1));
        for (const auto &[id, holder] : losses)
            QCOMPARE(holder, winners.value(id));

        // What the file says agrees, and every claim has its audit entry.
        Database db(path);
        for (const Handoff &h : HandoffRepository(db.connection()).open(Handoff::Trigger::Intent))
            QCOMPARE(h.claimedBy, winners.value(h.id));
        QCOMPARE(runSqliteShell(path, QStringLiteral("SELECT count(*) FROM audit_log "
                                                     "WHERE action = 'handoff.claim'")),
                 QString::number(HandRaisers));
    }

    // Two imports, a report and a console's reads on one file at once: all complete, counts exact.
    void twoImportsAndAReportAtOnceAllComplete()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("busy.sqlite"));
        QCOMPARE(runHandoff({QStringLiteral("demo"), QStringLiteral("--db"), path,
                             QStringLiteral("--leads"), QStringLiteral("1500")})
                     .exitCode,
                 0);
        const QString first =
            writeLeadsCsv(dir.filePath(QStringLiteral("a.csv")), QStringLiteral("first"), 3000);
        const QString second =
            writeLeadsCsv(dir.filePath(QStringLiteral("b.csv")), QStringLiteral("second"), 3000);
        Database console(path);
        const qint64 before = LeadRepository(console.connection()).count();

        const auto start = [&](const QStringList &arguments) {
            auto process = std::make_unique<QProcess>();
            process->start(QStringLiteral(HANDOFF_BINARY), arguments);
            return process;
        };
        std::vector<std::unique_ptr<QProcess>> writers;
        writers.push_back(start({QStringLiteral("import"), QStringLiteral("--db"), path, first}));
        writers.push_back(start({QStringLiteral("import"), QStringLiteral("--db"), path, second}));
        writers.push_back(start({QStringLiteral("report"), QStringLiteral("--db"), path,
                                 QStringLiteral("--out"), dir.filePath(QStringLiteral("r.pdf"))}));
        // Meanwhile this console keeps reading, as its watch does every few hundred ms.
        qint64 lastCount = before;
        for (int i = 0; i < 50; ++i) {
            const qint64 count = LeadRepository(console.connection()).count();
            QVERIFY(count == before || count == before + 3000 || count == before + 6000);
            QVERIFY(count >= lastCount); // a batch appears whole, never in part
            lastCount = count;
            QTest::qWait(20);
        }
        for (auto &writer : writers) {
            // The wait above ran the event loop: a writer may be done already.
            QVERIFY(writer->state() == QProcess::NotRunning || writer->waitForFinished(120000));
            QCOMPARE(writer->exitStatus(), QProcess::NormalExit);
            QVERIFY2(writer->exitCode() == 0, writer->readAllStandardError().constData());
        }
        QCOMPARE(LeadRepository(console.connection()).count(), before + 6000);
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("r.pdf"))).size() > 0);
        QCOMPARE(runSqliteShell(path, QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
        QCOMPARE(runSqliteShell(path, QStringLiteral("SELECT count(*) FROM import_batches")),
                 QStringLiteral("2"));
    }
};

int main(int argc, char **argv)
{
    // The claim race runs this same program as each rep's console.
    if (argc == 5 && qstrcmp(argv[1], "--claim-all") == 0) {
        QCoreApplication app(argc, argv);
        return claimAll(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                        quint32(QByteArray(argv[4]).toUInt()));
    }
    QCoreApplication app(argc, argv);
    TestSharedFile test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_sharedfile.moc"
