// A team server that goes away mid-session (killed as a crash would, then started again on the
// same address): a console says it is offline, connects again by itself, and catches up with
// what other desks wrote meanwhile, missing nothing and applying nothing twice. The test runs
// a server of its own (postgresql/pgserver.sh), since it kills it.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "demo/demogenerator.h"
#include "errorof.h"
#include "postgresql/ownserver.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "queues/salesqueuemodel.h"
#include "store/activityrepository.h"
#include "store/handoffrepository.h"
#include "store/keptdatabase.h"
#include "store/leadrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

// A hand-raiser written by another desk: a new lead and its demo request.
qint64 raiseHand(const QString &address, const QString &email, qint64 at)
{
    Database other(address, Database::Open::Existing);
    Transaction transaction(other.connection());
    const qint64 id = LeadRepository(other.connection()).insert(makeLead(email));
    ActivityRepository(other.connection())
        .insert({0, id, activityTypeId(other, QStringLiteral("demo_request")), at, {}, {}});
    transaction.commit();
    return id;
}

// A server of the test's own, holding a team database with demo leads.
struct Team
{
    explicit Team(int leads)
    {
        if (!server.isRunning())
            return;
        database.emplace(server.address());
        Database db(database->address());
        DemoGenerator(db, {leads, 5, 0, 26}).run();
    }
    QString address() const { return database->address(); }

    OwnServer server;
    std::optional<ServerTestDatabase> database;
};

} // namespace

class TestServerRestart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/lib/postgresql/15/bin/initdb")))
            QSKIP("PostgreSQL 15 is not installed (packaging/debian-packages.txt has it)");
    }

    void aConsoleReconnectsAndCatchesUpAfterTheServerRestarts()
    {
        Team team(100);
        QVERIFY(team.server.isRunning());
        Console console(team.address());
        console.watch(0); // each look below is the test's own
        QSignalSpy offline(&console, &Console::wentOffline);
        QSignalSpy online(&console, &Console::cameBackOnline);
        QSignalSpy escalated(&console, &Console::escalated);
        const int before = console.salesQueue()->rowCount();

        const qint64 first =
            raiseHand(team.address(), QStringLiteral("first@x.example"), console.now() - 60);
        QTRY_COMPARE(console.salesQueue()->rowCount(), before + 1); // pushed
        const auto firstHandoff = console.openHandoffFor(first);
        QVERIFY(firstHandoff);

        QVERIFY(team.server.kill());
        console.poll();
        QCOMPARE(offline.size(), 1);
        QVERIFY(console.offlineSince().has_value());
        // In words, not libpq's text and the statement it was running.
        const QString why = offline.first().first().toString();
        QVERIFY2(why.contains(QStringLiteral("the connection to the server was lost")),
                 qPrintable(why));
        QVERIFY2(!why.contains(QStringLiteral("(in: ")), qPrintable(why));
        console.poll(); // still down: no second notice, still offline
        QCOMPARE(offline.size(), 1);
        QVERIFY(console.offlineSince().has_value());
        // What a rep does meanwhile is refused with the reason, and nothing is written.
        const Profile sam{0, QStringLiteral("Sam"), Profile::Role::Sales};
        const auto refused = errorOf([&] {
            HandoffActions(console.database(), sam).claim(firstHandoff->id, console.now());
        });
        QVERIFY(refused);
        QVERIFY2(
            refused->message().contains(QStringLiteral("the connection to the server was lost")),
            qPrintable(refused->message()));

        QVERIFY(team.server.restart());
        // While this console was away: a new hand-raiser, and a claim at another desk.
        const qint64 second =
            raiseHand(team.address(), QStringLiteral("second@x.example"), console.now() - 30);
        {
            Database other(team.address(), Database::Open::Existing);
            const Profile riley{0, QStringLiteral("Riley"), Profile::Role::Sales};
            QVERIFY(HandoffActions(other, riley).claim(firstHandoff->id, console.now()).won);
        }
        console.poll();
        QCOMPARE(online.size(), 1);
        QVERIFY(!console.offlineSince().has_value());
        QCOMPARE(console.salesQueue()->rowCount(), before + 2);
        QCOMPARE(console.openHandoffFor(first)->claimedBy, QStringLiteral("Riley"));
        const auto secondHandoff = console.openHandoffFor(second);
        QVERIFY(secondHandoff);
        // Each hand-raiser went to sales once: one escalation each, one handoff each.
        QCOMPARE(escalated.size(), 2);
        {
            Database check(team.address(), Database::Open::Existing);
            const QList<Handoff> open = HandoffRepository(check.connection()).openAll();
            QCOMPARE(std::count_if(open.cbegin(), open.cend(),
                                   [&](const Handoff &h) { return h.leadId == second; }),
                     1);
        }
        // Sam's claim, refused while offline, was never written; Riley holds the lead.
        const auto losing =
            HandoffActions(console.database(), sam).claim(firstHandoff->id, console.now());
        QVERIFY(!losing.won);
        QCOMPARE(losing.holder, QStringLiteral("Riley"));

        // Subscribed again: the next hand-raiser is pushed without a look of the test's.
        raiseHand(team.address(), QStringLiteral("third@x.example"), console.now() - 10);
        QTRY_COMPARE(console.salesQueue()->rowCount(), before + 3);
        QCOMPARE(offline.size(), 1);
    }

    // A window's actions keep their connection between clicks; the first click after the
    // server restarted goes through on a connection opened again, not refused with the one
    // the restart closed.
    void anActionAfterTheServerRestartsGoesThrough()
    {
        Team team(20);
        QVERIFY(team.server.isRunning());
        KeptDatabase kept(team.address());
        QList<qint64> added;
        const auto addLead = [&](const char *email) {
            Database &db = kept.get();
            Transaction transaction(db.connection());
            added << LeadRepository(db.connection()).insert(makeLead(QString::fromLatin1(email)));
            transaction.commit();
            return &db;
        };
        Database *const first = addLead("before@x.example");
        QCOMPARE(addLead("again@x.example"), first); // kept, not opened again

        QVERIFY(team.server.kill());
        QVERIFY(errorOf([&] { kept.get(); })); // down: said, and tried again at the next use
        QVERIFY(team.server.restart());
        QCOMPARE(addLead("after@x.example"), first);
        // Restarted while the window sat idle: the closed connection is found at the click.
        QVERIFY(team.server.kill());
        QVERIFY(team.server.restart());
        QCOMPARE(addLead("idle@x.example"), first);
        Database check(team.address(), Database::Open::Existing);
        const QList<Lead> leads = LeadRepository(check.connection()).find(added);
        QCOMPARE(leads.size(), 4);
        QCOMPARE(leads.last().email, QStringLiteral("idle@x.example"));
    }

    // A console offline for a while looks again on each poll; the server coming back is seen
    // at the first look after it.
    void aConsoleStaysOfflineUntilTheServerIsBack()
    {
        Team team(50);
        QVERIFY(team.server.isRunning());
        Console console(team.address());
        console.watch(50);
        QSignalSpy offline(&console, &Console::wentOffline);
        QSignalSpy online(&console, &Console::cameBackOnline);
        QVERIFY(team.server.kill());
        QTRY_COMPARE(offline.size(), 1);
        QTest::qWait(300); // several looks while down
        QCOMPARE(offline.size(), 1);
        QCOMPARE(online.size(), 0);
        QVERIFY(team.server.restart());
        QTRY_COMPARE(online.size(), 1);
        QVERIFY(!console.offlineSince().has_value());
        QCOMPARE(offline.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_serverrestart.moc"
