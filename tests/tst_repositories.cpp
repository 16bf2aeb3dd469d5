#include <algorithm>

#include <QSqlQuery>
#include <QTest>

#include "store/activitybulkwriter.h"
#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/dialect.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadbulkwriter.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

class TestRepositories : public QObject
{
    Q_OBJECT

private:
    // A handoff, not yet stored, for a demo request at 1000 from a new lead.
    static Handoff handRaisedByANewLead(TestDatabase &t)
    {
        Handoff h;
        h.leadId = LeadRepository(t.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        h.trigger = Handoff::Trigger::Intent;
        h.raisedAt = 1000;
        return h;
    }

private slots:
    // A read a server streams (forward-only, read to its end) is no transaction: a write
    // right after it opens one of its own and draws a change number, so the other desks
    // see the lead changed. Inside a transaction, the same read keeps it one.
    void aWriteAfterAStreamedReadOpensItsOwnTransaction()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        const qint64 id = leads.insert(makeLead(QStringLiteral("read@x.example")));
        qint64 seen = 0;
        for (const auto &changed : leads.changedSince(0))
            seen = std::max(seen, changed.lead.changeSeq);
        QVERIFY(!HandoffRepository(t.connection()).find(id));
        QVERIFY(!dialect::inTransaction(t.connection()));
        leads.setOwner(id, QStringLiteral("Sam"));
        Database other(t.path(), Database::Open::Existing);
        const auto changed = LeadRepository(other.connection()).changedSince(seen);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().lead.owner, QStringLiteral("Sam"));
        Transaction transaction(t.connection());
        QVERIFY(!HandoffRepository(t.connection()).find(id));
        QVERIFY(dialect::inTransaction(t.connection()));
        transaction.commit();
        QVERIFY(!dialect::inTransaction(t.connection()));
    }

    // An import's new leads (held back and copied on a server, written at once on a file)
    // keep the ids they were given, arrive with their stage changes after them, and an id
    // another program takes meanwhile is not among them.
    void bulkWrittenLeadsKeepTheirIds()
    {
        TestDatabase t;
        constexpr int Leads = 12'500; // more than one COPY and one block of ids
        QList<qint64> ids;
        qint64 elsewhere = 0;
        {
            Transaction transaction(t.connection());
            LeadBulkWriter writer(t.connection());
            for (int i = 0; i < Leads; ++i) {
                Lead lead = makeLead(QStringLiteral("Lead%1@X.example").arg(i));
                lead.company = i == 7 ? QStringLiteral("Åcme, \"quoted\"\tand \\ back\nslash")
                                      : QStringLiteral("Acme");
                ids.append(writer.insert(lead));
                writer.recordStageChange({ids.last(), std::nullopt, Stage::Suspect, 1000 + i,
                                          QStringLiteral("import"), QStringLiteral("new"), 0,
                                          i == 9});
                if (i == 100 && t.isServer()) {
                    // A desk's own write waits for this transaction (its change number);
                    // another program's insert takes an id from the identity meanwhile.
                    Database other(t.path());
                    QSqlQuery q(other.connection());
                    QVERIFY(q.exec(QStringLiteral("SELECT nextval(pg_get_serial_sequence("
                                                  "'leads', 'id'))")) &&
                            q.next());
                    elsewhere = q.value(0).toLongLong();
                }
            }
            writer.flush();
            transaction.commit();
        }
        LeadRepository leads(t.connection());
        QCOMPARE(leads.count(), Leads);
        QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), Leads);
        if (t.isServer()) // a file has no identity another program draws from
            QVERIFY(!ids.contains(elsewhere));
        const auto seventh = leads.find(ids[7]);
        QVERIFY(seventh);
        QCOMPARE(seventh->email, QStringLiteral("Lead7@X.example"));
        QCOMPARE(seventh->company, QStringLiteral("Åcme, \"quoted\"\tand \\ back\nslash"));
        QCOMPARE(leads.findByKey(QStringLiteral("lead7@x.example")), QList<qint64>{ids[7]});
        const QList<StageChange> history = leads.stageHistory(ids[9]);
        QCOMPARE(history.size(), 1);
        QVERIFY(history.first().undated);
        QCOMPARE(leads.stageHistory(ids[Leads - 1]).first().changedAt, 1000 + Leads - 1);
    }

    // What an import writes in bulk (native groups on a file, COPY on a server) arrives whole
    // and as given, over more than one group; a row held back already counts as there, so a
    // file repeating an activity does not double it.
    void bulkWrittenActivitiesArriveWhole()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        const qint64 a = leads.insert(makeLead(QStringLiteral("a@x.example")));
        const qint64 b = leads.insert(makeLead(QStringLiteral("b@x.example")));
        constexpr qint64 Start = 1'700'000'000;
        constexpr int Rows = 25'000;
        const QString odd = QStringLiteral("Åsset, \"quoted\"\tand \\ back\nslash");
        {
            Transaction transaction(t.connection());
            ActivityBulkWriter writer(t.connection());
            for (int i = 0; i < Rows; ++i)
                writer.insert(i % 2 ? a : b, 1, Start + i, i == 7 ? odd : QStringLiteral("x"),
                              i % 3 ? QStringLiteral("email") : QString(), 0, i == 9);
            QVERIFY(writer.exists(a, 1, Start + Rows - 1)); // held back, or written
            QVERIFY(!writer.exists(a, 1, Start + Rows));
            QVERIFY(!writer.exists(b, 1, Start + 1)); // a's, not b's
            writer.flush();
            transaction.commit();
        }
        ActivityRepository activities(t.connection());
        QCOMPARE(activities.forLead(a).size() + activities.forLead(b).size(), Rows);
        const QList<Activity> ofA = activities.forLead(a);
        const auto seventh = std::find_if(
            ofA.begin(), ofA.end(), [](const Activity &x) { return x.occurredAt == Start + 7; });
        QVERIFY(seventh != ofA.end());
        QCOMPARE(seventh->asset, odd);
        QCOMPARE(seventh->channel, QStringLiteral("email"));
        const auto undated =
            std::find_if(ofA.begin(), ofA.end(), [](const Activity &x) { return x.undated; });
        QVERIFY(undated != ofA.end());
        QCOMPARE(undated->occurredAt, UndatedTime);
        QVERIFY(activities.exists(a, 1, Start + Rows - 1));
    }

    void leadRoundTrip()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        Lead lead = makeLead(QStringLiteral("Anna.Smith@Acme.Example"),
                             QStringLiteral("VP of Sales"), QStringLiteral("VP"));
        lead.companySize = 250;
        lead.country = QStringLiteral("DE");
        lead.stage = Stage::Nurture;
        lead.id = leads.insert(lead);
        const auto found = leads.find(lead.id);
        QVERIFY(found);
        QCOMPARE(found->email, lead.email);
        QCOMPARE(found->companySize, std::optional<int>(250));
        QCOMPARE(found->stage, Stage::Nurture);
        QCOMPARE(found->emailDomain(), QStringLiteral("acme.example"));
        QVERIFY(!leads.find(lead.id + 1));
    }

    // What another console reads after a change: each lead once, with its own custom fields.
    void changedLeadsComeWithTheirCustomFields()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        const qint64 seen = leads.latestChangeSeq();
        const qint64 plain = leads.insert(makeLead(QStringLiteral("plain@x.example")));
        const qint64 custom = leads.insert(makeLead(QStringLiteral("custom@x.example")));
        leads.setCustomFields(custom, {{QStringLiteral("Budget"), QStringLiteral("50k")},
                                       {QStringLiteral("Region"), QStringLiteral("EMEA")}});
        const auto changed = leads.changedSince(seen);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed[0].lead.id, plain);
        QVERIFY(changed[0].customFields.isEmpty());
        QCOMPARE(changed[1].lead.id, custom);
        QCOMPARE(changed[1].lead.email, QStringLiteral("custom@x.example"));
        QCOMPARE(changed[1].customFields,
                 (QMap<QString, QString>{{QStringLiteral("Budget"), QStringLiteral("50k")},
                                         {QStringLiteral("Region"), QStringLiteral("EMEA")}}));
    }

    // What a desk standing by reads when another desk's commit names handoffs: those
    // handoffs, and of their leads only those written since it last read leads (each once,
    // with its custom fields), in one read.
    void namedHandoffsComeWithTheirChangedLeads()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        HandoffRepository handoffs(t.connection());
        const auto raise = [&](qint64 lead, qint64 at) {
            Handoff h;
            h.leadId = lead;
            h.trigger = Handoff::Trigger::Intent;
            h.raisedAt = at;
            return handoffs.raise(h);
        };
        const qint64 known = leads.insert(makeLead(QStringLiteral("known@x.example")));
        const qint64 knownHandoff = raise(known, 1000);
        const qint64 seen = leads.latestChangeSeq();
        const qint64 fresh = leads.insert(makeLead(QStringLiteral("fresh@x.example")));
        leads.setCustomFields(fresh, {{QStringLiteral("Budget"), QStringLiteral("50k")},
                                      {QStringLiteral("Region"), QStringLiteral("EMEA")}});
        const qint64 freshHandoff = raise(fresh, 1010);
        handoffs.close(freshHandoff, Handoff::Outcome::Rejected, QStringLiteral("Sam"), 1020,
                       QStringLiteral("No budget"));
        const qint64 againHandoff = raise(fresh, 1030);
        leads.insert(makeLead(QStringLiteral("unnamed@x.example"))); // changed, not named

        const auto read = handoffs.withIdsAndChangedLeads(
            {knownHandoff, freshHandoff, againHandoff, againHandoff + 1}, seen);
        QList<qint64> ids;
        for (const Handoff &h : read.handoffs)
            ids.append(h.id);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, (QList<qint64>{knownHandoff, freshHandoff, againHandoff}));
        for (const Handoff &h : read.handoffs)
            QCOMPARE(h, *handoffs.find(h.id));
        QCOMPARE(read.leads.size(), 1);
        QCOMPARE(read.leads[0].lead.id, fresh);
        QCOMPARE(read.leads[0].lead.email, QStringLiteral("fresh@x.example"));
        QCOMPARE(read.leads[0].lead.changeSeq, leads.find(fresh)->changeSeq);
        QCOMPARE(read.leads[0].customFields,
                 (QMap<QString, QString>{{QStringLiteral("Budget"), QStringLiteral("50k")},
                                         {QStringLiteral("Region"), QStringLiteral("EMEA")}}));
        // Read since before every lead: the known lead comes too, without custom fields.
        QCOMPARE(handoffs.withIdsAndChangedLeads({knownHandoff}, 0).leads.size(), 1);
        QVERIFY(handoffs.withIdsAndChangedLeads({knownHandoff}, 0).leads[0].customFields.isEmpty());
    }

    void duplicateExternalIdsAreRefused()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        Lead lead = makeLead(QStringLiteral("a@x.example"));
        lead.externalId = QStringLiteral("HS-1");
        leads.insert(lead);
        QVERIFY_THROWS_EXCEPTION(Error, leads.insert(lead));
        QCOMPARE(leads.count(), 1);
    }

    void aTransactionLeftWithoutCommitLeavesNothing()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        try {
            Transaction transaction(t.connection());
            leads.insert(makeLead(QStringLiteral("a@x.example")));
            leads.insert(makeLead(QStringLiteral("b@x.example")));
            throw Error(QStringLiteral("something went wrong halfway"));
        } catch (const Error &) {
        }
        QCOMPARE(leads.count(), 0);
    }

    void stageChangesAreRecorded()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        const qint64 id = leads.insert(makeLead(QStringLiteral("a@x.example")));
        leads.changeStage({id, Stage::Suspect, Stage::Mql, 100, QStringLiteral("system"),
                           QStringLiteral("crossed")});
        leads.changeStage({id, Stage::Mql, Stage::Recycled, 200, QStringLiteral("Sam"),
                           QStringLiteral("No budget")});
        QCOMPARE(leads.find(id)->stage, Stage::Recycled);
        const QList<StageChange> history = leads.stageHistory(id);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[1].from, std::optional<Stage>(Stage::Mql));
        QCOMPARE(history[1].reason, QStringLiteral("No budget"));
        QVERIFY_THROWS_EXCEPTION(Error, leads.changeStage({id + 99, {}, Stage::Sql, 1, {}, {}}));
    }

    void exactlyOneOfTwoConsolesWinsAClaim()
    {
        TestDatabase t;
        const qint64 lead =
            LeadRepository(t.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        Handoff h;
        h.leadId = lead;
        h.raisedAt = 1000;
        const qint64 id = HandoffRepository(t.connection()).raise(h);

        Database second(t.path()); // another console: its own connection to the same file
        HandoffRepository first(t.connection());
        HandoffRepository other(second.connection());
        QVERIFY(first.claim(id, QStringLiteral("Sam"), 1010));
        QVERIFY(!other.claim(id, QStringLiteral("Alex"), 1011));
        QCOMPARE(other.find(id)->claimedBy, QStringLiteral("Sam"));
        QCOMPARE(other.find(id)->claimedAt, std::optional<qint64>(1010));
    }

    void aLeadHasAtMostOneOpenHandoff()
    {
        TestDatabase t;
        HandoffRepository handoffs(t.connection());
        Handoff h = handRaisedByANewLead(t);
        const qint64 lead = h.leadId;
        const qint64 id = handoffs.raise(h);
        QVERIFY_THROWS_EXCEPTION(Error, handoffs.raise(h));
        handoffs.close(id, Handoff::Outcome::Rejected, QStringLiteral("Sam"), 2000,
                       QStringLiteral("No budget"));
        QVERIFY(!handoffs.openFor(lead));
        QVERIFY(!handoffs.claim(id, QStringLiteral("Alex"), 2001)); // closed: nothing to claim
        QVERIFY_THROWS_EXCEPTION(Error, handoffs.close(id, Handoff::Outcome::Accepted, {}, 1, {}));
        handoffs.raise(h); // a new hand-raise after the verdict opens a new one
        QCOMPARE(handoffs.forLead(lead).size(), 2);
    }

    // A hand raised no later than the lead's latest handoff went to sales with that one, even
    // when it is closed by now: a desk that looks late does not hand it over again.
    void aHandRaisedBeforeTheLatestHandoffIsNotHandedOverAgain()
    {
        TestDatabase t;
        HandoffRepository handoffs(t.connection());
        Handoff h = handRaisedByANewLead(t);
        const qint64 lead = h.leadId;
        const qint64 id = *handoffs.raiseIfNoneOpen(h);
        handoffs.close(id, Handoff::Outcome::Rejected, QStringLiteral("Sam"), 2000,
                       QStringLiteral("No budget"));
        QVERIFY(!handoffs.raiseIfNoneOpen(h));
        h.raisedAt = 999;
        QVERIFY(!handoffs.raiseIfNoneOpen(h));
        h.raisedAt = 1001; // asked again after: a new hand raised
        QVERIFY(handoffs.raiseIfNoneOpen(h));
        QCOMPARE(handoffs.forLead(lead).size(), 2);
    }

    void onlyOneModelIsLive()
    {
        TestDatabase t;
        ModelRepository models(t.connection());
        ModelRecord r;
        r.status = ModelRecord::Status::Live;
        r.definition = "{}";
        r.createdAt = 1;
        const qint64 id = models.insert(r);
        QCOMPARE(models.live()->id, id);
        QVERIFY_THROWS_EXCEPTION(Error, models.insert(r));
        r.status = ModelRecord::Status::Draft;
        models.insert(r);
        QCOMPARE(models.all().size(), 2);
    }

    void auditEntriesComeBackNewestFirst()
    {
        TestDatabase t;
        AuditLog log(t.connection());
        log.record(
            {1, QStringLiteral("Sam"), QStringLiteral("claim"), QStringLiteral("handoff"), 7, {}});
        log.record({2,
                    QStringLiteral("Alex"),
                    QStringLiteral("release"),
                    QStringLiteral("handoff"),
                    7,
                    {}});
        const QList<AuditEntry> entries = log.recent(10);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].actor, QStringLiteral("Alex"));
    }

    // The queues tell a handoff changed elsewhere by comparing it with the one shown: every
    // field counts, texts too, whether or not they are the same copies.
    void handoffsCompareEveryField()
    {
        Handoff shown;
        shown.id = 7;
        shown.leadId = 3;
        shown.claimedBy = QStringLiteral("Sam");
        shown.note = QStringLiteral("called twice");
        const Handoff copy = shown;
        QVERIFY(copy == shown);
        Handoff readAgain = shown; // the same texts, read afresh: other copies
        readAgain.claimedBy = QString(QStringLiteral("Sa")) + QLatin1Char('m');
        QVERIFY(!readAgain.claimedBy.isSharedWith(shown.claimedBy));
        QVERIFY(readAgain == shown);
        const auto differs = [&](auto change) {
            Handoff other = shown;
            change(other);
            return !(other == shown) && !(shown == other);
        };
        QVERIFY(differs([](Handoff &h) { h.claimedBy = QStringLiteral("Alex"); }));
        QVERIFY(differs([](Handoff &h) { h.outcomeBy = QStringLiteral("Alex"); }));
        QVERIFY(differs([](Handoff &h) { h.reason = QStringLiteral("No budget"); }));
        QVERIFY(differs([](Handoff &h) { h.note = QStringLiteral("called three times"); }));
        QVERIFY(differs([](Handoff &h) { h.claimedAt = 1; }));
        QVERIFY(differs([](Handoff &h) { h.firstContactAt = 1; }));
        QVERIFY(differs([](Handoff &h) { h.outcome = Handoff::Outcome::Rejected; }));
        QVERIFY(differs([](Handoff &h) { h.outcomeAt = 1; }));
        QVERIFY(differs([](Handoff &h) { h.score = 1.5; }));
        QVERIFY(differs([](Handoff &h) { h.slaExempt = true; }));
        QVERIFY(differs([](Handoff &h) { h.trigger = Handoff::Trigger::Mql; }));
        QVERIFY(differs([](Handoff &h) { h.requestTypeId = 2; }));
        QVERIFY(differs([](Handoff &h) { h.modelId = 2; }));
        QVERIFY(differs([](Handoff &h) { h.raisedAt = 1; }));
        QVERIFY(differs([](Handoff &h) { h.leadId = 4; }));
        QVERIFY(differs([](Handoff &h) { h.id = 8; }));
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
