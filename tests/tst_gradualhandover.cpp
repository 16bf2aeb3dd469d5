#include <algorithm>

#include <QDateTime>
#include <QTest>

#include "demo/demogenerator.h"
#include "doubledmodel.h"
#include "queues/console.h"
#include "queues/handoverpace.h"
#include "queues/queuesortproxy.h"
#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/handoffrepository.h"
#include "store/pendinghandoverrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

using Mode = ModelVersions::Handover::Mode;

// The speed-to-lead colours the sales queue paints a running clock in, amber and red.

// Leads under the threshold, in play, with no handoff: those a new version may lift.
QSet<qint64> belowThreshold(const Console &console)
{
    QSet<qint64> below;
    const ScoringEngine &engine = console.engine();
    for (int row = 0; row < engine.leads().size(); ++row) {
        const qint64 id = engine.leads().id(row);
        if (engine.scores().score(row) < engine.scores().model().mqlThreshold &&
            !console.openHandoffFor(id) && engine.scores().inPlay(row))
            below.insert(id);
    }
    return below;
}

// The wave: of `below`, those now over the threshold, best first (ties in lead order).
QList<qint64> waveBestFirst(const Console &console, const QSet<qint64> &below)
{
    const ScoringEngine &engine = console.engine();
    QList<std::pair<double, qint64>> wave;
    for (int row = 0; row < engine.leads().size(); ++row) {
        const qint64 id = engine.leads().id(row);
        if (below.contains(id) &&
            engine.scores().score(row) >= engine.scores().model().mqlThreshold)
            wave.append({-engine.scores().score(row), id});
    }
    std::sort(wave.begin(), wave.end());
    QList<qint64> ids;
    for (const auto &[score, id] : wave)
        ids.append(id);
    return ids;
}

QSet<qint64> openLeads(Database &db)
{
    QSet<qint64> leads;
    for (const Handoff &h : HandoffRepository(db.connection()).openAll())
        leads.insert(h.leadId);
    return leads;
}

QString waitingText(const Console &console, qint64 leadId)
{
    const SalesQueueModel *sales = console.salesQueue();
    const auto row = sales->rowOfLead(leadId);
    return row ? sales->index(*row, SalesQueueModel::Waiting).data().toString() : QString();
}

// The Waiting column's SlaState (ui gives it its colour); -1 when the lead is not queued.
int slaState(const Console &console, qint64 leadId)
{
    const SalesQueueModel *sales = console.salesQueue();
    const auto row = sales->rowOfLead(leadId);
    return row ? sales->index(*row, SalesQueueModel::Waiting)
                     .data(SalesQueueModel::SlaStateRole)
                     .toInt()
               : -1;
}

} // namespace

// Going live gradually: the wave a new version lifts over the threshold reaches sales N an
// hour, best first, each lead's speed-to-lead clock starting at its release; and a wave taken
// live as a batch shows no clock at all.
class TestGradualHandover : public QObject
{
    Q_OBJECT

private slots:
    void thePaceIsPlannedInHourlyPortionsBestFirst()
    {
        QList<PendingHandover> wave = {
            {1, 7, 50, 0}, {2, 7, 90, 0}, {3, 7, 70, 0}, {4, 7, 90, 0}, {5, 7, 60, 0}};
        const QList<PendingHandover> planned = handoverpace::schedule(wave, 2, 1000);
        QList<qint64> order;
        QList<qint64> times;
        for (const PendingHandover &p : planned) {
            order.append(p.leadId);
            times.append(p.releaseAt);
        }
        QCOMPARE(order, (QList<qint64>{2, 4, 3, 5, 1}));
        QCOMPARE(times, (QList<qint64>{1000, 1000, 4600, 4600, 8200}));
        QCOMPARE(handoverpace::spanSeconds(5, 2), qint64(7200));
        QCOMPARE(handoverpace::spanSeconds(2, 2), qint64(0));
        QCOMPARE(handoverpace::spanText(500, 20),
                 QStringLiteral("the last of them 24 hours later"));
        QCOMPARE(handoverpace::spanText(3, 20), QStringLiteral("all in the first hour"));
        QCOMPARE(handoverpace::suggestedPerHour(3), 3 * handoverpace::LeadsPerRepHour);
        QCOMPARE(handoverpace::suggestedPerHour(0), handoverpace::LeadsPerRepHour);
    }

    void goingLiveGraduallyReleasesNAnHourBestFirst()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        qint64 now = QDateTime::currentSecsSinceEpoch();
        Console console(t.path());
        console.setClock([&now] { return now; });
        // Going live half an hour into the scores' fading hour (a minute's margin for the
        // loading): the fades then fall on the half hours, and on the hour only the due
        // portion itself wakes the console.
        now += 1800 + 60;
        const qint64 start = now;
        console.refresh(true);
        const QSet<qint64> below = belowThreshold(console);
        const QSet<qint64> openBefore = openLeads(console.database());

