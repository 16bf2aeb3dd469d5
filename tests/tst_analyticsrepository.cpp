// The store side of the dashboard and the meeting: what AnalyticsRepository reads from a
// real database, and what MeetingRepository keeps (targets versioned, notes per week).

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "analytics/analyticsengine.h"
#include "analytics/targetrules.h"
#include "io/leadimporter.h"
#include "store/activityrepository.h"
#include "store/analyticsrepository.h"
#include "store/auditlog.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/meetingrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {
constexpr qint64 T = 1794787200; // Monday 2026-11-16, 2026-W47
constexpr qint64 D = 86400;
} // namespace

class TestAnalyticsRepository : public QObject
{
    Q_OBJECT

private slots:
    void loadsJourneysAndHandoffs()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        Lead a = makeLead(QStringLiteral("a@x.example"), {}, {}, T - 10 * D);
        a.channel = QStringLiteral("Webinar");
        a.companySize = 300;
        a.id = leads.insert(a);
        Lead b = makeLead(QStringLiteral("b@x.example"), {}, {}, T - 9 * D);
        b.source = QStringLiteral("sales");
        b.channel = QStringLiteral("Referral");
        b.id = leads.insert(b);
        // a: MQL, rejected back to recycled, MQL again, then SQL: the first MQL counts.
        leads.changeStage({a.id, Stage::Suspect, Stage::Mql, T - 8 * D, {}, {}});
        leads.changeStage({a.id, Stage::Mql, Stage::Recycled, T - 7 * D, {}, {}});
        leads.changeStage({a.id, Stage::Recycled, Stage::Mql, T - 3 * D, {}, {}});
        leads.changeStage({a.id, Stage::Mql, Stage::Sql, T - 2 * D, {}, {}});
        leads.changeStage({b.id, std::nullopt, Stage::Sql, T - 9 * D, {}, {}});
        leads.changeStage({b.id, Stage::Sql, Stage::Opportunity, T - D, {}, {}});
        HandoffRepository handoffs(t.connection());
        Handoff h;
        h.leadId = a.id;
        h.trigger = Handoff::Trigger::Mql;
        h.raisedAt = T - 8 * D;
        h.firstContactAt = T - 8 * D + 600;
        h.outcome = Handoff::Outcome::Rejected;
        h.outcomeAt = T - 7 * D;
        h.reason = QStringLiteral(" No budget ");
        h.note = QStringLiteral("call again in Q3");
        handoffs.raise(h);
        Handoff open;
        open.leadId = a.id;
        open.trigger = Handoff::Trigger::Intent;
        open.raisedAt = T - 3 * D;
        handoffs.raise(open);

