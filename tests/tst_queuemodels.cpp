#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "demo/demogenerator.h"
#include "doubledmodel.h"
#include "io/leadimporter.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "queues/queuesortproxy.h"
#include "scoring/modelversions.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/businesscalendarrepository.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

// The queue models over a real Console: content, order through the proxy, and the precise
// signals a refresh sends.
class TestQueueModels : public QObject
{
    Q_OBJECT

private:
    // Another writer adds a lead who asks for a demo at `at`; its id.
    static qint64 raiseHand(Database &db, const QString &email, qint64 at)
    {
        const qint64 id = LeadRepository(db.connection()).insert(makeLead(email));
        ActivityRepository(db.connection())
            .insert({0, id, activityTypeId(db, QStringLiteral("demo_request")), at, {}, {}});
        return id;
    }
    // What the sales queue shows, row by row in its natural order: handoff, lead, who claimed
    // it and the lead's name.
    static QStringList salesRows(Console &console)
    {
        const SalesQueueModel *sales = console.salesQueue();
        QStringList rows;
        for (int r = 0; r < sales->rowCount(); ++r) {
            rows.append(
                QStringLiteral("%1 %2 %3 %4")
                    .arg(sales->index(r, 0).data(SalesQueueModel::HandoffIdRole).toLongLong())
                    .arg(sales->index(r, 0).data(SalesQueueModel::LeadIdRole).toLongLong())
                    .arg(sales->index(r, SalesQueueModel::ClaimedBy).data().toString(),
                         sales->index(r, SalesQueueModel::LeadName).data().toString()));
        }
        rows.sort();
        return rows;
    }
    // Connections that take every place among the desks that hand over, and never look: those
    // that got one (all of them, unless another connection holds a place).
    static std::vector<std::unique_ptr<Database>> silentLeaders(const QString &path)
    {
        std::vector<std::unique_ptr<Database>> leaders;
        for (int i = 0; i < HandoffRepository::HandingOverDesks; ++i) {
            auto db = std::make_unique<Database>(path);
            if (HandoffRepository(db->connection()).leadHandingOver())
                leaders.push_back(std::move(db));
        }
        return leaders;
    }
    // A demo world whose places among the desks that hand over are all taken by silentLeaders():
    // a console opened on it stands by.
    static std::vector<std::unique_ptr<Database>> demoWorldLedBySilentDesks(TestDatabase &t)
    {
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        return silentLeaders(t.path());
    }
    // Three desks watching one server: the first two lead the handing over, the third
    // stands by.
    struct ThreeDesks
    {
        explicit ThreeDesks(const QString &path)
            : leading(path)
            , alsoLeading(path)
            , standing(path)
        {
            for (Console *desk : {&leading, &alsoLeading, &standing})
                desk->watch(0);
        }
        Console leading;
        Console alsoLeading;
        Console standing;
    };
    static QList<qint64> interestLeads(Console &console)
    {
        const InterestQueueModel *interest = console.interestQueue();
        QList<qint64> leads;
        for (int r = 0; r < interest->rowCount(); ++r)
            leads.append(interest->leadIdAt(r));
        std::sort(leads.begin(), leads.end());
        return leads;
    }

private slots:
    void queuesShowTheDemoWorld()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {800, 3, 0, 26}).run();
        Console console(t.path());
        SalesQueueModel *sales = console.salesQueue();
        InterestQueueModel *interest = console.interestQueue();
        QAbstractItemModelTester salesTester(
            sales, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester interestTester(
            interest, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(sales->rowCount() > 0);
        QVERIFY(interest->rowCount() > 100);
        QVERIFY(sales->countOf(Handoff::Trigger::Intent) > 0);

        // Interest through the proxy, by score descending: the threshold flag agrees.
        QueueSortProxy proxy(interest);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(InterestQueueModel::Score, Qt::DescendingOrder);
        const double threshold = console.engine().scores().model().mqlThreshold;
        double previous = 1e9;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const qint64 lead =
                proxy.index(row, 0).data(InterestQueueModel::LeadIdRole).toLongLong();
            const double score = console.explain(lead).total;
            QVERIFY(score <= previous + 1e-9);
            previous = score;
            QCOMPARE(proxy.index(row, 0).data(InterestQueueModel::AboveThresholdRole).toBool(),
                     score >= threshold);
        }
        // Sales through the proxy in its natural order: unclaimed first, then oldest first.
        QueueSortProxy salesProxy(sales);
        salesProxy.sort(SalesQueueModel::Waiting, Qt::AscendingOrder);
        // Keys in queue order never go down: (claimed, MQL rather than hand-raise, raised at).
        std::tuple<bool, bool, qint64> previousKey{false, false, 0};
        for (int row = 0; row < salesProxy.rowCount(); ++row) {
            const QModelIndex index = salesProxy.index(row, 0);
            const auto entry =
                console.openHandoffFor(index.data(SalesQueueModel::LeadIdRole).toLongLong());
            QVERIFY(entry);
            const std::tuple<bool, bool, qint64> key{!entry->claimedBy.isEmpty(),
                                                     entry->trigger == Handoff::Trigger::Mql,
                                                     entry->raisedAt};
            QVERIFY(previousKey <= key);
            previousKey = key;
            QVERIFY(!salesProxy.index(row, SalesQueueModel::LeadName).data().toString().isEmpty());
        }
    }

    void searchFiltersByNameCompanyEmailAndTitle()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {600, 4, 0, 26}).run();
        Console console(t.path());
        QueueSortProxy proxy(console.interestQueue());
        const int all = proxy.rowCount();
        const QString company = proxy.index(0, InterestQueueModel::Company).data().toString();
        proxy.setSearchText(company.left(6).toUpper());
        QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < all);
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const QString name = proxy.index(row, InterestQueueModel::LeadName).data().toString();
            const QString comp = proxy.index(row, InterestQueueModel::Company).data().toString();
            const QString title = proxy.index(row, InterestQueueModel::Title).data().toString();
            const QString email =
                console.lead(proxy.index(row, 0).data(InterestQueueModel::LeadIdRole).toLongLong())
                    ->email;
            QVERIFY((name + comp + title + email).contains(company.left(6), Qt::CaseInsensitive));
        }
        proxy.setSearchText(QStringLiteral("no lead is called like this"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSearchText({});
        QCOMPARE(proxy.rowCount(), all);
    }

    // A CRM export that gives only ids: the queues show the id, and the search finds a lead
    // by its id whether or not it has a name, also after another writer changed it.
    void searchFindsTheExternalIdAndALeadWithNoNameShowsIt()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 5, 0, 26}).run();
        Lead bare;
        bare.externalId = QStringLiteral("00Q5e000004XyZtEAK");
        bare.createdAt = 1'700'000'000;
        const qint64 bareId = LeadRepository(t.connection()).insert(bare);
        Console console(t.path());
        InterestQueueModel *interest = console.interestQueue();
        const auto row = interest->rowOfLead(bareId);
        QVERIFY(row);
        QCOMPARE(interest->index(*row, InterestQueueModel::LeadName).data().toString(),
                 bare.externalId);

        QueueSortProxy proxy(interest);
        proxy.setSearchText(QStringLiteral("5e000004xyzt")); // part of it, any case
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(InterestQueueModel::LeadIdRole).toLongLong(), bareId);

        // A named lead, by the id its CRM gave it (DEMO-0000123: a part of no other id).
        qint64 named = 0;
        for (int r = 0; r < interest->rowCount() && !named; ++r) {
            if (interest->leadIdAt(r) >= 100 && interest->leadIdAt(r) != bareId)
                named = interest->leadIdAt(r);
        }
        QVERIFY(named);
        const Lead lead = *console.lead(named);
        QVERIFY(!lead.firstName.isEmpty() && !lead.externalId.isEmpty());
        proxy.setSearchText(lead.externalId);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(InterestQueueModel::LeadIdRole).toLongLong(), named);

        // Another writer gives it a new id: the old one no longer finds it, the new one does.
        {
            Database other(t.path());
            Lead changed = lead;
            changed.externalId = QStringLiteral("HS-77123");
            LeadRepository(other.connection()).update(changed);
        }
        console.refresh();
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSearchText(QStringLiteral("hs-77123"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(InterestQueueModel::LeadIdRole).toLongLong(), named);
    }

    void aNewActivityChangesOneRowNotTheWholeModel()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {500, 5, 0, 26}).run();
        Console console(t.path());
        InterestQueueModel *interest = console.interestQueue();
        const qint64 lead = interest->leadIdAt(10);
        const double before = console.explain(lead).total;
        QSignalSpy reset(interest, &QAbstractItemModel::modelReset);
        QSignalSpy changed(interest, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(interest, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(interest, &QAbstractItemModel::rowsRemoved);

        // Another writer (an import, another console) adds a webinar for this lead.
        Database other(t.path());
        ActivityRepository(other.connection())
            .insert({0,
                     lead,
                     activityTypeId(other, QStringLiteral("webinar_attended")),
                     console.now(),
                     {},
                     {}});
        console.refresh();

        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex().row(), 10);
        QCOMPARE(changed[0][1].toModelIndex().row(), 10);
        QVERIFY(console.explain(lead).total > before);
    }

    // Another writer's clock is an hour fast, then set right: the console must still see
    // what that writer writes next (compared by wall-clock stamps, it did not).
    void aWriterWhoseClockStepsBackIsStillSeen()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 5, 0, 26}).run();
        Console console(t.path());
        const int before = console.interestQueue()->rowCount();

        Database other(t.path());
        {
            Transaction transaction(other.connection());
            const qint64 id = LeadRepository(other.connection())
                                  .insert(makeLead(QStringLiteral("fast@x.example")));
            // What a machine whose clock runs an hour ahead stamps.
            QSqlQuery q(other.connection());
            q.prepare(QStringLiteral("UPDATE leads SET updated_at = updated_at + 3600000 "
                                     "WHERE id = :id"));
            q.bindValue(QStringLiteral(":id"), id);
            QVERIFY(q.exec());
            transaction.commit();
        }
        console.refresh();
        QCOMPARE(console.interestQueue()->rowCount(), before + 1);

        // The clock is set right; two leads are written, within the same millisecond or not.
        LeadRepository(other.connection()).insert(makeLead(QStringLiteral("later@x.example")));
        LeadRepository(other.connection()).insert(makeLead(QStringLiteral("same@x.example")));
        console.refresh();
        QCOMPARE(console.interestQueue()->rowCount(), before + 3);
    }

    // On a team server a hand-raiser written by another desk reaches a console that does not
    // poll at all: the server pushes the commit.
    void aHandRaiserIsPushedToAConsoleThatDoesNotPoll()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("a file pushes nothing; consoles on it poll (the other tests)");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        Console console(t.path());
        console.watch(0);
        const int before = console.salesQueue()->rowCount();
        {
            Database other(t.path());
            raiseHand(other, QStringLiteral("pushed@x.example"), console.now() - 60);
        }
        QTRY_COMPARE(console.salesQueue()->rowCount(), before + 1);
    }

    // On a team server a window looks on a timer too, to find a lost connection. Once the
    // server has pushed a change and the console has read it, those looks read nothing
    // again: they read every open handoff and every verdict given, at every desk four times
    // a second, whenever anyone had committed since the last tick.
    void aLookOnTheTimerLeavesWhatOthersCommitToThePushes()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("a file pushes nothing: a look on the timer is how a console finds changes");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        Console console(t.path());
        console.watch(20);
        QTest::qWait(100);
        const Console::LookCounts before = console.lookCounts();
        const int rows = console.salesQueue()->rowCount();
        {
            Database other(t.path());
            raiseHand(other, QStringLiteral("ticking@x.example"), console.now() - 60);
        }
        QTRY_COMPARE(console.salesQueue()->rowCount(), rows + 1);
        QTest::qWait(300); // fifteen ticks
        QVERIFY(console.lookCounts().looks > before.looks);
        QCOMPARE(console.lookCounts().wholeReads, before.wholeReads);
        // A caller's own look after a write on another connection still reads it at once.
        qint64 lead = 0;
        {
            Database other(t.path());
            lead = raiseHand(other, QStringLiteral("asked@x.example"), console.now() - 60);
        }
        console.refresh();
        QVERIFY(console.salesQueue()->rowOfLead(lead));
    }

    // On a team server two desks hand the hand-raisers over and the others stand by: a desk
    // standing by that looks first makes nothing, and shows what a leading desk made.
    void twoDesksHandOverWhileTheOthersStandBy()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        ThreeDesks desks(t.path());
        auto &[leading, alsoLeading, standing] = desks;
        QVERIFY(!leading.standsBy());
        QVERIFY(!alsoLeading.standsBy());
        QVERIFY(standing.standsBy());
        Console notWatching(t.path()); // a console that is no desk hands over what it finds
        QVERIFY(!notWatching.standsBy());
        QSignalSpy madeByLeading(&leading, &Console::escalated);
        QSignalSpy madeByAlsoLeading(&alsoLeading, &Console::escalated);
        QSignalSpy madeByStanding(&standing, &Console::escalated);
        const QStringList before = salesRows(standing);
        qint64 lead = 0;
        {
            Database other(t.path());
            lead = raiseHand(other, QStringLiteral("raised@x.example"), leading.now() - 60);
        }
        standing.refresh();
        QCOMPARE(madeByStanding.size(), 0);
        QVERIFY(!HandoffRepository(t.db().connection()).openFor(lead));
        leading.refresh();
        alsoLeading.refresh(); // racing the first, it finds the lead handed over
        QCOMPARE(madeByLeading.size(), 1);
        QCOMPARE(madeByAlsoLeading.size(), 0);
        QTRY_COMPARE(salesRows(standing).size(), before.size() + 1);
        QCOMPARE(salesRows(standing), salesRows(leading));
        QCOMPARE(salesRows(alsoLeading), salesRows(leading));
        QCOMPARE(madeByStanding.size(), 0);
    }

    // A leading desk shows what it hands over in the look that does it: the handoff, and its
    // lead at MQL, read with it (one round trip); the look its own commit's push brings does
    // not count the lead as changed again, and a lead written after that is read.
    void aLeadingDeskShowsWhatItHandsOverAtOnce()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        ThreeDesks desks(t.path());
        auto &[leading, alsoLeading, standing] = desks;
        QVERIFY(!leading.standsBy());
        qint64 lead = 0;
        {
            Database other(t.path());
            lead = raiseHand(other, QStringLiteral("raised@x.example"), leading.now() - 60);
        }
        QSignalSpy changed(&leading, &Console::leadsChanged);
        leading.refresh(); // hands it over
        const qint64 looks = leading.lookCounts().looks;
        QVERIFY(leading.salesQueue()->rowOfLead(lead));
        const LeadTable &leads = leading.engine().leads();
        QCOMPARE(leads.stage(*leads.rowOf(lead)), Stage::Mql);
        QCOMPARE(salesRows(leading).size(), salesRows(standing).size() + 1);
        QTRY_COMPARE(salesRows(standing), salesRows(leading)); // with the lead's name
        // Its own push looked at: the lead was news once, in the look that handed it over.
        QTRY_VERIFY(leading.lookCounts().looks > looks);
        QTest::qWait(100);
        QCOMPARE(std::count_if(changed.cbegin(), changed.cend(),
                               [lead](const QList<QVariant> &signal) {
                                   return signal.first().value<QList<qint64>>().contains(lead);
                               }),
                 1);
        {
            Database other(t.path());
            Lead renamed = *LeadRepository(other.connection()).find(lead);
            renamed.company = QStringLiteral("Renamed Later GmbH");
            LeadRepository(other.connection()).update(renamed);
        }
        QTRY_COMPARE(leads.company(*leads.rowOf(lead)), QStringLiteral("Renamed Later GmbH"));
    }

    // A desk standing by shows a hand-raiser as soon as a leading desk hands it over, its lead
    // read with the handoff; what else it heard (the lead's activities, another lead's edit)
    // it reads a quarter second on, and none of that is lost.
    void aStandingDeskShowsAHandRaiserWithItsHandoff()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        ThreeDesks desks(t.path());
        auto &[leading, alsoLeading, standing] = desks;
        QVERIFY(standing.standsBy());
        const qint64 raisedAt = leading.now() - 60;
        qint64 lead = 0;
        qint64 edited = 0;
        {
            Database other(t.path());
            Transaction transaction(other.connection());
            lead = raiseHand(other, QStringLiteral("raised@x.example"), raisedAt);
            transaction.commit();
            edited = LeadRepository(other.connection()).ids().front();
            Lead renamed = *LeadRepository(other.connection()).find(edited);
            renamed.company = QStringLiteral("Renamed Meanwhile GmbH");
            LeadRepository(other.connection()).update(renamed);
        }
        const Console::LookCounts before = standing.lookCounts();
        leading.refresh(); // hands it over
        QTRY_VERIFY(standing.salesQueue()->rowOfLead(lead));
        // At the push of the handoff (the push of the lead started a wait of a quarter second).
        QCOMPARE(standing.lookCounts().looks, before.looks + 1);
        QCOMPARE(salesRows(standing), salesRows(leading)); // with the lead's name
        {
            // Written again after it was read with its handoff: read again.
            Database other(t.path());
            Lead renamed = *LeadRepository(other.connection()).find(lead);
            renamed.company = QStringLiteral("Raised Later GmbH");
            LeadRepository(other.connection()).update(renamed);
        }
        const LeadTable &leads = standing.engine().leads();
        QTRY_COMPARE(leads.company(*leads.rowOf(lead)), QStringLiteral("Raised Later GmbH"));
        QTRY_COMPARE(standing.engine().lastIntentAt(*leads.rowOf(lead)), raisedAt);
        QTRY_COMPARE(leads.company(*leads.rowOf(edited)), QStringLiteral("Renamed Meanwhile GmbH"));
    }

    // A desk runs the statements of a push and a claim once when it starts watching, so the
    // first hand-raiser after fifty desks opened does not make every server session prepare
    // them at once: on nothing, writing nothing, and telling the other desks nothing.
    void aDeskWarmingUpWritesNothingAndTellsNobody()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("a file has no server sessions to warm");
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        const auto count = [&t](const QString &table) {
            QSqlQuery q(t.db().connection());
            q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
            q.next();
            return q.value(0).toLongLong();
        };
        const auto claimed = [&t] {
            QStringList claims;
            for (const Handoff &h : HandoffRepository(t.db().connection()).openAll())
                claims.append(h.claimedBy);
            return claims;
        };
        Console listening(t.path());
        listening.watch(0);
        QTest::qWait(100);
        const Console::LookCounts before = listening.lookCounts();
        const qint64 audited = count(QStringLiteral("audit_log"));
        const qint64 handoffs = count(QStringLiteral("handoffs"));
        const qint64 stageChanges = count(QStringLiteral("stage_history"));
        const QStringList claims = claimed();
        Console rep(t.path());
        rep.setProfile({0, QStringLiteral("Sam"), Profile::Role::Sales});
        rep.watch(0);
        QVERIFY(!rep.standsBy());
        QTest::qWait(300);
        QCOMPARE(listening.lookCounts().looks, before.looks);
        QCOMPARE(count(QStringLiteral("audit_log")), audited);
        QCOMPARE(count(QStringLiteral("handoffs")), handoffs);
        QCOMPARE(count(QStringLiteral("stage_history")), stageChanges);
        QCOMPARE(claimed(), claims);
        // Its statements work: a hand-raiser reaches it and it claims it.
        qint64 lead = 0;
        {
            Database other(t.path());
            lead = raiseHand(other, QStringLiteral("first@x.example"), rep.now() - 60);
        }
        QTRY_VERIFY(rep.salesQueue()->rowOfLead(lead));
        const qint64 handoff = HandoffRepository(t.db().connection()).openFor(lead)->id;
        QVERIFY(rep.actions().claim(handoff, rep.now()).won);
    }

    // Desks that lead the handing over and do not (busy, or their connections half gone)
    // delay a hand-raiser by about BusyRetryMs (and a standing desk's look, a quarter second
    // after the push): a desk standing by hands it over then.
    // Once one of them is gone, the next desk to find a hand-raiser waiting takes its place.
    void aDeskStandingByHandsOverWhatTheLeadingDeskLeaves()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        auto silent = demoWorldLedBySilentDesks(t);
        QCOMPARE(int(silent.size()), HandoffRepository::HandingOverDesks);
        Console standing(t.path());
        standing.watch(0);
        QVERIFY(standing.standsBy());
        QSignalSpy made(&standing, &Console::escalated);
        Database other(t.path());
        const qint64 first = raiseHand(other, QStringLiteral("first@x.example"), standing.now());
        QElapsedTimer waited;
        waited.start();
        QTRY_COMPARE_WITH_TIMEOUT(made.size(), 1, 2 * Console::BusyRetryMs + 5000);
        QVERIFY(waited.elapsed() >= Console::BusyRetryMs - 100);
        QCOMPARE(made.first().first().toLongLong(), first);
        QVERIFY(standing.standsBy()); // the silent ones still lead
        silent.pop_back();
        const qint64 second = raiseHand(other, QStringLiteral("second@x.example"), standing.now());
        QTRY_COMPARE_WITH_TIMEOUT(made.size(), 2, 2 * Console::BusyRetryMs + 5000);
        QCOMPARE(made.last().first().toLongLong(), second);
        QVERIFY(!standing.standsBy());
        // Leading now, it hands the next one over at its first look.
        const qint64 third = raiseHand(other, QStringLiteral("third@x.example"), standing.now());
        standing.refresh();
        QCOMPARE(made.size(), 3);
        QCOMPARE(made.last().first().toLongLong(), third);
    }

    // A threshold crossing a standing desk leaves to the leading desks is theirs once the
    // desk reads a handoff of that lead: handed over and rejected within the desk's wait, it
    // is not handed over again when the wait ends.
    void aCrossingHandedOverAndRejectedMeanwhileIsNotHandedOverAgain()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        const auto silent = demoWorldLedBySilentDesks(t);
        QCOMPARE(int(silent.size()), HandoffRepository::HandingOverDesks);
        Database other(t.path());
        // A VP (fit 20) who engages step by step, up to 100 points in all, capped per type.
        const qint64 lead =
            LeadRepository(other.connection())
                .insert(makeLead(QStringLiteral("near@x.example"), {}, QStringLiteral("VP")));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QStringList steps = {
            QStringLiteral("webinar_attended"),  QStringLiteral("webinar_attended"),
            QStringLiteral("webinar_attended"),  QStringLiteral("pricing_page_view"),
            QStringLiteral("pricing_page_view"), QStringLiteral("pricing_page_view"),
            QStringLiteral("pricing_page_view"), QStringLiteral("form_submit"),
            QStringLiteral("form_submit"),       QStringLiteral("form_submit")};
        const auto engage = [&](int step) {
            ActivityRepository(other.connection())
                .insert({0, lead, activityTypeId(other, steps[step]), now - 10, {}, {}});
        };
        // As many steps as keep the lead just under the threshold.
        int under = 0;
        for (;; ++under) {
            QVERIFY(under < steps.size());
            Transaction trial(other.connection());
            for (int step = 0; step <= under; ++step)
                engage(step);
            ScoringEngine one;
            one.loadSubset(other, {lead}, now);
            if (one.scores().score(0) >= one.scores().model().mqlThreshold)
                break; // rolled back
        }
        QVERIFY(under > 0);
        {
            Transaction engaged(other.connection());
            for (int step = 0; step < under; ++step)
                engage(step);
            engaged.commit();
        }
        Console standing(t.path());
        standing.watch(0);
        QVERIFY(standing.standsBy());
        QSignalSpy made(&standing, &Console::escalated);
        const auto score = [&] {
            const auto row = standing.engine().leads().rowOf(lead);
            return row ? standing.engine().scores().score(*row) : -1.0;
        };
        const double threshold = standing.engine().scores().model().mqlThreshold;
        QVERIFY(score() >= 0);
        QVERIFY(score() < threshold);

        engage(under); // over the threshold: the standing desk leaves it to the leading desks
        QTRY_VERIFY(score() >= threshold);
        QElapsedTimer waiting; // the desk's wait began at most a few milliseconds ago
        waiting.start();
        // A leading desk hands it over and sales rejects it, before the standing desk's wait
        // ends (and before it reads any of it).
        const Profile system{0, QStringLiteral("system"), Profile::Role::Marketing};
        Handoff crossing;
        crossing.leadId = lead;
        crossing.trigger = Handoff::Trigger::Mql;
        crossing.raisedAt = standing.now();
        const auto handed = HandoffActions(other, system).escalateAll({crossing});
        QCOMPARE(handed.size(), 1);
        const qint64 handoffId = handed.first().second;
        const Profile sam{0, QStringLiteral("Sam"), Profile::Role::Sales};
        QVERIFY(HandoffActions(other, sam).claim(handoffId, standing.now()).won);
        HandoffActions(other, sam)
            .reject(handoffId, HandoffActions::rejectReasons().first(), {}, standing.now());
        // Otherwise the wait ended first, and the desk was right to hand the lead over.
        QVERIFY2(waiting.elapsed() < Console::BusyRetryMs, "the machine was too slow to tell");

        QTest::qWait(Console::BusyRetryMs + 1000);
        standing.refresh();
        QCOMPARE(made.size(), 0);
        QVERIFY(!standing.openHandoffFor(lead));
        QCOMPARE(HandoffRepository(other.connection()).latestRaisedAt(0).value(lead),
                 crossing.raisedAt);
        QVERIFY(!HandoffRepository(other.connection()).openLeadIds().contains(lead));
    }

    // A window's timer does not read a push of new leads at a standing desk before that
    // desk's own look is due: it would read the hand-raiser before its handoff is made.
    void aStandingDesksTimerLeavesAPushToItsLook()
    {
        TestDatabase t;
        if (!t.isServer())
            QSKIP("on a file every console hands over: it has one writer at a time");
        const auto silent = demoWorldLedBySilentDesks(t);
        QCOMPARE(int(silent.size()), HandoffRepository::HandingOverDesks);
        Console standing(t.path());
        standing.watch(10);
        QVERIFY(standing.standsBy());
        QTest::qWait(50);
        const Console::LookCounts before = standing.lookCounts();
        Database other(t.path());
        raiseHand(other, QStringLiteral("later@x.example"), standing.now());
        QTest::qWait(150); // fifteen ticks
        QCOMPARE(standing.lookCounts().looks, before.looks);
        QTRY_VERIFY(standing.lookCounts().looks > before.looks);
    }

    // An import of 1,200 hand-raisers reaches sales in steps, the window answering between
    // them, and every one of them arrives once.
    void aWaveOfHandRaisersIsHandedOverInSteps()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {200, 5, 0, 26}).run();
        Console console(t.path());
        const int before = console.salesQueue()->rowCount();
        QSignalSpy handingOver(&console, &Console::handingOver);
        QSignalSpy escalated(&console, &Console::escalated);
        {
            Database other(t.path());
            Transaction transaction(other.connection());
            LeadRepository leads(other.connection());
            ActivityRepository activities(other.connection());
            const int demo = activityTypeId(other, QStringLiteral("demo_request"));
            for (int i = 0; i < 1200; ++i) {
                const qint64 id = leads.insert(makeLead(QStringLiteral("wave%1@x.example").arg(i)));
                activities.insert({0, id, demo, console.now() - 60, {}, {}});
            }
            transaction.commit();
        }
        console.refresh();
        QCOMPARE(console.salesQueue()->rowCount(), before + 500);
        QCOMPARE(handingOver.last().first().toInt(), 700);
        // The next steps come by themselves once the event loop runs.
        QTRY_COMPARE(console.salesQueue()->rowCount(), before + 1200);
        QCOMPARE(handingOver.last().first().toInt(), 0);
        QCOMPARE(escalated.size(), 1200);
    }

    // Imported history: a demo asked for a month ago counts in the score but opens no
    // handoff; one asked for two days ago is a hand-raiser sales must call.
    void handsRaisedBeforeTheIntakeWindowAreHistory()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        Console console(t.path());
        const int before = console.salesQueue()->rowCount();
        qint64 old = 0;
        qint64 recent = 0;
        {
            Database other(t.path());
            Transaction transaction(other.connection());
            LeadRepository leads(other.connection());
            ActivityRepository activities(other.connection());
            const int demo = activityTypeId(other, QStringLiteral("demo_request"));
            old = leads.insert(makeLead(QStringLiteral("old@x.example")));
            activities.insert({0, old, demo, console.now() - 30 * 24 * 3600, {}, {}});
            recent = leads.insert(makeLead(QStringLiteral("recent@x.example")));
            activities.insert({0, recent, demo, console.now() - 2 * 24 * 3600, {}, {}});
            transaction.commit();
        }
        console.refresh();
        QCOMPARE(console.salesQueue()->rowCount(), before + 1);
        QVERIFY(console.salesQueue()->rowOfLead(recent));
        QVERIFY(!console.salesQueue()->rowOfLead(old));
        QVERIFY(!console.openHandoffFor(old));
        // A console opened later does not catch the old one up either.
        Console later(t.path());
        QVERIFY(!later.openHandoffFor(old));
        QVERIFY(later.openHandoffFor(recent));
    }

    // A file without dates says a lead once asked for a demo, not when: however new the import,
    // that is history, no hand-raiser for sales to call now. The same file with today's date
    // on the request does open a handoff.
    void anUndatedRequestIsHistoryNotAHandRaise()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {100, 5, 0, 26}).run();
        Console console(t.path());
        const int before = console.salesQueue()->rowCount();
        QTemporaryDir dir;
        const auto import = [&](const QByteArray &csv) {
            const QString path = dir.filePath(QStringLiteral("leads.csv"));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return;
            file.write(csv);
            file.close();
            Database other(t.path());
            LeadImporter importer(other, path);
            QString error;
            importer.open({});
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), console.now());
        };
        import("Email,Last Activity\nundated@x.example,Demo requested\n");
        const QString today = QDateTime::fromSecsSinceEpoch(console.now() - 3600, Qt::UTC)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        import("Email,Last Activity,Last Activity Date\ndated@x.example,Demo requested," +
               today.toUtf8() + "\n");
        console.refresh();
        LeadRepository leads(t.connection());
        const qint64 undated = leads.findByKey(QStringLiteral("undated@x.example")).value(0);
        const qint64 dated = leads.findByKey(QStringLiteral("dated@x.example")).value(0);
        QVERIFY(undated > 0 && dated > 0);
        QVERIFY(!console.openHandoffFor(undated));
        QVERIFY(console.openHandoffFor(dated));
        QCOMPARE(console.salesQueue()->rowCount(), before + 1);
        // A console opened later does not catch the undated one up either.
        Console later(t.path());
        QVERIFY(!later.openHandoffFor(undated));
    }

    void aVersionAnotherConsoleTakesLiveRescoresEveryLead()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        Console console(t.path());
        const qint64 lead = console.interestQueue()->leadIdAt(0);
        double uncapped = 0; // the lead's engagement before any cap
        for (const auto &line : console.explain(lead).activities)
            uncapped += line.decayed;
        QSignalSpy modelChanged(&console, &Console::modelChanged);
        // Which leads are under the threshold before, with no handoff: those the new version
        // lifts over it must reach sales.
        QSet<qint64> below;
        {
            const ScoringEngine &engine = console.engine();
            for (int row = 0; row < engine.leads().size(); ++row) {
                const qint64 id = engine.leads().id(row);
                if (engine.scores().score(row) < engine.scores().model().mqlThreshold &&
                    !console.openHandoffFor(id) && !engine.scores().isDisqualified(row) &&
                    stage::isOpen(engine.leads().stage(row)))
                    below.insert(id);
            }
        }

        // Elsewhere, marketing and sales take a version doubling every weight live.
        const ModelRecord draft = takeDoubledLive(t.path(), console.now(), false);
        console.refresh();

        QCOMPARE(modelChanged.size(), 1);
        QCOMPARE(modelChanged[0][0].toLongLong(), draft.id);
        QCOMPARE(*console.engine().liveModelId(), draft.id);
        QCOMPARE(console.explain(lead).engagementPoints, 2 * uncapped);
        int lifted = 0;
        const ScoringEngine &engine = console.engine();
        for (int row = 0; row < engine.leads().size(); ++row) {
            const qint64 id = engine.leads().id(row);
            if (!below.contains(id) ||
                engine.scores().score(row) < engine.scores().model().mqlThreshold)
                continue;
            ++lifted;
            const auto handoff = console.openHandoffFor(id);
            QVERIFY2(handoff.has_value(), qPrintable(QString::number(id)));
            QCOMPARE(handoff->trigger, Handoff::Trigger::Mql);
            QCOMPARE(*handoff->modelId, draft.id); // scored by the new version
            QVERIFY(!handoff->slaExempt);          // each with its own clock
        }
        QVERIFY(lifted > 0);
    }

    // A version with another half-life counts every activity again: in the background, the
    // queues keeping the model in use meanwhile, and then exactly: what arrived during the
    // rebuild is counted once.
    void aVersionWithAnotherHalfLifeIsTakenOnInTheBackground()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        Console console(t.path());
        const std::optional<qint64> before = console.engine().liveModelId();
        const double halfLife = console.engine().scores().model().halfLifeDays;
        QSignalSpy rescoring(&console, &Console::rescoring);
        QSignalSpy modelChanged(&console, &Console::modelChanged);

        const ModelRecord version = takeSlowerFadingLive(t.path(), console.now(), 3);
        console.refresh();
        QCOMPARE(rescoring.size(), 1);
        QCOMPARE(rescoring[0][0].toDouble(), halfLife * 3);
        QCOMPARE(console.engine().liveModelId(), before); // still the old one
        QCOMPARE(modelChanged.size(), 0);

        // While the index is rebuilt, a lead engages: counted now, and in the new index too.
        const qint64 lead = console.interestQueue()->leadIdAt(0);
        ActivityRepository(t.connection())
            .insert({0,
                     lead,
                     activityTypeId(t.db(), QStringLiteral("webinar_attended")),
                     console.now() - 3600,
                     {},
                     {},
                     0});
        console.refresh();
        QCOMPARE(modelChanged.size(), 0);

        QVERIFY(modelChanged.wait(20000));
        QCOMPARE(*console.engine().liveModelId(), version.id);
        QCOMPARE(console.engine().scores().model().halfLifeDays, halfLife * 3);
        // Every lead as a console opened now would score it: nothing missed, nothing twice.
        ScoringEngine fresh;
        fresh.load(t.db(), console.engine().index().referenceTime());
        QCOMPARE(fresh.leads().size(), console.engine().leads().size());
        for (int row = 0; row < fresh.leads().size(); ++row) {
            const auto mine = console.engine().leads().rowOf(fresh.leads().id(row));
            QVERIFY(mine);
            QVERIFY2(qAbs(console.engine().scores().score(*mine) - fresh.scores().score(row)) <
                         1e-6,
                     qPrintable(QString::number(fresh.leads().id(row))));
        }
    }

    // Taken live as a batch, the wave of new MQLs is marked so: the speed-to-lead figures
    // leave those handoffs out.
    void aVersionTakenLiveAsABatchMarksItsHandoffs()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        Console console(t.path());
        QSet<qint64> openBefore;
        for (const Handoff &h : HandoffRepository(t.connection()).openAll())
            openBefore.insert(h.id);
        const ModelRecord draft = takeDoubledLive(t.path(), console.now(), true);
        QVERIFY(ModelVersions(t.db(), {}).find(draft.id).batchHandover);
        console.refresh();
        int batch = 0;
        for (const Handoff &h : HandoffRepository(t.connection()).openAll()) {
            if (openBefore.contains(h.id))
                continue;
            QCOMPARE(h.trigger, Handoff::Trigger::Mql);
            QVERIFY(h.slaExempt);
            ++batch;
        }
        QVERIFY(batch > 0);
    }

    // A lead sales rejected goes back to nurture, above the threshold or not: the interest
    // queue says so (when and why, the note apart), counts it and filters on it.
    void aLeadSalesRejectedIsMarkedInTheInterestQueue()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        Console console(t.path());
        QList<Handoff> open = HandoffRepository(t.connection()).openAll();
        open.removeIf([](const Handoff &h) { return !h.claimedBy.isEmpty(); });
        QVERIFY(!open.isEmpty());
        const qint64 lead = open.first().leadId;
        QVERIFY(!console.interestQueue()->rowOfLead(lead));
        const int before = console.interestQueue()->rejectedCount();
        {
            Database other(t.path());
            HandoffActions sam(other, {0, QStringLiteral("Sam"), Profile::Role::Sales});
            sam.claim(open.first().id, console.now());
            sam.reject(open.first().id, QStringLiteral("Bad timing"), QStringLiteral("call in Q3"),
                       console.now());
        }
        console.refresh();
        InterestQueueModel *interest = console.interestQueue();
        QAbstractItemModelTester tester(interest,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto row = interest->rowOfLead(lead);
        QVERIFY(row.has_value());
        const QModelIndex verdict = interest->index(*row, InterestQueueModel::Returned);
        QVERIFY2(verdict.data().toString().startsWith(QStringLiteral("Rejected ")) &&
                     verdict.data().toString().endsWith(QStringLiteral(": Bad timing")),
                 qPrintable(verdict.data().toString()));
        QVERIFY(verdict.data(Qt::ToolTipRole).toString().contains(QStringLiteral("call in Q3")));
        QVERIFY(verdict.data(InterestQueueModel::RejectedRole).toBool());
        QCOMPARE(interest->rejectedCount(), before + 1);

        QueueSortProxy proxy(interest);
        proxy.sort(InterestQueueModel::Score, Qt::DescendingOrder);
        QVERIFY(proxy.rowCount() > interest->rejectedCount());
        proxy.setRowFilter([interest](int r) { return interest->isRejected(r); });
        QCOMPARE(proxy.rowCount(), interest->rejectedCount());
        for (int r = 0; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r, 0).data(InterestQueueModel::RejectedRole).toBool());
        proxy.setRowFilter({});
        QCOMPARE(proxy.rowCount(), interest->rowCount());
    }

    // Another writer renames a lead that waits for sales: its row in the sales queue is
    // shown again (its handoff and score are as they were, so comparing them found nothing).
    void aLeadRenamedElsewhereIsShownAgainInTheSalesQueue()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {400, 3, 0, 26}).run();
        Console console(t.path());
        SalesQueueModel *sales = console.salesQueue();
        QVERIFY(sales->rowCount() > 3);
        const int row = 2;
        const qint64 leadId = sales->index(row, 0).data(SalesQueueModel::LeadIdRole).toLongLong();
        QSignalSpy changed(sales, &QAbstractItemModel::dataChanged);

        Database other(t.path());
        Lead lead = *LeadRepository(other.connection()).find(leadId);
        lead.firstName = QStringLiteral("Renamed");
        LeadRepository(other.connection()).update(lead);
        console.refresh();

        QVERIFY(sales->index(row, SalesQueueModel::LeadName)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Renamed")));
        const auto showsTheName = [&](const QList<QVariant> &signal) {
            const QModelIndex first = signal[0].toModelIndex(), last = signal[1].toModelIndex();
            return first.row() <= row && row <= last.row() &&
                   first.column() <= int(SalesQueueModel::LeadName) &&
                   int(SalesQueueModel::LeadName) <= last.column();
        };
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), showsTheName));
    }

    // A push names the few handoffs and leads a commit wrote, and the queues change only
    // those rows: once each kind of change is seen, they hold what a console opened afresh
    // shows. (Checked at once, not waited for: a later look must not be what mends them.)
    void pushedChangesLeaveTheQueuesAsAFreshConsoleShowsThem()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        Console console(t.path());
        console.watch(0); // on a team server, pushes only; on a file, the looks below
        QAbstractItemModelTester salesTester(
            console.salesQueue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester interestTester(
            console.interestQueue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto seen = [&](auto condition) {
            if (!t.isServer())
                console.refresh();
            return condition();
        };
        const auto agrees = [&] {
            Console fresh(t.path());
            return salesRows(console) == salesRows(fresh) &&
                   interestLeads(console) == interestLeads(fresh) &&
                   console.interestQueue()->rejections() == fresh.interestQueue()->rejections();
        };
        const auto stageOf = [&](qint64 leadId) {
            const auto row = console.engine().leads().rowOf(leadId);
            return row ? std::optional(console.engine().leads().stage(*row)) : std::nullopt;
        };
        QVERIFY(agrees());
        Database other(t.path(), Database::Open::Existing);
        HandoffActions sam(other, {0, QStringLiteral("Sam"), Profile::Role::Sales});
        LeadRepository leads(other.connection());

        // A hand raised: the console hands it over, the lead leaves the interest queue.
        const qint64 raised =
            raiseHand(other, QStringLiteral("raised@x.example"), console.now() - 60);
        QTRY_VERIFY(seen([&] { return console.openHandoffFor(raised).has_value(); }));
        QVERIFY(console.salesQueue()->rowOfLead(raised));
        QVERIFY(!console.interestQueue()->rowOfLead(raised));
        QVERIFY(agrees());

        // A claim, then another handoff claimed and rejected: back to nurture.
        QList<Handoff> open = HandoffRepository(other.connection()).openAll();
        open.removeIf([&](const Handoff &h) {
            return !h.claimedBy.isEmpty() || !console.salesQueue()->rowOfLead(h.leadId);
        });
        QVERIFY(open.size() >= 3);
        sam.claim(open[0].id, console.now());
        QTRY_VERIFY(seen([&] {
            const auto h = console.openHandoffFor(open[0].leadId);
            return h && h->claimedBy == QStringLiteral("Sam");
        }));
        QVERIFY(agrees());
        sam.claim(open[1].id, console.now());
        sam.reject(open[1].id, QStringLiteral("Bad timing"), {}, console.now());
        QTRY_VERIFY(seen([&] { return !console.openHandoffFor(open[1].leadId); }));
        QVERIFY(!console.salesQueue()->rowOfLead(open[1].leadId));
        QVERIFY(console.interestQueue()->rowOfLead(open[1].leadId));
        QVERIFY(console.interestQueue()->rejections().contains(open[1].leadId));
        QVERIFY(agrees());

        // Sent to sales again and accepted this time: no longer a lead sales rejected.
        Handoff again;
        again.leadId = open[1].leadId;
        again.trigger = Handoff::Trigger::Mql;
        again.raisedAt = console.now();
        const std::optional<qint64> againId = sam.escalate(again);
        QVERIFY(againId);
        sam.claim(*againId, console.now());
        sam.accept(*againId, console.now());
        QTRY_VERIFY(
            seen([&] { return !console.interestQueue()->rejections().contains(open[1].leadId); }));
        QVERIFY(agrees());

        // Another desk hands over a lead already at MQL: the push names the handoff only (the
        // lead's row is not written), and the lead still leaves the interest queue.
        const qint64 atMql = console.interestQueue()->leadIdAt(1);
        Lead mql = *leads.find(atMql);
        mql.stage = Stage::Mql;
        leads.update(mql);
        QTRY_VERIFY(seen([&] { return stageOf(atMql) == Stage::Mql; }));
        QVERIFY(console.interestQueue()->rowOfLead(atMql));
        Handoff handedOver;
        handedOver.leadId = atMql;
        handedOver.trigger = Handoff::Trigger::Mql;
        handedOver.raisedAt = console.now();
        QVERIFY(sam.escalate(handedOver));
        QTRY_VERIFY(seen([&] { return console.openHandoffFor(atMql).has_value(); }));
        QVERIFY(!console.interestQueue()->rowOfLead(atMql));
        QVERIFY(console.salesQueue()->rowOfLead(atMql));
        QVERIFY(agrees());

        // A lead in nurture lost, then a lead waiting for sales renamed.
        const qint64 nurtured = console.interestQueue()->leadIdAt(0);
        Lead lost = *leads.find(nurtured);
        lost.stage = Stage::Lost;
        leads.update(lost);
        Lead renamed = *leads.find(open[2].leadId);
        renamed.firstName = QStringLiteral("Renamed");
        leads.update(renamed);
        const auto shownName = [&] {
            const auto row = console.salesQueue()->rowOfLead(open[2].leadId);
            return row ? console.salesQueue()
                             ->index(*row, SalesQueueModel::LeadName)
                             .data()
                             .toString()
                       : QString();
        };
        QTRY_VERIFY(seen([&] { return shownName().contains(QStringLiteral("Renamed")); }));
        QVERIFY(!console.interestQueue()->rowOfLead(nurtured));
        QVERIFY(agrees());
    }

    void theClockTicksTheWaitingColumnOnly()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {400, 3, 0, 26}).run();
        Console console(t.path());
        SalesQueueModel *sales = console.salesQueue();
        QSignalSpy changed(sales, &QAbstractItemModel::dataChanged);
        const qint64 raisedAt = sales->index(0, 0).data(SalesQueueModel::RaisedAtRole).toLongLong();
        sales->setNow(raisedAt + 3 * 3600 + 125);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex().column(), int(SalesQueueModel::Waiting));
        QCOMPARE(changed[0][1].toModelIndex().column(), int(SalesQueueModel::Waiting));
        QCOMPARE(sales->index(0, SalesQueueModel::Waiting).data().toString(),
                 QStringLiteral("3h 02m"));
    }

    // A team that counts working time only: a hand raised on Friday at 16:50 has waited 20
    // minutes by Monday at 09:10, and the legend says how the clocks count.
    void theClockCountsWorkingHoursWhenTheTeamSaysSo()
    {
        TestDatabase t;
        const qint64 friday =
            QDateTime(QDate(2026, 12, 4), QTime(16, 50), Qt::UTC).toSecsSinceEpoch();
        const qint64 monday =
            QDateTime(QDate(2026, 12, 7), QTime(9, 10), Qt::UTC).toSecsSinceEpoch();
        Handoff h;
        h.leadId = LeadRepository(t.connection()).insert(makeLead(QStringLiteral("ada@x.example")));
        h.raisedAt = friday;
        QVERIFY(HandoffRepository(t.connection()).raiseIfNoneOpen(h));
        BusinessCalendar office;
        for (int day = 1; day <= 5; ++day)
            office.setHours(day, OpeningHours{QTime(9, 0), QTime(17, 0)});
        office.setBusinessTimeOnly(true);

        Console console(t.path());
        SalesQueueModel *sales = console.salesQueue();
        QCOMPARE(sales->rowCount(), 1);
        sales->setNow(monday);
        QCOMPARE(sales->index(0, SalesQueueModel::Waiting).data().toString(),
                 QStringLiteral("2d 16h")); // every minute, until the team says otherwise
        QVERIFY(!sales->legend().contains(QStringLiteral("working hours")));

        // Set from another connection, as `handoff hours` does: the next look takes it.
        {
            Database other(t.path(), Database::Open::Existing);
            BusinessCalendarRepository(other.connection())
                .save(office, QStringLiteral("max"), monday);
        }
        // (On a team server the change arrives as a push, a moment later.)
        QTRY_COMPARE_WITH_TIMEOUT((console.poll(), sales->setNow(monday),
                                   sales->index(0, SalesQueueModel::Waiting).data().toString()),
                                  QStringLiteral("20:00"), 5000);
        QCOMPARE(sales->index(0, 0).data(SalesQueueModel::SlaStateRole).toInt(),
                 int(SlaState::DueSoon));
        QVERIFY(sales->legend().contains(QStringLiteral("working hours only")));
    }
};

QTEST_GUILESS_MAIN(TestQueueModels)
#include "tst_queuemodels.moc"
