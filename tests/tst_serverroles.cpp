// The server holds each member of a team to their role, whatever program they connect with:
// a marketing user cannot claim, a sales rep cannot change scoring models or the meeting's
// targets, each side signs a model off for itself only; the audit log names the database
// user. Runs in the team server's run of the tests only.

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "errorof.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "scoring/modelversions.h"
#include "store/businesscalendarrepository.h"
#include "store/handoffrepository.h"
#include "store/intakerepository.h"
#include "store/leadrepository.h"
#include "store/meetingrepository.h"
#include "store/routingrepository.h"
#include "store/teamrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

constexpr qint64 At = 1'700'000'000;

// A team database with one member per role and one hand-raiser waiting for sales.
struct Team
{
    explicit Team(const QString &server)
        : database(server)
        , owner(database.address())
        , marketing(database.addUser(QStringLiteral("mia")))
        , sales(database.addUser(QStringLiteral("sam")))
        , manager(database.addUser(QStringLiteral("max")))
    {
        TeamRepository team(owner.connection());
        team.admit(database.userName(QStringLiteral("mia")), Profile::Role::Marketing);
        team.admit(database.userName(QStringLiteral("sam")), Profile::Role::Sales);
        team.admit(database.userName(QStringLiteral("max")), Profile::Role::SalesManager);
        Handoff h;
        h.leadId =
            LeadRepository(owner.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        h.raisedAt = At;
        handoff = *HandoffRepository(owner.connection()).raiseIfNoneOpen(h);
    }

    ServerTestDatabase database;
    Database owner;
    QString marketing, sales, manager; // addresses as each member
    qint64 handoff = 0;
};

const Profile SalesProfile{0, QStringLiteral("Sam"), Profile::Role::Sales};

} // namespace

class TestServerRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = testServerAddress();
        if (m_server.isEmpty())
            QSKIP("runs against the test server only (HANDOFF_TEST_POSTGRESQL)");
    }

    // A program that says it is sales (the console's profile) is still refused: the server
    // goes by the database user.
    void marketingCannotClaim()
    {
        Team team(m_server);
        Database asMarketing(team.marketing, Database::Open::Existing);
        const auto refused = errorOf(
            [&] { HandoffActions(asMarketing, SalesProfile).claim(team.handoff, At + 60); });
        QVERIFY(refused);
        QVERIFY2(refused->message().contains(QStringLiteral("may not claim")),
                 qPrintable(refused->message()));
        QVERIFY(HandoffRepository(team.owner.connection()).find(team.handoff)->claimedBy.isEmpty());

        Database asSales(team.sales, Database::Open::Existing);
        QVERIFY(HandoffActions(asSales, SalesProfile).claim(team.handoff, At + 60).won);
    }

    // The intake's secrets stay with the database's owner (the intake service): no member
    // reads or changes a source, whatever their role.
    void membersCannotReadTheIntakesSecrets()
    {
        Team team(m_server);
        IntakeSource source;
        source.name = QStringLiteral("website");
        source.secret = QStringLiteral("the-owners-secret-0123");
        IntakeRepository(team.owner.connection()).save(source, QStringLiteral("owner"));
        for (const QString &member : {team.marketing, team.sales, team.manager}) {
            Database as(member, Database::Open::Existing);
            const auto refused = errorOf([&] { IntakeRepository(as.connection()).sources(); });
            QVERIFY2(refused, qPrintable(member));
            QVERIFY2(refused->message().contains(QStringLiteral("permission denied")),
                     qPrintable(refused->message()));
        }
    }

    // The working hours the SLA clock counts are agreed, as the targets are: a rep may not
    // set them, a sales manager may; members admitted before schema version 13 read them.
    void aSalesRepCannotChangeTheWorkingHours()
    {
        Team team(m_server);
        BusinessCalendar office = BusinessCalendar::always();
        office.setBusinessTimeOnly(true);
        Database asSales(team.sales, Database::Open::Existing);
        const auto refused = errorOf([&] {
            BusinessCalendarRepository(asSales.connection())
                .save(office, QStringLiteral("sam"), At);
        });
        QVERIFY(refused);
        QVERIFY2(
            refused->message().contains(QStringLiteral("may not change the team's working hours")),
            qPrintable(refused->message()));
        Database asManager(team.manager, Database::Open::Existing);
        BusinessCalendarRepository(asManager.connection()).save(office, QStringLiteral("max"), At);
        QCOMPARE(BusinessCalendarRepository(asSales.connection()).load(), office);
    }

    void membersFromBeforeTheCalendarReadItAfterTheUpgrade()
    {
        ServerTestDatabase server(m_server);
        const QString asMember = server.addUser(QStringLiteral("sam"));
        {
            Database old(server.address(), 12);
            TeamRepository(old.connection())
                .admit(server.userName(QStringLiteral("sam")), Profile::Role::Sales);
        }
        {
            Database upgraded(server.address());
        } // the owner opens it: versions 13 and 14
        Database member(asMember, Database::Open::Existing);
        QCOMPARE(BusinessCalendarRepository(member.connection()).load(),
                 BusinessCalendar::always());
        // Routing's tables too: the rep says they take leads now.
        RoutingRepository(member.connection())
            .saveRep({QStringLiteral("Sam"), true, 0, 1, {}, {}}, QStringLiteral("Sam"), At);
        QVERIFY(RoutingRepository(member.connection()).rep(QStringLiteral("Sam"))->available);
    }

    // A rep says whether they take leads now; how leads are routed, a rep's weight and
    // territory are the sales manager's; marketing routes nothing.
    void aRepSetsTheirAvailabilityAndTheManagerTheRules()
    {
        Team team(m_server);
        Database asSales(team.sales, Database::Open::Existing);
        RoutingRepository rep(asSales.connection());
        rep.saveRep({QStringLiteral("Sam"), true, 0, 1, {}, {}}, QStringLiteral("Sam"), At);
        const auto weight = errorOf([&] {
            rep.saveRep({QStringLiteral("Sam"), true, 0, 5, {}, {}}, QStringLiteral("Sam"), At);
        });
        QVERIFY(weight);
        QVERIFY2(weight->message().contains(QStringLiteral("may not change a rep's weight")),
                 qPrintable(weight->message()));
        const auto settings = errorOf([&] {
            rep.saveSettings({RoutingSettings::Mode::RoundRobin, 0}, QStringLiteral("Sam"), At);
        });
        QVERIFY(settings);
        QVERIFY2(
            settings->message().contains(QStringLiteral("may not change how leads are routed")),
            qPrintable(settings->message()));

        Database asManager(team.manager, Database::Open::Existing);
        RoutingRepository manager(asManager.connection());
        manager.saveSettings({RoutingSettings::Mode::Weighted, 20}, QStringLiteral("Max"), At);
        manager.saveRep(
            {QStringLiteral("Sam"), true, 0, 4, QStringLiteral("country"), {QStringLiteral("DE")}},
            QStringLiteral("Max"), At);
        QCOMPARE(rep.rep(QStringLiteral("Sam"))->weight, 4);
        QCOMPARE(rep.settings().claimTimeoutMinutes, 20);
        // Going off shift keeps what the manager set; a weight inserted with a new row, or a
        // row deleted to lose one, is refused.
        rep.setAvailable(QStringLiteral("Sam"), false, QStringLiteral("Sam"), At + 1);
        QCOMPARE(rep.rep(QStringLiteral("Sam"))->weight, 4);
        const auto inserted = errorOf([&] {
            rep.saveRep({QStringLiteral("Sue"), true, 0, 9, {}, {}}, QStringLiteral("Sam"), At);
        });
        QVERIFY(inserted);
        QVERIFY2(inserted->message().contains(QStringLiteral("may not change a rep's weight")),
                 qPrintable(inserted->message()));
        QSqlQuery deleting(asSales.connection());
        QVERIFY(!deleting.exec(QStringLiteral("DELETE FROM rep_routing WHERE rep = 'Sam'")));
        QVERIFY(rep.rep(QStringLiteral("Sam")));
        // The routing record (what the meeting counts) is added to, never edited, by a rep.
        QVERIFY(manager.record(
            {0, 1, 1, RoutingEvent::Kind::Assigned, QStringLiteral("Sam"), At, std::nullopt}));
        QSqlQuery editing(asSales.connection());
        QVERIFY(!editing.exec(QStringLiteral("DELETE FROM routing_events")));
        QVERIFY2(editing.lastError().text().contains(QStringLiteral("change the routing record")),
                 qPrintable(editing.lastError().text()));
        QCOMPARE(manager.eventsAfter(0).size(), 1);

        Database asMarketing(team.marketing, Database::Open::Existing);
        const auto marketing = errorOf([&] {
            RoutingRepository(asMarketing.connection())
                .saveRep({QStringLiteral("Mia"), true, 0, 1, {}, {}}, QStringLiteral("Mia"), At);
        });
        QVERIFY(marketing);
        QVERIFY2(marketing->message().contains(QStringLiteral("may not change a rep's routing")),
                 qPrintable(marketing->message()));
    }

    // The console offers what the server allows: a member's role is the server's.
    void aConsoleTakesTheMembersRoleFromTheServer()
    {
        Team team(m_server);
        Console console(team.marketing, Database::Open::Existing);
        console.setProfile(SalesProfile);
        QCOMPARE(console.profile().role, Profile::Role::Marketing);
        QCOMPARE(console.profile().name, QStringLiteral("Sam"));
        QVERIFY(!console.actions().maySell());
        Console owner(team.database.address(), Database::Open::Existing);
        owner.setProfile(SalesProfile); // not a member: the profile decides
        QVERIFY(owner.actions().maySell());
    }

    void aSalesRepCannotChangeModelsOrTargetsAndAManagerMaySetTargets()
    {
        Team team(m_server);
        Database asSales(team.sales, Database::Open::Existing);
        const auto draft = errorOf([&] { ModelVersions(asSales, SalesProfile).openDraft(At); });
        QVERIFY(draft);
        QVERIFY2(draft->message().contains(QStringLiteral("may not change scoring models")),
                 qPrintable(draft->message()));
        const auto targets = errorOf([&] {
            MeetingRepository(asSales.connection()).saveTargets({}, QStringLiteral("Sam"), At);
        });
        QVERIFY(targets);
        QCOMPARE(MeetingRepository(team.owner.connection()).currentTargets().version, 0);

        Database asManager(team.manager, Database::Open::Existing);
        MeetingTargets faster;
        faster.slaMinutes = 3;
        MeetingRepository(asManager.connection()).saveTargets(faster, QStringLiteral("Max"), At);
        QCOMPARE(MeetingRepository(team.owner.connection()).currentTargets().slaMinutes, 3);

        Database asMarketing(team.marketing, Database::Open::Existing);
        const Profile mia{0, QStringLiteral("Mia"), Profile::Role::Marketing};
        QVERIFY(ModelVersions(asMarketing, mia).openDraft(At).id > 0);
    }

    // Both sides sign a change off: a member signs for their own side, never the other's.
    void eachSideSignsOffForItselfOnly()
    {
        Team team(m_server);
        Database asMarketing(team.marketing, Database::Open::Existing);
        const Profile mia{0, QStringLiteral("Mia"), Profile::Role::Marketing};
        ModelVersions marketing(asMarketing, mia);
        const qint64 id = marketing.openDraft(At).id;
        marketing.propose(id, QStringLiteral("Faster"), QStringLiteral("Demo requests first"), At);
        // Mia's console set to a sales profile would sign for sales: the server refuses.
        const auto forSales =
            errorOf([&] { ModelVersions(asMarketing, SalesProfile).signOff(id, At); });
        QVERIFY(forSales);
        QVERIFY2(forSales->message().contains(QStringLiteral("may not sign off for sales")),
                 qPrintable(forSales->message()));
        marketing.signOff(id, At);
        Database asSales(team.sales, Database::Open::Existing);
        ModelVersions(asSales, SalesProfile).signOff(id, At + 1);
        QCOMPARE(ModelVersions(team.owner, mia).signOffs(id).size(), 2);
    }

    void theAuditLogNamesTheDatabaseUser()
    {
        Team team(m_server);
        Database asSales(team.sales, Database::Open::Existing);
        QVERIFY(HandoffActions(asSales, SalesProfile).claim(team.handoff, At + 60).won);
        QSqlQuery q(team.owner.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT actor, db_user FROM audit_log WHERE action = "
                                      "'handoff.claim' ORDER BY id DESC LIMIT 1")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Sam"));
        QCOMPARE(q.value(1).toString(), team.database.userName(QStringLiteral("sam")));
    }

    // What the console asks to show the member's own role; the list is the owner's.
    void membersAndTheirRoles()
    {
        Team team(m_server);
        QCOMPARE(TeamRepository(team.owner.connection()).members().size(), 3);
        QCOMPARE(TeamRepository(team.owner.connection()).ownRole(), std::nullopt);
        Database asSales(team.sales, Database::Open::Existing);
        QCOMPARE(TeamRepository(asSales.connection()).ownRole(), Profile::Role::Sales);
        // A member cannot list the team, nor make themselves a manager.
        QVERIFY(errorOf([&] { TeamRepository(asSales.connection()).members(); }));
        const auto promoted = errorOf([&] {
            TeamRepository(asSales.connection())
                .admit(team.database.userName(QStringLiteral("sam")), Profile::Role::SalesManager);
        });
        QVERIFY(promoted);
        QCOMPARE(TeamRepository(asSales.connection()).ownRole(), Profile::Role::Sales);
        const auto unknown = errorOf([&] {
            TeamRepository(team.owner.connection())
                .admit(QStringLiteral("nobody_here"), Profile::Role::Sales);
        });
        QVERIFY(unknown);
        QVERIFY2(unknown->message().contains(QStringLiteral("no database user 'nobody_here'")),
                 qPrintable(unknown->message()));
    }

private:
    QString m_server;
};

QTEST_GUILESS_MAIN(TestServerRoles)
#include "tst_serverroles.moc"
