// Routing hand-raisers and the SLA ladder on a real database (a file, or the team server in
// the -postgresql run): fairness of round-robin and weights, territories, reps away, a rep
// coming on shift, the claim timeout, and the ladder's two steps, once each, across a weekend
// and a change to summer time.

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "errorof.h"
#include "queues/dispatcher.h"
#include "queues/routingdesk.h"
#include "store/analyticsrepository.h"
#include "store/auditlog.h"
#include "store/businesscalendarrepository.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/routingrepository.h"
#include "testdatabase.h"

using namespace handoff;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1'790'000'000; // a Thursday, 2026-09-24

using Kind = RoutingEvent::Kind;

class Floor
{
public:
    Floor(TestDatabase &test)
        : m_test(test)
        , m_routing(test.connection())
    {}

    void route(RoutingSettings::Mode mode, int timeoutMinutes = 0)
    {
        m_routing.saveSettings({mode, timeoutMinutes}, QStringLiteral("Mia Manager"), T0);
    }
    void rep(const QString &name, bool available, int weight = 1, const QString &field = {},
             const QStringList &values = {}, qint64 at = T0)
    {
        m_routing.saveRep({name, available, 0, weight, field, values},
                          QStringLiteral("Mia Manager"), at);
    }
    // A hand-raiser raised at `at`: the handoff's id.
    qint64 handRaiser(qint64 at, const QString &country = {}, std::optional<int> size = {})
    {
        Lead lead = makeLead(QStringLiteral("lead%1@example.com").arg(++m_leads));
        lead.country = country;
        lead.companySize = size;
        const qint64 leadId = LeadRepository(m_test.connection()).insert(lead);
        Handoff h;
        h.leadId = leadId;
        h.raisedAt = at;
        return HandoffRepository(m_test.connection()).raise(h);
    }
    Handoff handoff(qint64 id) const { return *HandoffRepository(m_test.connection()).find(id); }
    RoutingRepository &routing() { return m_routing; }

private:
    TestDatabase &m_test;
    RoutingRepository m_routing;
    int m_leads = 0;
};

QHash<QString, int> assignedCounts(const QList<RoutingEvent> &events)
{
    QHash<QString, int> counts;
    for (const RoutingEvent &event : events)
        if (event.kind == Kind::Assigned)
            ++counts[event.rep];
    return counts;
}

// What a call that should be refused says; empty when it was not.
template <typename Call> QString refusal(Call &&call)
{
    const auto refused = errorOf(std::forward<Call>(call));
    return refused ? refused->message() : QString();
}

