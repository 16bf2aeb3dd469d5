#include <QTest>

#include "queues/leadqueues.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "testdatabase.h"

using namespace handoff;

// The queues as the engine builds them from a real database file.
class TestLeadQueues : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 Now = 1'800'000'000;

    qint64 addLead(TestDatabase &t, const QString &email, Stage stage = Stage::Suspect)
    {
        Lead lead = makeLead(email, QStringLiteral("Manager"), QStringLiteral("Manager"));
        lead.stage = stage;
        return LeadRepository(t.connection()).insert(lead);
    }

    void addActivity(TestDatabase &t, qint64 lead, const QString &code, qint64 at, int times = 1)
    {
        ActivityRepository activities(t.connection());
        for (int i = 0; i < times; ++i)
            activities.insert({0, lead, activityTypeId(t.db(), code), at, {}, {}});
    }

private slots:
    void handRaisersGoToIntentWhateverTheirScore()
    {
        TestDatabase t;
        const qint64 low = addLead(t, QStringLiteral("low@x.example"));
        const qint64 busy = addLead(t, QStringLiteral("busy@x.example"));
        const qint64 older = addLead(t, QStringLiteral("older@x.example"));
        const qint64 claimed = addLead(t, QStringLiteral("claimed@x.example"));
        const qint64 rival = addLead(t, QStringLiteral("spy@rivalsoft.com"));
        addActivity(t, busy, QStringLiteral("webinar_attended"), Now - 3600, 10);
        addActivity(t, low, QStringLiteral("unsubscribe"), Now - 3600);
        HandoffRepository handoffs(t.connection());
        const auto raise = [&](qint64 lead, qint64 at) {
            Handoff h;
            h.leadId = lead;
            h.raisedAt = at;
            h.requestTypeId = activityTypeId(t.db(), QStringLiteral("demo_request"));
            return handoffs.raise(h);
        };
        raise(low, Now - 60);
        raise(older, Now - 600);
        handoffs.claim(raise(claimed, Now - 6000), QStringLiteral("Sam"), Now - 5000);
        raise(rival, Now - 9000);

        ScoringEngine engine;
        engine.load(t.db(), Now);
        const QList<Handoff> open = handoffs.open(Handoff::Trigger::Intent);
        const QList<IntentQueueEntry> intent = queues::intent(engine, open);
        QList<qint64> order;
        for (const IntentQueueEntry &e : intent)
            order.append(e.handoff.leadId);
        // Unclaimed oldest first, then claimed; the competitor is in neither queue.
        QCOMPARE(order, (QList<qint64>{older, low, claimed}));
        QVERIFY(engine.scores().score(engine.leads().rowOf(low).value()) < 0);

        const std::vector<int> interest = queues::interest(engine, open);
        QCOMPARE(interest.size(), size_t(1));
        QCOMPARE(engine.leads().id(interest[0]), busy);
    }

    void interestIsOrderedByScoreAndLeavesClosedStagesOut()
    {
        TestDatabase t;
        const qint64 a = addLead(t, QStringLiteral("a@x.example"));
        const qint64 b = addLead(t, QStringLiteral("b@x.example"), Stage::Nurture);
        const qint64 c = addLead(t, QStringLiteral("c@x.example"), Stage::Recycled);
        const qint64 won = addLead(t, QStringLiteral("won@x.example"), Stage::Won);
        addActivity(t, a, QStringLiteral("page_view"), Now - 60, 2);
        addActivity(t, b, QStringLiteral("webinar_attended"), Now - 60, 2);
        addActivity(t, won, QStringLiteral("webinar_attended"), Now - 60, 3);
        ScoringEngine engine;
        engine.load(t.db(), Now);
        std::vector<qint64> ids;
        for (int row : queues::interest(engine, {}))
            ids.push_back(engine.leads().id(row));
        QCOMPARE(ids, (std::vector<qint64>{b, a, c}));
        std::vector<int> top = queues::interest(engine, {}, 1);
        QCOMPARE(top.size(), size_t(1));
        QCOMPARE(engine.leads().id(top[0]), b);
    }

    void theLiveModelIsTheOneThatScores()
    {
        TestDatabase t;
        const qint64 a = addLead(t, QStringLiteral("a@x.example"));
        addActivity(t, a, QStringLiteral("page_view"), Now, 1);
        ScoringModel model = ScoringModel::standard();
        model.fitRules.clear();
        model.activities = {{QStringLiteral("page_view"), 42, {}, true}};
        ModelRecord record;
        record.status = ModelRecord::Status::Live;
        record.createdAt = Now;
        record.definition = model.toJson();
        const qint64 id = ModelRepository(t.connection()).insert(record);
        ScoringEngine engine;
        engine.load(t.db(), Now);
        QCOMPARE(engine.liveModelId(), std::optional<qint64>(id));
        QCOMPARE(engine.scores().score(0), 42.0);
        // A subset load scores the same way.
        ScoringEngine one;
        one.loadSubset(t.db(), {a}, Now);
        QCOMPARE(one.scores().score(0), 42.0);
    }
};

QTEST_GUILESS_MAIN(TestLeadQueues)
#include "tst_leadqueues.moc"