        const AnalyticsDataset data = AnalyticsRepository(t.connection()).load();
        QCOMPARE(data.leads.size(), size_t(2));
        const LeadJourney &ja = data.leads[size_t(data.indexOf(a.id))];
        QCOMPARE(ja.createdAt, T - 10 * D);
        QCOMPARE(ja.mqlAt, T - 8 * D);
        QCOMPARE(ja.sqlAt, T - 2 * D);
        QCOMPARE(ja.opportunityAt, 0);
        QCOMPARE(ja.companySize, 300);
        QCOMPARE(segment::bandFor(ja.knownCompanySize()), segment::Medium);
        QCOMPARE(data.channels.at(ja.channel), QStringLiteral("Webinar"));
        QVERIFY(ja.marketing);
        const LeadJourney &jb = data.leads[size_t(data.indexOf(b.id))];
        QVERIFY(!jb.marketing);
        QCOMPARE(jb.mqlAt, 0);
        QCOMPARE(jb.opportunityAt, T - D);
        QCOMPARE(jb.companySize, -1);
        QCOMPARE(data.handoffs.size(), size_t(2));
        QCOMPARE(data.handoffs[0].outcome, HandoffFact::Outcome::Rejected);
        QCOMPARE(data.reasons.at(data.handoffs[0].reason), QStringLiteral("No budget"));
        QCOMPARE(data.handoffs[0].firstContactAt, T - 8 * D + 600);
        QVERIFY(data.handoffs[1].intent);
        QCOMPARE(data.handoffs[1].outcome, HandoffFact::Outcome::Open);
        // The note is read beside the reason, never as a reason of its own.
        QCOMPARE(data.reasons.size(), qsizetype(2)); // "no reason" and "No budget"
        QVERIFY(!data.handoffs[0].slaExempt);
        const auto rejected = AnalyticsRepository(t.connection()).rejectedHandoffs(T - 8 * D, T);
        QCOMPARE(rejected.size(), size_t(1));
        QCOMPARE(rejected.front().reason, QStringLiteral("No budget"));
        QCOMPARE(rejected.front().note, QStringLiteral("call again in Q3"));
    }

    void engineComputesFromTheDatabaseAndReloadsOnlyAfterAWrite()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        int webinar = 0;
        for (const ActivityType &type : activities.types()) {
            if (type.code == QLatin1String("webinar_attended"))
                webinar = type.id;
        }
        // Two MQLs in W47; the one with the webinar (before its SQL) converted.
        for (int i = 0; i < 2; ++i) {
            Lead l = makeLead(QStringLiteral("l%1@x.example").arg(i), {}, {}, T);
            l.id = leads.insert(l);
            leads.changeStage({l.id, Stage::Suspect, Stage::Mql, T + D, {}, {}});
            if (i == 0) {
                activities.insert({0, l.id, webinar, T + 3600, QStringLiteral("Q4 webinar"), {}});
                leads.changeStage({l.id, Stage::Mql, Stage::Sql, T + 2 * D, {}, {}});
            }
        }
        AnalyticsEngine engine(t.db());
        QVERIFY(engine.refresh());
        // Nothing written since. A server's version moves with a commit in any of its
        // databases (never missing one in this one), so there another test's commit, in the
        // run that shares the server, reloads too: asked of a file only.
        if (!t.isServer())
            QVERIFY(!engine.refresh());
        const DashboardFigures f =
            engine.figures(AnalyticsPeriod{T, 1}, {}, MeetingTargets{}, T + 3 * D);
        QCOMPARE(f.cohorts.mqls, 2);
        QCOMPARE(f.cohorts.converted, 1);
        QCOMPARE(f.lift.cohortLeads, 2);
        QCOMPARE(f.lift.baseRate, 0.5);
        // Below the default support of 5 leads nothing is ranked.
        QVERIFY(f.lift.activityTypes.empty());
        // A write through another connection is seen at the next refresh.
        {
            Database other(t.path());
            LeadRepository(other.connection()).insert(makeLead(QStringLiteral("c@x.example")));
        }
        QVERIFY(engine.refresh());
        QCOMPARE(engine.dataset().leads.size(), size_t(3));
    }

    // Old leads imported in W47 from a file without dates (an MQL, an opportunity, a won
    // deal) are not W47's MQLs and conversions: the week's figures are those of the leads
    // that did something in it; the undated ones are counted apart.
    void anUndatedImportLeavesItsWeekAlone()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        for (int i = 0; i < 2; ++i) {
            Lead l = makeLead(QStringLiteral("l%1@x.example").arg(i), {}, {}, T);
            l.id = leads.insert(l);
            leads.changeStage({l.id, Stage::Suspect, Stage::Mql, T + D, {}, {}});
            if (i == 0)
                leads.changeStage({l.id, Stage::Mql, Stage::Sql, T + 2 * D, {}, {}});
        }
        const auto figures = [&] {
            AnalyticsEngine engine(t.db());
            engine.refresh();
            return std::pair(engine.figures(AnalyticsPeriod{T, 1}, {}, MeetingTargets{}, T + 3 * D),
                             engine.dataset().undatedStageChanges);
        };
        const auto [before, noneUndated] = figures();
        QCOMPARE(noneUndated, 0);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,Lifecycle Stage\nm@old.example,mql\no@old.example,opportunity\n"
                       "w@old.example,won\n");
        }
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        QCOMPARE(
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), T + 2 * D).created,
            3);

        const auto [after, undated] = figures();
        QCOMPARE(after.cohorts.mqls, before.cohorts.mqls);
        QCOMPARE(after.cohorts.mqls, 2);
        QCOMPARE(after.cohorts.converted, 1);
        QCOMPARE(after.sourceMix.marketing, before.sourceMix.marketing);
        QCOMPARE(after.velocity.mqlToSqlLeads, before.velocity.mqlToSqlLeads);
        QCOMPARE(after.funnel.reached, before.funnel.reached);
        QCOMPARE(after.funnel.undatedLeads, 3);
        QCOMPARE(undated, 3); // to MQL, to opportunity, to won
    }

    void touchesCarryLabelsAndAssets()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        const qint64 id = leads.insert(makeLead(QStringLiteral("a@x.example")));
        const ActivityType first = activities.types().first();
        activities.insert({0, id, first.id, T, QStringLiteral("Pricing guide"), {}});
        const std::vector<ActivityTouch> touches =
            AnalyticsRepository(t.connection()).touches({id, 12345});
        QCOMPARE(touches.size(), size_t(1));
        QCOMPARE(touches[0].type, first.label);
        QCOMPARE(touches[0].asset, QStringLiteral("Pricing guide"));
        QCOMPARE(touches[0].occurredAt, T);
    }

    void touchesOfManyLeadsComeBackWhole()
    {
        // From 64 leads on, the first half is read on a second connection in another thread:
        // 100 leads with i + 1 activities each (asset "Asset <i mod 3>") give 100 * 101 / 2
        // = 5050 touches, every lead's all of its own.
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        const ActivityType type = activities.types().first();
        std::vector<qint64> ids;
        for (int i = 0; i < 100; ++i) {
            ids.push_back(leads.insert(makeLead(QStringLiteral("l%1@x.example").arg(i))));
            for (int k = 0; k <= i; ++k)
                activities.insert(
                    {0, ids.back(), type.id, T + k, QStringLiteral("Asset %1").arg(i % 3), {}});
        }
        const std::vector<ActivityTouch> touches = AnalyticsRepository(t.connection()).touches(ids);
        QCOMPARE(touches.size(), size_t(5050));
        QHash<qint64, int> perLead;
        for (const ActivityTouch &touch : touches) {
            const int i = int(std::find(ids.begin(), ids.end(), touch.leadId) - ids.begin());
            QVERIFY(i < 100);
            QCOMPARE(touch.asset, QStringLiteral("Asset %1").arg(i % 3));
            QCOMPARE(touch.type, type.label);
            ++perLead[touch.leadId];
        }
        for (int i = 0; i < 100; ++i)
            QCOMPARE(perLead.value(ids[size_t(i)]), i + 1);
    }

    void targetsAreVersioned()
    {
        TestDatabase t;
        MeetingRepository meetings(t.connection());
        QCOMPARE(meetings.currentTargets().version, 0); // defaults until someone sets them
        QCOMPARE(meetings.currentTargets().slaMinutes, 5);
        MeetingTargets first;
        first.mqlsPerWeek = 250;
        const qint64 v1 = meetings.saveTargets(first, QStringLiteral("Mia"), T);
        MeetingTargets second = first;
        second.slaMinutes = 10;
        second.note = QStringLiteral("Weekend cover");
        const qint64 v2 = meetings.saveTargets(second, QStringLiteral("Sam"), T + D);
        QVERIFY(v2 > v1);
        const MeetingTargets now = meetings.currentTargets();
        QCOMPARE(now.version, v2);
        QCOMPARE(now.slaMinutes, 10);
        QCOMPARE(now.mqlsPerWeek, 250);
        QCOMPARE(now.setBy, QStringLiteral("Sam"));
        const QList<MeetingTargets> history = meetings.targetHistory();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[1].slaMinutes, 5); // the first version is kept
        QCOMPARE(AuditLog(t.connection()).recent(1).first().action, QStringLiteral("targets.set"));
        // Invalid targets are refused with the reason, and nothing is written.
        MeetingTargets bad;
        bad.acceptRate = 1.5;
        try {
            targetrules::agree(t.connection(), bad, QStringLiteral("Mia"), T);
            QFAIL("saved invalid targets");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("Accept rate")), qPrintable(e.message()));
        }
        QCOMPARE(meetings.targetHistory().size(), 2);
    }

    void meetingNotesAndActionsPerWeek()
    {
        TestDatabase t;
        MeetingRepository meetings(t.connection());
        QVERIFY(!meetings.meeting(QStringLiteral("2026-W47")));
        MeetingRecord m;
        m.week = QStringLiteral("2026-W47");
        m.heldAt = T + 2 * D;
        m.notes = QStringLiteral("Webinar leads convert; more of them.");
        m.actions = {
            {QStringLiteral("Call back the 3 late hand-raisers"), QStringLiteral("Sam"),
             QStringLiteral("Friday"), false},
            {QStringLiteral("Review the no-budget rejects"), QStringLiteral("Mia"), {}, true}};
        m.savedBy = QStringLiteral("Mia");
        m.savedAt = T + 2 * D;
        const qint64 id = meetings.saveMeeting(m);
        // Saving again replaces the notes and the items, same meeting.
        m.notes += QStringLiteral(" Agreed.");
        m.actions.removeLast();
        QCOMPARE(meetings.saveMeeting(m), id);
        const std::optional<MeetingRecord> back = meetings.meeting(QStringLiteral("2026-W47"));
        QVERIFY(back);
        QCOMPARE(back->notes, m.notes);
        QCOMPARE(back->heldAt, T + 2 * D);
        QCOMPARE(back->actions, m.actions);
        // An action item without text is refused, and the saved meeting is unchanged.
        m.actions.append({QStringLiteral("  "), {}, {}, false});
        QVERIFY_THROWS_EXCEPTION(Error, meetings.saveMeeting(m));
        QCOMPARE(meetings.meeting(QStringLiteral("2026-W47"))->actions.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsRepository)
#include "tst_analyticsrepository.moc"