qint64 berlin(const QString &localTime)
{
    const QDateTime parsed = QDateTime::fromString(localTime, Qt::ISODate);
    return QDateTime(parsed.date(), parsed.time(), QTimeZone("Europe/Berlin")).toSecsSinceEpoch();
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private slots:
    void roundRobinTakesTurns()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::RoundRobin);
        for (const char *name : {"Ana", "Ben", "Cleo"})
            floor.rep(QString::fromLatin1(name), true, /*weight, ignored*/ 5);
        QList<qint64> ids;
        for (int i = 0; i < 30; ++i)
            ids.append(floor.handRaiser(T0 - 100 + i));
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        const QList<RoutingEvent> events = dispatcher.run(T0);
        QCOMPARE(events.size(), 30);
        QCOMPARE(assignedCounts(events),
                 (QHash<QString, int>{{u"Ana"_s, 10}, {u"Ben"_s, 10}, {u"Cleo"_s, 10}}));
        // Oldest first, in turn: nobody gets two in a row.
        for (int i = 1; i < 30; ++i)
            QVERIFY(events[i].rep != events[i - 1].rep);
        QCOMPARE(events.first().handoffId, ids.first());
        // What routing did is what the handoffs say, and the audit log names it.
        for (const RoutingEvent &event : events)
            QCOMPARE(floor.handoff(event.handoffId).claimedBy, event.rep);
        QCOMPARE(AuditLog(test.connection()).recent(1).first().action, u"routing.assign"_s);
        // A pass with nothing to do records nothing.
        QVERIFY(dispatcher.run(T0 + 1).isEmpty());
    }

    void weightsShareLeadsInProportion()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::Weighted);
        floor.rep(QStringLiteral("Senior"), true, 3);
        floor.rep(QStringLiteral("Junior"), true, 1);
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        QList<RoutingEvent> events;
        // Arriving one at a time, as they do: the share holds across passes too.
        for (int i = 0; i < 40; ++i) {
            floor.handRaiser(T0 + i);
            events += dispatcher.run(T0 + i);
        }
        QCOMPARE(assignedCounts(events),
                 (QHash<QString, int>{{u"Senior"_s, 30}, {u"Junior"_s, 10}}));
    }

    void territoriesComeFirstAndOthersGoToGeneralists()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::RoundRobin);
        floor.rep(QStringLiteral("Dora"), true, 1, QStringLiteral("country"),
                  {QStringLiteral("DE"), QStringLiteral("AT")});
        floor.rep(QStringLiteral("Enzo"), true, 1, QStringLiteral("segment"),
                  {QStringLiteral("enterprise")});
        floor.rep(QStringLiteral("Gus"), true);
        const qint64 german = floor.handRaiser(T0, QStringLiteral("de"));
        const qint64 austrian = floor.handRaiser(T0 + 1, QStringLiteral("AT"));
        const qint64 big = floor.handRaiser(T0 + 2, QStringLiteral("US"), 12000);
        const qint64 french = floor.handRaiser(T0 + 3, QStringLiteral("FR"), 40);
        Dispatcher(test.db(), QStringLiteral("routing")).run(T0 + 5);
        QCOMPARE(floor.handoff(german).claimedBy, u"Dora"_s);
        QCOMPARE(floor.handoff(austrian).claimedBy, u"Dora"_s);
        QCOMPARE(floor.handoff(big).claimedBy, u"Enzo"_s);
        QCOMPARE(floor.handoff(french).claimedBy, u"Gus"_s);

        // Dora away: a German lead goes to the generalist, never to Enzo's enterprise book.
        floor.rep(QStringLiteral("Dora"), false, 1, QStringLiteral("country"),
                  {QStringLiteral("DE"), QStringLiteral("AT")});
        const qint64 another = floor.handRaiser(T0 + 10, QStringLiteral("DE"));
        Dispatcher(test.db(), QStringLiteral("routing")).run(T0 + 11);
        QCOMPARE(floor.handoff(another).claimedBy, u"Gus"_s);
    }

    void withNobodyOnShiftLeadsWaitInThePool()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::RoundRobin);
        floor.rep(QStringLiteral("Ana"), false);
        const qint64 waiting = floor.handRaiser(T0);
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        QVERIFY(dispatcher.run(T0 + 1).isEmpty());
        QVERIFY(floor.handoff(waiting).claimedBy.isEmpty());
        // Routing off: nothing is assigned whoever is on shift.
        floor.rep(QStringLiteral("Ana"), true);
        floor.route(RoutingSettings::Mode::Off);
        QVERIFY(dispatcher.run(T0 + 2).isEmpty());
        floor.route(RoutingSettings::Mode::RoundRobin);
        QCOMPARE(dispatcher.run(T0 + 3).size(), 1);
        QCOMPARE(floor.handoff(waiting).claimedBy, u"Ana"_s);
    }

    void aRepComingOnShiftTakesTurnsInsteadOfABacklog()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::RoundRobin);
        floor.rep(QStringLiteral("Ana"), true);
        floor.rep(QStringLiteral("Ben"), true);
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        for (int i = 0; i < 20; ++i) {
            floor.handRaiser(T0 + i);
            dispatcher.run(T0 + i);
        }
        floor.rep(QStringLiteral("Cleo"), true, 1, {}, {}, T0 + 100);
        QList<RoutingEvent> events;
        for (int i = 0; i < 6; ++i) {
            floor.handRaiser(T0 + 200 + i);
            events += dispatcher.run(T0 + 200 + i);
        }
        QCOMPARE(assignedCounts(events),
                 (QHash<QString, int>{{u"Ana"_s, 2}, {u"Ben"_s, 2}, {u"Cleo"_s, 2}}));
    }

    void anUnworkedClaimGoesBackAndOnToTheNextRep()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::RoundRobin, 15);
        floor.rep(QStringLiteral("Ana"), true);
        floor.rep(QStringLiteral("Ben"), true);
        const qint64 lead = floor.handRaiser(T0);
        const qint64 worked = floor.handRaiser(T0 + 1);
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        dispatcher.run(T0 + 2);
        const QString first = floor.handoff(lead).claimedBy;
        QCOMPARE(first, u"Ana"_s);
        HandoffRepository(test.connection()).markFirstContact(worked, T0 + 60);

        // 15 minutes to the second: the clock runs, nothing happens (the ladder has its own
        // steps); a second later the claim has gone unworked past the timeout.
        for (const RoutingEvent &event : dispatcher.run(T0 + 2 + 15 * 60))
            QVERIFY(event.kind != Kind::TimedOut);
        const QList<RoutingEvent> events = dispatcher.run(T0 + 2 + 15 * 60 + 1);
        QList<RoutingEvent> moves;
        for (const RoutingEvent &event : events)
            if (!event.isBreach())
                moves.append(event);
        QCOMPARE(moves.size(), 2);
        QCOMPARE(moves[0].kind, Kind::TimedOut);
        QCOMPARE(moves[0].rep, u"Ana"_s);
        QCOMPARE(moves[0].handoffId, lead);
        QCOMPARE(moves[1].kind, Kind::Assigned);
        QCOMPARE(moves[1].rep, u"Ben"_s); // not back to the rep who let it sit
        QCOMPARE(floor.handoff(lead).claimedBy, u"Ben"_s);
        QCOMPARE(floor.handoff(worked).claimedBy, u"Ben"_s); // contacted: kept

        // Ben lets it sit too: nobody left who has not had it, so it waits in the pool.
        dispatcher.run(T0 + 2 + 30 * 60 + 5);
        QVERIFY(floor.handoff(lead).claimedBy.isEmpty());
    }

    void aClaimTimesOutWithoutRoutingToo()
    {
        TestDatabase test;
        Floor floor(test);
        floor.route(RoutingSettings::Mode::Off, 10);
        const qint64 lead = floor.handRaiser(T0);
        QVERIFY(HandoffRepository(test.connection()).claim(lead, QStringLiteral("Ana"), T0 + 5));
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        dispatcher.run(T0 + 5 + 10 * 60 + 1);
        QVERIFY(floor.handoff(lead).claimedBy.isEmpty());
        const QList<RoutingEvent> recorded = floor.routing().eventsAfter(0);
        QVERIFY(std::any_of(recorded.cbegin(), recorded.cend(), [&](const RoutingEvent &e) {
            return e.kind == Kind::TimedOut && e.rep == u"Ana"_s && e.handoffId == lead;
        }));
    }

    void theLadderStepsOnceAtTheSlaAndAtTwiceIt()
    {
        TestDatabase test;
        Floor floor(test);
        const qint64 lead = floor.handRaiser(T0);
        const qint64 contacted = floor.handRaiser(T0);
        QVERIFY(HandoffRepository(test.connection()).claim(lead, QStringLiteral("Ana"), T0 + 30));
        HandoffRepository(test.connection()).markFirstContact(contacted, T0 + 200);
        Dispatcher desk(test.db(), QStringLiteral("Ana"));
        Dispatcher otherDesk(test.db(), QStringLiteral("Ben"));

        // The default SLA, 5 minutes: a call at 5:00 is within it, so the step comes after.
        QVERIFY(desk.run(T0 + 300).isEmpty());
        const QList<RoutingEvent> atSla = desk.run(T0 + 301);
        QCOMPARE(atSla.size(), 1);
        QCOMPARE(atSla[0].kind, Kind::SlaPassed);
        QCOMPARE(atSla[0].handoffId, lead);
        QCOMPARE(atSla[0].rep, u"Ana"_s);
        QCOMPARE(atSla[0].dueAt, T0 + 300);
        QVERIFY(otherDesk.run(T0 + 310).isEmpty()); // told once, whichever desk looks
        QVERIFY(desk.run(T0 + 600).isEmpty());
        const QList<RoutingEvent> atTwice = otherDesk.run(T0 + 601);
        QCOMPARE(atTwice.size(), 1);
        QCOMPARE(atTwice[0].kind, Kind::SlaEscalated);
        QCOMPARE(atTwice[0].dueAt, T0 + 600);
        QVERIFY(desk.run(T0 + 900).isEmpty());
        // A desk started later reads what was recorded instead of telling again.
        QVERIFY(Dispatcher(test.db(), QStringLiteral("Cleo")).run(T0 + 1200).isEmpty());
        QCOMPARE(floor.routing().breaches(T0, T0 + 2000).size(), 2);
        // The meeting's figures read them onto their handoff.
        const AnalyticsDataset data = AnalyticsRepository(test.connection()).load();
        const auto fact = std::find_if(data.handoffs.cbegin(), data.handoffs.cend(),
                                       [](const HandoffFact &h) { return h.slaBreachDueAt; });
        QVERIFY(fact != data.handoffs.cend());
        QCOMPARE(fact->slaBreachDueAt, T0 + 300);
        QCOMPARE(fact->escalationDueAt, T0 + 600);
        QCOMPARE(fact->firstContactAt, 0);
    }

    // A desk passes over the open handoffs its console holds, a moment old: a step names who
    // holds the lead as stored, and a lead called meanwhile takes no step.
    void aStepReadsTheLeadAsStored()
    {
        TestDatabase test;
        Floor floor(test);
        const qint64 reassigned = floor.handRaiser(T0);
        const qint64 called = floor.handRaiser(T0);
        HandoffRepository handoffs(test.connection());
        QVERIFY(handoffs.claim(reassigned, QStringLiteral("Ana"), T0 + 10));
        QVERIFY(handoffs.claim(called, QStringLiteral("Ana"), T0 + 10));
        const QList<Handoff> held = handoffs.open(Handoff::Trigger::Intent);
        handoffs.reassign(reassigned, QStringLiteral("Ben"), T0 + 100);
        handoffs.markFirstContact(called, T0 + 200);
        const QList<RoutingEvent> steps =
            Dispatcher(test.db(), QStringLiteral("Ana")).run(T0 + 301, held);
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps[0].handoffId, reassigned);
        QCOMPARE(steps[0].rep, u"Ben"_s);
    }

    void theLadderWaitsForMondayAndForSummerTime()
    {
        TestDatabase test;
        Floor floor(test);
        BusinessCalendar office;
        office.setZone(QTimeZone("Europe/Berlin"));
        for (int day = 1; day <= 5; ++day)
            office.setHours(day, OpeningHours{QTime(9, 0), QTime(17, 0)});
        office.setBusinessTimeOnly(true);
        BusinessCalendarRepository(test.connection()).save(office, QStringLiteral("Mia"), T0);
        // Friday before the clocks go forward (Sunday 29 March 2026), two minutes to closing.
        const qint64 lead = floor.handRaiser(berlin(QStringLiteral("2026-03-27T16:58:00")));
        Dispatcher dispatcher(test.db(), QStringLiteral("routing"));
        QVERIFY(dispatcher.run(berlin(QStringLiteral("2026-03-28T12:00:00"))).isEmpty());
        QVERIFY(dispatcher.run(berlin(QStringLiteral("2026-03-30T09:03:00"))).isEmpty());
        const QList<RoutingEvent> monday =
            dispatcher.run(berlin(QStringLiteral("2026-03-30T09:03:01")));
        QCOMPARE(monday.size(), 1);
        QCOMPARE(monday[0].handoffId, lead);
        QCOMPARE(monday[0].kind, Kind::SlaPassed);
        // 09:03 in summer time is 07:03 UTC, where the Friday was 15:58 UTC.
        QCOMPARE(
            QDateTime::fromSecsSinceEpoch(*monday[0].dueAt, QTimeZone::utc()).toString(Qt::ISODate),
            u"2026-03-30T07:03:00+00:00"_s);
        const QList<RoutingEvent> twice =
            dispatcher.run(berlin(QStringLiteral("2026-03-30T09:08:01")));
        QCOMPARE(twice.size(), 1);
        QCOMPARE(twice[0].kind, Kind::SlaEscalated);
        QCOMPARE(AnalyticsRepository(test.connection()).load().calendar, office);
    }

    // A desk tells each event once, those recorded before it opened never, and one committed
    // after a later id was read (a team server draws ids before commit) still.
    void aDeskTellsEachEventOnceEvenOutOfOrder()
    {
        TestDatabase test;
        Floor floor(test);
        const qint64 lead = floor.handRaiser(T0);
        const auto event = [&](qint64 id) {
            QSqlQuery q(test.connection());
            q.prepare(QStringLiteral("INSERT INTO routing_events (id, handoff_id, lead_id, kind, "
                                     "rep, at) VALUES (?, ?, 1, 'assigned', 'Ana', ?)"));
            q.addBindValue(id);
            q.addBindValue(lead);
            q.addBindValue(T0 + id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        };
        event(1); // before the desk
        RoutingDesk desk(test.db(), QStringLiteral("Ana"), RoutingDesk::Role::Listen,
                         [] { return T0; });
        QList<qint64> told;
        connect(&desk, &RoutingDesk::told, this, [&](const QList<RoutingEvent> &events) {
            for (const RoutingEvent &e : events)
                told.append(e.id);
        });
        desk.look();
        QVERIFY(told.isEmpty());
        event(20);
        desk.look();
        QCOMPARE(told, (QList<qint64>{20}));
        event(15); // committed late
        desk.look();
        desk.look();
        QCOMPARE(told, (QList<qint64>{20, 15}));
    }

    void badSettingsAreRefusedWithReasons()
    {
        TestDatabase test;
        RoutingRepository routing(test.connection());
        QCOMPARE(refusal([&] {
                     routing.saveRep({QStringLiteral("Ana"), true, 0, 0, {}, {}}, u"Mia"_s, T0);
                 }),
                 u"Ana's weight is 0; a weight is a whole number from 1 to 100"_s);
        QCOMPARE(refusal([&] {
                     routing.saveRep({QStringLiteral("Ana"),
                                      true,
                                      0,
                                      1,
                                      QStringLiteral("email"),
                                      {QStringLiteral("x")}},
                                     u"Mia"_s, T0);
                 }),
                 u"A territory cannot be drawn on \"email\"; it can on country, industry, "
                 u"seniority, channel, segment"_s);
        QCOMPARE(refusal([&] {
                     routing.saveRep({QStringLiteral("Ana"),
                                      true,
                                      0,
                                      1,
                                      QStringLiteral("country"),
                                      {QStringLiteral(" ")}},
                                     u"Mia"_s, T0);
                 }),
                 u"Ana's territory on country names no value"_s);
        QVERIFY(routing.reps().isEmpty()); // nothing half-saved
        routing.saveRep({QStringLiteral("Ana"),
                         true,
                         0,
                         2,
                         QStringLiteral("country"),
                         {QStringLiteral(" DE "), QStringLiteral("AT")}},
                        u"Mia"_s, T0 + 7);
        const RepRouting ana = *routing.rep(QStringLiteral("Ana"));
        QCOMPARE(ana.territoryValues, (QStringList{u"DE"_s, u"AT"_s}));
        QCOMPARE(ana.availableSince, T0 + 7);
        routing.saveRep(ana, u"Mia"_s, T0 + 50); // still on shift: since when does not move
        QCOMPARE(routing.rep(QStringLiteral("Ana"))->availableSince, T0 + 7);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