        constexpr int PerHour = 5;
        const ModelRecord draft = takeDoubledLive(t.path(), now, {Mode::Gradual, PerHour});
        QCOMPARE(ModelVersions(t.db(), {}).find(draft.id).handoverPerHour, PerHour);
        console.refresh();
        const QList<qint64> wave = waveBestFirst(console, below);
        QVERIFY2(wave.size() > 2 * PerHour, qPrintable(QString::number(wave.size())));

        // The going live is in the audit log with its pace.
        bool audited = false;
        for (const AuditEntry &e : AuditLog(t.connection()).recent(20))
            audited |= e.action == QLatin1String("model.live") && e.entityId == draft.id &&
                       e.detail.contains(QStringLiteral("gradually, 5 an hour"));
        QVERIFY(audited);

        // Each hour the next N of the wave, best first, and no more; the rest held back in
        // the interest queue, saying when they go.
        QSet<qint64> released;
        for (int hour = 0; released.size() < wave.size(); ++hour) {
            QVERIFY(hour < 200);
            const QSet<qint64> open = openLeads(console.database());
            const QList<qint64> portion =
                wave.mid(qsizetype(hour) * PerHour,
                         std::min<qsizetype>(PerHour, wave.size() - hour * PerHour));
            for (qint64 lead : portion) {
                QVERIFY2(open.contains(lead),
                         qPrintable(QStringLiteral("hour %1 lead %2").arg(hour).arg(lead)));
                const Handoff h = *console.openHandoffFor(lead);
                QCOMPARE(h.trigger, Handoff::Trigger::Mql);
                QCOMPARE(*h.modelId, draft.id);
                QVERIFY(!h.slaExempt);
                // Its clock starts at its release, not at the going live.
                QCOMPARE(h.raisedAt, start + qint64(hour) * 3600);
                QCOMPARE(waitingText(console, lead), QStringLiteral("0:00"));
                QVERIFY(!console.heldUntil(lead));
                released.insert(lead);
            }
            for (qint64 lead : wave) {
                if (released.contains(lead)) {
                    QVERIFY(open.contains(lead));
                    continue;
                }
                QVERIFY2(!open.contains(lead), qPrintable(QString::number(lead)));
                QVERIFY(!console.salesQueue()->rowOfLead(lead));
                QCOMPARE(console.heldUntil(lead).value_or(0) > now, true);
            }
            // Nothing else went to sales.
            QCOMPARE(open.size(), openBefore.size() + released.size());
            QCOMPARE(console.heldCount(), int(wave.size() - released.size()));

            // Half an hour on: the clocks run, nothing new comes.
            now += 1800;
            console.refresh(true);
            QCOMPARE(openLeads(console.database()).size(), open.size());
            if (!portion.isEmpty())
                QCOMPARE(waitingText(console, portion.first()), QStringLiteral("30:00"));
            now += 1800;
            console.refresh();
        }
        QCOMPARE(console.heldCount(), 0);
        QVERIFY(PendingHandoverRepository(t.connection()).all().isEmpty());
    }

    void aHeldLeadSaysWhenItGoesInTheInterestQueue()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        // Noon today: the next portion goes at 13:00, the same day.
        qint64 now = QDateTime(QDate::currentDate(), QTime(12, 0)).toSecsSinceEpoch();
        Console console(t.path());
        console.setClock([&now] { return now; });
        takeDoubledLive(t.path(), now, {Mode::Gradual, 2});
        console.refresh();
        QVERIFY(console.heldCount() > 0);
        const PendingHandover next = PendingHandoverRepository(t.connection()).all().first();
        QCOMPARE(next.releaseAt, now + 3600);
        const InterestQueueModel *interest = console.interestQueue();
        const auto row = interest->rowOfLead(next.leadId);
        QVERIFY(row);
        QCOMPARE(interest->index(*row, InterestQueueModel::Returned).data().toString(),
                 QStringLiteral("waiting to be handed over at 13:00"));
        // A wave running past midnight names the day.
        const QDateTime tomorrow = QDateTime::fromSecsSinceEpoch(now).addDays(1);
        QCOMPARE(InterestQueueModel::releaseTimeText(tomorrow.toSecsSinceEpoch(), now),
                 tomorrow.toString(QStringLiteral("ddd")) + QStringLiteral(" 12:00"));
        // Sorted by the Sales column, held leads come in the order they go.
        QueueSortProxy proxy(console.interestQueue());
        proxy.sort(InterestQueueModel::Returned, Qt::AscendingOrder);
        qint64 previous = 0;
        int held = 0;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const qint64 lead = proxy.index(r, 0).data(InterestQueueModel::LeadIdRole).toLongLong();
            const auto until = console.heldUntil(lead);
            if (!until) {
                QCOMPARE(held, 0); // none after the first held one
                continue;
            }
            QVERIFY(*until >= previous);
            previous = *until;
            ++held;
        }
        QCOMPARE(held, console.heldCount());
    }

    // A held-back lead that raises its hand does not wait for its turn: a hand-raise goes to
    // sales at once. Its turn, when it comes, hands nothing over twice.
    void aHeldLeadThatRaisesItsHandGoesAtOnce()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        qint64 now = QDateTime::currentSecsSinceEpoch();
        Console console(t.path());
        console.setClock([&now] { return now; });
        takeDoubledLive(t.path(), now, {Mode::Gradual, 2});
        console.refresh();
        const PendingHandover held = PendingHandoverRepository(t.connection()).all().last();
        QVERIFY(held.releaseAt > now);
        int intentType = 0;
        for (const ActivityType &type : ActivityRepository(t.connection()).types()) {
            if (type.kind == ActivityKind::Intent)
                intentType = type.id;
        }
        QVERIFY(intentType > 0);
        now += 60;
        ActivityRepository(t.connection()).insert({0, held.leadId, intentType, now, {}, {}});
        console.refresh();
        const auto handoff = console.openHandoffFor(held.leadId);
        QVERIFY(handoff);
        QCOMPARE(handoff->trigger, Handoff::Trigger::Intent);
        QCOMPARE(handoff->raisedAt, now);
        QVERIFY(console.salesQueue()->rowOfLead(held.leadId));

        now = held.releaseAt;
        console.refresh();
        QCOMPARE(HandoffRepository(t.connection()).forLead(held.leadId).size(), 1);
        QVERIFY(!console.heldUntil(held.leadId));
    }

    // A second console sees the same wave: it schedules nothing twice and releases each
    // lead once.
    void twoConsolesReleaseEachLeadOnce()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        qint64 now = QDateTime::currentSecsSinceEpoch();
        Console a(t.path());
        Console b(t.path());
        a.setClock([&now] { return now; });
        b.setClock([&now] { return now; });
        const int openBefore = int(openLeads(a.database()).size());
        takeDoubledLive(t.path(), now, {Mode::Gradual, 3});
        a.refresh();
        b.refresh();
        QCOMPARE(int(openLeads(a.database()).size()), openBefore + 3);
        QCOMPARE(a.heldCount(), b.heldCount());
        now += 3600;
        b.refresh();
        a.refresh();
        QCOMPARE(int(openLeads(a.database()).size()), openBefore + 6);
    }

    // Taken live as one batch: no running clock, no amber or red, however long it waits; a
    // lead handed over the ordinary way beside it turns red.
    void batchHandoffsShowTheBatchMarkAndNoClock()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {300, 3, 0, 26}).run();
        qint64 now = QDateTime::currentSecsSinceEpoch();
        Console console(t.path());
        console.setClock([&now] { return now; });
        const QSet<qint64> openBefore = openLeads(console.database());
        const ModelRecord draft = takeDoubledLive(t.path(), now, true);
        console.refresh();
        QList<qint64> batch;
        for (const Handoff &h : HandoffRepository(t.connection()).openAll()) {
            if (!openBefore.contains(h.leadId) && h.slaExempt)
                batch.append(h.leadId);
        }
        QVERIFY(!batch.isEmpty());
        // An ordinary handoff, raised a little later.
        qint64 ordinary = 0;
        {
            Handoff h;
            h.leadId = console.interestQueue()->leadIdAt(0);
            h.trigger = Handoff::Trigger::Mql;
            h.raisedAt = now + 60;
            ordinary = h.leadId;
            QVERIFY(console.actions().escalate(h));
        }
        now += 2 * 3600; // far beyond any SLA
        console.refresh(true);
        QCOMPARE(slaState(console, ordinary), int(SlaState::Late));
        QCOMPARE(waitingText(console, ordinary), QStringLiteral("1h 59m"));
        const SalesQueueModel *sales = console.salesQueue();
        const int ordinaryRow = *sales->rowOfLead(ordinary);
        for (qint64 lead : batch) {
            QCOMPARE(waitingText(console, lead), QStringLiteral("batch, outside the SLA"));
            // Nothing is due on it: it waits behind the MQL whose clock runs, older or not.
            QVERIFY(
                sales->lessThan(ordinaryRow, *sales->rowOfLead(lead), SalesQueueModel::Waiting));
            QCOMPARE(slaState(console, lead), int(SlaState::Batch));
            const auto row = *console.salesQueue()->rowOfLead(lead);
            const QString tip = console.salesQueue()
                                    ->index(row, SalesQueueModel::Waiting)
                                    .data(Qt::ToolTipRole)
                                    .toString();
            QVERIFY2(tip.contains(QStringLiteral("version %1 went live").arg(draft.id)),
                     qPrintable(tip));
        }
    }
};

QTEST_GUILESS_MAIN(TestGradualHandover)
#include "tst_gradualhandover.moc"
