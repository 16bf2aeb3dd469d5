// The backtest, the ROC AUC, the activity timeline and the draft preview, on leads small
// enough that every figure is worked out by hand in the comments.

#include <bit>
#include <random>

#include <QDateTime>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "io/leadimporter.h"
#include "scoring/activitytimeline.h"
#include "scoring/backtest.h"
#include "scoring/draftpreview.h"
#include "scoring/rocauc.h"
#include "scoring/trainingset.h"
#include "scoring/tuningdata.h"
#include "scoringfixture.h"
#include "store/activityrepository.h"
#include "store/leadrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

// A lead's event times, oldest first.
std::vector<qint64> timesOf(const ActivityTimeline::Events &events)
{
    std::vector<qint64> times;
    for (size_t i = 0; i < events.size(); ++i)
        times.push_back(events.at(i));
    return times;
}

constexpr qint64 Day = 86400;
constexpr qint64 T0 = 1'780'272'000; // Monday 2026-06-01 00:00 UTC
constexpr qint64 Now = T0 + 100 * Day;
constexpr qint64 Imported = Now - Day; // when the undated history was imported

// Undated history is judged on final scores: site visits 5 points each, not fading, capped at
// 20; webinars 10 points, fading by half every 7 days (so an undated one adds nothing).
ScoringModel undatedModel()
{
    ScoringModel model;
    model.activities = {ActivityWeight{QStringLiteral("site_visit"), 5, 20.0, false},
                        ActivityWeight{QStringLiteral("webinar_attended"), 10, std::nullopt, true}};
    model.halfLifeDays = 7;
    model.mqlThreshold = 15;
    Condition t;
    t.field = QStringLiteral("title");
    t.values = {QStringLiteral("t")};
    model.fitRules = {FitRule{t, 30}};
    Condition competitor;
    competitor.field = QStringLiteral("company");
    competitor.values = {QStringLiteral("Competitor")};
    model.disqualifications = {DisqualificationRule{competitor, QStringLiteral("competitor")}};
    return model;
}

// Leads, outcomes and activities of a file without dates, perhaps beside dated ones.
struct UndatedWorld
{
    ScoringFixture fx;
    LeadOutcomes outcomes;
    ActivityTimeline timeline;
    QMap<QString, int> rows;

    int lead(const char *name, bool undated, const QString &company = {})
    {
        Lead l = makeLead(QString::fromLatin1(name) + QStringLiteral("@example.com"),
                          QString::fromLatin1(name));
        l.createdAt = undated ? Imported : T0;
        l.createdUndated = undated;
        l.company = company;
        return rows[QString::fromLatin1(name)] = fx.addLead(l);
    }
    void add(const char *name, const char *type, int times, qint64 at = UndatedTime)
    {
        for (int i = 0; i < times; ++i)
            fx.activities.push_back({rows[QString::fromLatin1(name)], fx.typeIndex(type), at});
    }
    int row(const char *name) const { return rows[QString::fromLatin1(name)]; }

    // Undated (threshold 15; final scores worked out by hand):
    // P: 4 visits (20, at the cap) and 2 webinars (faded: 0) = 20, converted: MQL.
    // Q: 2 visits = 10, converted. R: 5 visits = 25, capped to 20, closed: MQL.
    // S: 1 visit and 1 webinar = 5, closed. T: fit 30 but at a competitor (disqualified), closed.
    // U: 2 visits = 10, no outcome: created at no known time, so it has had its time ("no").
    // V: created on a known day, converted at no known time (so by the import): 3 visits
    //    and a webinar 7 days before the import (10 * 0.5 = 5) = 20: MQL; a webinar after the
    //    import is after the decision and does not count.
    // Dated, when `mixed` (replayed): X: webinars on days 1-3 (27.26), SQL on day 10; Y: no
    // activity, never converted; Z: 3 undated visits (15 from its creation on), SQL day 10.
    void build(bool mixed)
    {
        lead("p", true), lead("q", true), lead("r", true), lead("s", true);
        lead("t", true, QStringLiteral("Competitor")), lead("u", true), lead("v", false);
        add("p", "site_visit", 4), add("p", "webinar_attended", 2);
        add("q", "site_visit", 2);
        add("r", "site_visit", 5);
        add("s", "site_visit", 1), add("s", "webinar_attended", 1);
        add("u", "site_visit", 2);
        add("v", "site_visit", 3), add("v", "webinar_attended", 1, Imported - 7 * Day);
        add("v", "webinar_attended", 1, Now - Day / 2);
        if (mixed) {
            lead("x", false), lead("y", false), lead("z", false);
            for (int d : {1, 2, 3})
                add("x", "webinar_attended", 1, T0 + d * Day);
            add("z", "site_visit", 3);
        }
        outcomes.resize(fx.leads.size());
        for (const char *name : {"p", "q", "v"})
            outcomes.setSqlUndated(row(name), Imported);
        for (const char *name : {"r", "s", "t"})
            outcomes.setClosedUndated(row(name), Imported);
        if (mixed) {
            outcomes.setSqlAt(row("x"), T0 + 10 * Day);
            outcomes.setSqlAt(row("z"), T0 + 10 * Day);
        }
        std::vector<int> r;
        std::vector<quint16> types;
        std::vector<qint64> times;
        for (const RawActivity &a : fx.activities) {
            r.push_back(a.row);
            types.push_back(quint16(a.type));
            times.push_back(a.at);
        }
        timeline = ActivityTimeline::build(fx.leads.size(), r, types, times);
        fx.buildIndex(7, Now);
    }

    BacktestFigures run(double halfLifeDays = 7) const
    {
        ScoringModel model = undatedModel();
        model.halfLifeDays = halfLifeDays;
        BacktestOptions options;
        options.now = Now;
        // The live board counts under the index's half-life; the draft's may differ.
        ScoreBoard live(fx.leads, fx.index, fx.catalogue);
        live.setModel(undatedModel());
        return Backtest(fx.leads, fx.catalogue, outcomes, timeline).run(model, live, options);
    }
};

void checkUndatedFigures(const BacktestFigures::Undated &u)
{
    QCOMPARE(u.leads, 7);
    QCOMPARE(u.converted, 3);     // P, Q, V
    QCOMPARE(u.mqls, 3);          // P, R, V
    QCOMPARE(u.mqlsConverted, 2); // P, V
    QCOMPARE(u.precision, 2.0 / 3);
    QCOMPARE(u.recall, 2.0 / 3);
    // Converted P 20, Q 10, V 20 against R 20, S 5, T 30, U 10:
    // P: 0.5 + 1 + 0 + 1, Q: 0 + 1 + 0 + 0.5, V as P: 6.5 of 12 pairs.
    QVERIFY(u.auc.has_value());
    QCOMPARE(*u.auc, 6.5 / 12);
    // Undated activities of scored types: P 6, Q 2, R 5, S 2, U 2, V 3; the webinars fade.
    QCOMPARE(u.activities, 20);
    QCOMPARE(u.fadedActivities, 3);
    // Deciles of seven final scores, T (30) on top.
    QCOMPARE(u.deciles.size(), 7);
    QCOMPARE(u.deciles.first().maxScore, 30.0);
    QCOMPARE(u.deciles.first().converted, 0);
    // P, R and V tie at 20 (two of three converted), Q and U at 10 (one of two): tied leads
    // share their conversions, whatever order they were read in.
    for (int d : {1, 2, 3})
        QCOMPARE(u.deciles[d].conversion, 2.0 / 3);
    for (int d : {4, 5})
        QCOMPARE(u.deciles[d].conversion, 0.5);
    QCOMPARE(u.deciles[4].lift, 0.5 / (3.0 / 7));
    QCOMPARE(u.deciles.last().conversion, 0.0); // S
}

// Only attended webinars score: 10 points each, fading by half every 7 days.
ScoringModel webinarModel(double threshold)
{
    ScoringModel model;
    model.activities = {ActivityWeight{QStringLiteral("webinar_attended"), 10, std::nullopt, true}};
    model.halfLifeDays = 7;
    model.mqlThreshold = threshold;
    Condition competitor;
    competitor.field = QStringLiteral("company");
    competitor.values = {QStringLiteral("Competitor")};
    model.disqualifications = {DisqualificationRule{competitor, QStringLiteral("competitor")}};
    return model;
}
} // namespace

class TestBacktest : public QObject
{
    Q_OBJECT

private:
    ScoringFixture fx;
    LeadOutcomes outcomes;
    ActivityTimeline timeline;

    int lead(const char *name, qint64 createdAt, const QString &company = {})
    {
        // Each lead's title is its letter, so fit rules can pick single leads.
        Lead l = makeLead(QString::fromLatin1(name) + QStringLiteral("@example.com"),
                          QString::fromLatin1(name));
        l.createdAt = createdAt;
        l.company = company;
        return fx.addLead(l);
    }
    void webinars(int row, std::initializer_list<int> days)
    {
        for (int d : days)
            fx.activities.push_back({row, fx.typeIndex("webinar_attended"), T0 + d * Day});
    }

private slots:
    void initTestCase()
    {
        // A: webinars on days 1-3, SQL on day 10. After day 3 it has
        //    10*0.5^(2/7) + 10*0.5^(1/7) + 10 = 8.204 + 9.057 + 10 = 27.26 points.
        // B: webinars on days 1 and 20, SQL on day 30: at most 10*0.5^(19/7) + 10 = 11.52.
        // C: like A but never converted (created 100 days ago: outcome known, "no").
        // D: no activity, never converted.
        // E: created 5 days ago: too young to count as a "no"; left out.
        // F: webinars on days 5, 6 and 7, SQL on day 6: replayed only up to day 6:
        //    10*0.5^(1/7) + 10 = 19.06.
        // G: like C but at a competitor: disqualified, never an MQL, peak = fit = 0.
        const int a = lead("a", T0), b = lead("b", T0), c = lead("c", T0);
        lead("d", T0); // no activity at all
        const int e = lead("e", Now - 5 * Day), f = lead("f", T0);
        const int g = lead("g", T0, QStringLiteral("Competitor"));
        webinars(a, {1, 2, 3});
        webinars(b, {1, 20});
        webinars(c, {1, 2, 3});
        webinars(e, {96, 97, 98});
        webinars(f, {5, 6, 7});
        webinars(g, {1, 2, 3});
        outcomes.resize(fx.leads.size());
        outcomes.setSqlAt(a, T0 + 10 * Day);
        outcomes.setSqlAt(b, T0 + 30 * Day);
        outcomes.setSqlAt(f, T0 + 6 * Day);

        std::vector<int> rows;
        std::vector<quint16> types;
        std::vector<qint64> times;
        // Out of order on purpose: the timeline sorts each lead's events.
        for (auto it = fx.activities.rbegin(); it != fx.activities.rend(); ++it) {
            rows.push_back(it->row);
            types.push_back(quint16(it->type));
            times.push_back(it->at);
        }
        timeline = ActivityTimeline::build(fx.leads.size(), rows, types, times);
        fx.buildIndex(7, Now);
    }

    void timelineKeepsEachLeadsEventsInTimeOrder()
    {
        QCOMPARE(timeline.eventCount(), qint64(fx.activities.size()));
        const auto events = timeline.events(1); // B
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(qint64(events.at(0)), T0 + 1 * Day);
        QCOMPARE(qint64(events.at(1)), T0 + 20 * Day);
        QCOMPARE(timeline.events(3).size(), size_t(0)); // D
    }

    void aTimelineKeepsTypesPastTheFirst256()
    {
        // Types are held a byte each while they fit one; a database with more (custom
        // activity names from an export) must not see type 300 read back as 44.
        const std::vector<int> row = {0, 0, 1, 0};
        const std::vector<quint16> type = {300, 7, 255, 256};
        const std::vector<qint64> at = {T0 + 3 * Day, T0 + Day, T0, T0 + 2 * Day};
        const ActivityTimeline wide = ActivityTimeline::build(2, row, type, at);
        const auto lead = wide.events(0);
        QCOMPARE(lead.size(), size_t(3));
        QCOMPARE(lead.type(0), 7);
        QCOMPARE(lead.type(1), 256);
        QCOMPARE(lead.type(2), 300);
        QCOMPARE(wide.events(1).type(0), 255);
        const ActivityTimeline narrow =
            ActivityTimeline::build(2, {0, 0}, {255, 3}, {T0 + Day, T0});
        QCOMPARE(narrow.events(0).type(0), 3);
        QCOMPARE(narrow.events(0).type(1), 255);
    }

    void rocAucCountsTiesAsHalf()
    {
        // Positives 3 and 1 against negatives 3 and 0: pairs (3,3) 0.5, (3,0) 1, (1,3) 0,
        // (1,0) 1: 2.5 of 4.
        QCOMPARE(*metrics::rocAuc({3, 1, 3, 0}, {1, 1, 0, 0}), 0.625);
        QVERIFY(!metrics::rocAuc({1, 2}, {1, 1}).has_value());
    }

    // The walk down both sorted lists against every pair counted one by one, on scores with
    // many ties (a tenth of a point apart, a few dozen values) and on scores with none.
    void rocAucAgreesWithEveryPairCounted()
    {
        std::mt19937 random(7);
        for (const bool ties : {true, false}) {
            std::vector<double> scores;
            std::vector<quint8> positive;
            for (int i = 0; i < 400; ++i) {
                scores.push_back(ties ? double(random() % 40) / 10.0
                                      : std::uniform_real_distribution<>(-5, 40)(random));
                positive.push_back(random() % 3 == 0);
            }
            double wins = 0, pairs = 0;
            for (size_t a = 0; a < scores.size(); ++a) {
                for (size_t b = 0; b < scores.size(); ++b) {
                    if (!positive[a] || positive[b])
                        continue;
                    pairs += 1;
                    wins += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                }
            }
            QVERIFY(qAbs(*metrics::rocAuc(scores, positive) - wins / pairs) < 1e-12);
        }
    }

    void aDraftIsBacktestedOnACopyOfTheLiveScores()
    {
        ScoreBoard live(fx.leads, fx.index, fx.catalogue);
        live.setModel(webinarModel(25));
        std::vector<double> liveScores;
        for (int row = 0; row < live.size(); ++row)
            liveScores.push_back(live.score(row));

        // Another weight, a fit rule for lead A and the competitor no longer disqualified.
        ScoringModel draft = webinarModel(20);
        draft.activities.first().points = 12;
        Condition isA;
        isA.field = QStringLiteral("title");
        isA.values = {QStringLiteral("A")};
        draft.fitRules = {FitRule{isA, 4}};
        draft.disqualifications.clear();
        BacktestOptions options;
        options.now = Now;
        const Backtest backtest(fx.leads, fx.catalogue, outcomes, timeline);
        const BacktestFigures copied = backtest.run(draft, live, options);

        ScoreBoard fresh(fx.leads, fx.index, fx.catalogue);
        fresh.setModel(draft);
        const BacktestFigures scored = backtest.run(fresh, options);
        QCOMPARE(copied.leads, scored.leads);
        QCOMPARE(copied.mqls, scored.mqls);
        QCOMPARE(copied.mqlsConverted, scored.mqlsConverted);
        QCOMPARE(copied.auc, scored.auc);
        // The draft's own figures, not the live model's: lead C (the competitor) counts now.
        QVERIFY(copied.mqls != backtest.run(live, options).mqls);
        // And the live scores are as they were: the copy wrote to blocks of its own.
        for (int row = 0; row < live.size(); ++row)
            QCOMPARE(live.score(row), liveScores[size_t(row)]);
    }

    void liveModelFigures()
    {
        ScoreBoard board(fx.leads, fx.index, fx.catalogue);
        board.setModel(webinarModel(25));
        BacktestOptions options;
        options.now = Now;
        const BacktestFigures f =
            Backtest(fx.leads, fx.catalogue, outcomes, timeline).run(board, options);
        // E is too young: six leads, three converted (A, B, F); A and C cross 25 on day 3.
        QCOMPARE(f.leads, 6);
        QCOMPARE(f.converted, 3);
        QCOMPARE(f.mqls, 2);
        QCOMPARE(f.mqlsConverted, 1);
        QCOMPARE(f.precision, 0.5);
        QCOMPARE(f.recall, 1.0 / 3);
        // Peaks: A 27.26, B 11.52, F 19.06 against C 27.26, D 0, G 0:
        // A: 0.5 + 1 + 1, B: 0 + 1 + 1, F: 0 + 1 + 1 = 6.5 of 9 pairs.
        QVERIFY(f.auc.has_value());
        QCOMPARE(*f.auc, 6.5 / 9);
        // Both crossings fall in the week of Monday T0.
        qsizetype week = -1;
        for (qsizetype i = 0; i < f.weeks.size(); ++i) {
            if (f.weeks[i].monday == QDate(2026, 6, 1))
                week = i;
        }
        QVERIFY(week >= 0);
        QCOMPARE(f.weeks[week].mqls, 2);
        QCOMPARE(f.weeks[week].converted, 1);
        int total = 0;
        for (const auto &w : f.weeks)
            total += w.mqls;
        // E is too young for the rates but crosses on day 98 (three webinars in three days):
        // the weekly volume counts it.
        QCOMPARE(total, 3);
        // Deciles of six leads: one lead each in six of them. A (converted) and C (not) tie on
        // top at 27.26 and share: conversion 1/2 each against a base of 3/6, a lift of 1 (not
        // 2 or 0 by the order they were read in). Then F (19.06, converted): a lift of 2.
        QCOMPARE(f.deciles.size(), 6);
        QCOMPARE(f.deciles.first().leads, 1);
        QCOMPARE(f.deciles[0].lift, 1.0);
        QCOMPARE(f.deciles[1].lift, 1.0);
        QCOMPARE(f.deciles[2].lift, 2.0);
        QCOMPARE(f.deciles.last().converted, 0);
    }

    void lowerThresholdCatchesMoreConversions()
    {
        // At 15 points: A crosses on day 2 (19.06), C too, F on day 6 (19.06, its SQL day).
        ScoreBoard board(fx.leads, fx.index, fx.catalogue);
        board.setModel(webinarModel(15));
        BacktestOptions options;
        options.now = Now;
        const BacktestFigures f =
            Backtest(fx.leads, fx.catalogue, outcomes, timeline).run(board, options);
        QCOMPARE(f.mqls, 3);
        QCOMPARE(f.mqlsConverted, 2);
        QCOMPARE(f.precision, 2.0 / 3);
        QCOMPARE(f.recall, 2.0 / 3);
    }

    void windowLeavesOutOlderLeads()
    {
        ScoreBoard board(fx.leads, fx.index, fx.catalogue);
        board.setModel(webinarModel(25));
        BacktestOptions options;
        options.now = Now;
        options.windowWeeks = 4; // from day 72: only E was created since, and E is too young
        const BacktestFigures f =
            Backtest(fx.leads, fx.catalogue, outcomes, timeline).run(board, options);
        QCOMPARE(f.leads, 0);
        int weekly = 0;
        for (const auto &w : f.weeks)
            weekly += w.mqls;
        QCOMPARE(weekly, 1);         // E, in the volume though not in the rates
        QCOMPARE(f.weeks.size(), 5); // the window touches five Monday-to-Sunday weeks
    }

    void aFadingPenaltyCanLiftAScoreOverTheThresholdBetweenActivities()
    {
        // Fit 60, threshold 65. Day 1: careers page, -30 and fading; day 2: a webinar, +10 for
        // good. Right after the webinar: 60 - 30*0.5^(1/7) + 10 = 42.7. Nothing happens after,
        // yet by its decision on day 30 the penalty has faded to -30*0.5^(29/7) = -1.7:
        // 68.3 points, an MQL although no activity marks the moment.
        ScoringFixture world;
        Lead lead = makeLead(QStringLiteral("i@example.com"), QStringLiteral("VP Sales"));
        lead.createdAt = T0;
        const int row = world.addLead(lead);
        world.activities.push_back({row, world.typeIndex("careers_page_view"), T0 + 1 * Day});
        world.activities.push_back({row, world.typeIndex("webinar_attended"), T0 + 2 * Day});
        world.buildIndex(7, T0 + 30 * Day);
        LeadOutcomes decided;
        decided.resize(1);
        decided.setSqlAt(row, T0 + 30 * Day);
        std::vector<int> rows;
        std::vector<quint16> types;
        std::vector<qint64> times;
        for (const RawActivity &a : world.activities) {
            rows.push_back(a.row);
            types.push_back(quint16(a.type));
            times.push_back(a.at);
        }
        const ActivityTimeline events = ActivityTimeline::build(1, rows, types, times);
        ScoringModel model;
        Condition vp;
        vp.field = QStringLiteral("title");
        vp.op = Condition::Operator::Contains;
        vp.values = {QStringLiteral("VP")};
        model.fitRules = {FitRule{vp, 60}};
        model.activities = {
            ActivityWeight{QStringLiteral("careers_page_view"), -30, std::nullopt, true},
            ActivityWeight{QStringLiteral("webinar_attended"), 10, std::nullopt, false}};
        model.halfLifeDays = 7;
        model.mqlThreshold = 65;
        ScoreBoard board(world.leads, world.index, world.catalogue);
        board.setModel(model);
        BacktestOptions options;
        options.now = T0 + 40 * Day;
        const BacktestFigures f =
            Backtest(world.leads, world.catalogue, decided, events).run(board, options);
        QCOMPARE(f.leads, 1);
        QCOMPARE(f.mqls, 1);
        QCOMPARE(f.recall, 1.0);
    }

    void previewListsLeadsEnteringAndLeaving()
    {
        // Scores now (day 100) are tiny after decay, so use a fit rule to move leads: every
        // lead is open (suspect) and the live model needs 25 points.
        ScoringModel live = webinarModel(25);
        Condition isA;
        isA.field = QStringLiteral("title");
        isA.values = {QStringLiteral("a")};
        Condition isC = isA;
        isC.values = {QStringLiteral("c")};
        live.fitRules = {FitRule{isA, 30}};
        ScoreBoard liveBoard(fx.leads, fx.index, fx.catalogue);
        liveBoard.setModel(live);
        DraftPreview preview(fx.leads, fx.index, fx.catalogue, liveBoard);
        ScoringModel draft = live;
        draft.fitRules = {FitRule{isC, 30}};
        preview.setDraft(draft);
        const PreviewFigures f = preview.figures();
        QCOMPARE(f.liveMql, 1);
        QCOMPARE(f.draftMql, 1);
        QCOMPARE(f.entering, std::vector<int>{2}); // C
        QCOMPARE(f.leaving, std::vector<int>{0});  // A
        // Both histograms hold the six leads the models do not disqualify.
        int liveCount = 0, draftCount = 0;
        for (size_t i = 0; i < f.histogram.live.size(); ++i) {
            liveCount += f.histogram.live[i];
            draftCount += f.histogram.draft[i];
        }
        QCOMPARE(liveCount, 6);
        QCOMPARE(draftCount, 6);

        // A lower draft threshold lets C in as well as A: nobody leaves.
        draft.fitRules = live.fitRules;
        draft.mqlThreshold = 0.5;
        preview.setDraft(draft);
        const PreviewFigures lower = preview.figures();
        QVERIFY(lower.leaving.empty());
        QVERIFY(lower.draftMql > lower.liveMql);
    }

    void previewRescoresAnotherHalfLifeFromTheTimeline()
    {
        ScoreBoard liveBoard(fx.leads, fx.index, fx.catalogue);
        liveBoard.setModel(webinarModel(25));
        DraftPreview preview(fx.leads, fx.index, fx.catalogue, liveBoard);
        ScoringModel draft = webinarModel(25);
        draft.halfLifeDays = 0; // nothing fades: A has 30 points, C 30, F 30, B 20
        preview.setDraft(draft);
        QVERIFY(preview.halfLifePending());
        preview.setTimeline(&timeline);
        QVERIFY(!preview.halfLifePending());
        QCOMPARE(preview.draft().score(0), 30.0);
        QCOMPARE(preview.draft().score(1), 20.0);
        // A, C, E (three webinars, young) and F: G is disqualified.
        QCOMPARE(preview.figures().draftMql, 4);
    }

    // Only undated history (a CRM export without dates): nothing to replay in time, so no
    // week has an MQL, and the leads with a known outcome are judged on their final scores.
    void undatedHistoryIsJudgedOnFinalScores()
    {
        UndatedWorld world;
        world.build(false);
        const BacktestFigures f = world.run();
        QVERIFY(!f.hasDated());
        QVERIFY(f.hasUndated());
        QCOMPARE(f.leads, 0);
        QCOMPARE(f.mqls, 0);
        QVERIFY(!f.auc.has_value());
        QVERIFY(f.deciles.isEmpty());
        for (const auto &week : f.weeks)
            QCOMPARE(week.mqls, 0);
        checkUndatedFigures(f.undated);

        // The final score is the score the console gives, seen at the decision: for a lead
        // decided at the import, the index seen from then agrees.
        world.fx.buildIndex(7, Imported);
        ScoreBoard board(world.fx.leads, world.fx.index, world.fx.catalogue);
        board.setModel(undatedModel());
        QCOMPARE(board.score(world.row("p")), 20.0);
        QCOMPARE(board.score(world.row("s")), 5.0);

        // However long the half-life, an undated activity of a type that fades adds nothing:
        // P's webinars leave it level with R at 20, not a trace above. Only V's dated webinar
        // weighs more: 15 + 10 * 0.5^(7/1000) = 24.95, now above R too, so converted V beats
        // all but T: P 2.5 + Q 1.5 + V 3 = 7 of 12 pairs.
        const BacktestFigures slow = world.run(1000);
        QCOMPARE(*slow.undated.auc, 7.0 / 12);
        QCOMPARE(slow.undated.mqls, 3);
    }

    // Both kinds in one database: the dated leads are replayed in their weeks exactly as if
    // alone, the undated ones judged apart, and neither figure counts the other's leads.
    void datedAndUndatedHistoryAreReportedApart()
    {
        UndatedWorld world;
        world.build(true);
        const BacktestFigures f = world.run();
        checkUndatedFigures(f.undated);
        QCOMPARE(f.leads, 3); // X, Y, Z
        QCOMPARE(f.converted, 2);
        QCOMPARE(f.mqls, 2); // X on day 3, Z from its creation on (its undated visits)
        QCOMPARE(f.mqlsConverted, 2);
        QCOMPARE(f.precision, 1.0);
        QCOMPARE(f.recall, 1.0);
        QCOMPARE(*f.auc, 1.0); // X 27.26 and Z 15 against Y 0
        // Both cross in the week of Monday T0 (Z at its creation, not at its decision).
        int total = 0;
        for (const auto &week : f.weeks) {
            total += week.mqls;
            if (week.monday == QDate(2026, 6, 1))
                QCOMPARE(week.mqls, 2);
        }
        QCOMPARE(total, 2);
    }

    // A file without dates (where each lead got, not when): the lead at opportunity converted
    // and the suspect did not; both are history the suggester learns from, not leads
    // "converted on arrival" or too young to judge. The backtest cannot replay them in time
    // and says how many it left out.
    void undatedHistoryIsKeptForTheSuggesterAndCountedByTheBacktest()
    {
        TestDatabase t;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("undated.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,Lifecycle Stage,TotalVisits\nann@x.example,opportunity,6\n"
                       "bob@x.example,lead,1\n");
        }
        const qint64 imported = Now - Day;
        {
            LeadImporter importer(t.db(), path);
            QString error;
            importer.open({});
            QCOMPARE(
                importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), imported).created,
                2);
        }
        const auto data = TuningData::load(t.path(), Now);
        const int ann = *data->engine.leads().rowOf(
            LeadRepository(t.connection()).findByKey(QStringLiteral("ann@x.example")).value(0));
        QVERIFY(data->outcomes.converted(ann));
        QVERIFY(data->outcomes.outcomeUndated(ann));
        QCOMPARE(data->outcomes.sqlAt(ann), 0);
        QCOMPARE(data->outcomes.decidedAt(ann, Now), imported); // no later than its import

        const TrainingSet set = data->trainingSet({});
        QCOMPARE(set.size(), 2);
        QCOMPARE(set.convertedCount(), 1);
        QCOMPARE(set.undatedCount(), 2);
        QCOMPARE(set.undatedActivities(), 7);
        // Ann's six undated visits count (before the import that recorded her conversion).
        for (const TrainingSet::ActivityColumn &a : set.activities()) {
            if (a.code == QLatin1String("site_visit"))
                QCOMPARE(a.leadsWith, 2);
        }

        const Backtest backtest(data->engine.leads(), data->engine.catalogue(), data->outcomes,
                                data->timeline);
        BacktestOptions options;
        options.now = Now;
        const BacktestFigures f = backtest.run(data->engine.scores(), options);
        QCOMPARE(f.leads, 0);
        QCOMPARE(f.undated.leads, 2);
        QCOMPARE(f.undated.converted, 1);
        int mqls = 0;
        for (const auto &week : f.weeks)
            mqls += week.mqls;
        QCOMPARE(mqls, 0); // no MQL in the import's week
    }

    // The stage history as another program may have written it: a stage spelt in capitals
    // counts, and an undated conversion recorded twice, once by no known import, is bounded
    // by the import still known (it happened no later than that).
    void outcomesReadTheStageHistoryAsWritten()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        const qint64 ann = leads.insert(makeLead(QStringLiteral("ann@x.example")));
        const qint64 bob = leads.insert(makeLead(QStringLiteral("bob@x.example")));
        QSqlQuery q(t.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO import_batches (id, file_name, imported_at) "
                                      "VALUES (7, 'old.csv', %1)")
                           .arg(Now - 30 * Day)));
        const auto history = [&](qint64 lead, const char *stage, qint64 at, int undated,
                                 const QVariant &batch) {
            q.prepare(QStringLiteral("INSERT INTO stage_history (lead_id, to_stage, changed_at, "
                                     "undated, import_batch_id) VALUES (?, ?, ?, ?, ?)"));
            q.addBindValue(lead);
            q.addBindValue(QString::fromLatin1(stage));
            q.addBindValue(at);
            q.addBindValue(undated);
            q.addBindValue(batch);
            return q.exec();
        };
        QVERIFY(history(ann, "MQL", Now - 5 * Day, 0, QVariant()));
        QVERIFY(history(ann, "Sql", Now - 2 * Day, 0, QVariant()));
        QVERIFY(history(bob, "sql", 0, 1, QVariant())); // no import known
        QVERIFY(history(bob, "sql", 0, 1, 7));
        ScoringEngine engine;
        engine.load(t.db(), Now);
        const LeadOutcomes outcomes = LeadOutcomes::read(t.db(), engine.leads());
        const int a = *engine.leads().rowOf(ann);
        const int b = *engine.leads().rowOf(bob);
        QCOMPARE(outcomes.mqlAt(a), Now - 5 * Day);
        QCOMPARE(outcomes.sqlAt(a), Now - 2 * Day);
        QVERIFY(outcomes.converted(b));
        QVERIFY(outcomes.outcomeUndated(b));
        QCOMPARE(outcomes.decidedAt(b, Now), Now - 30 * Day);
    }

    // Outcome times are held in four bytes while they fit (1970 to 2106); a file's odd date
    // before or after keeps its lead's times exact all the same, and so do the others'.
    void outcomeTimesOutsideFourBytesStayExact()
    {
        const qint64 before1970 = -157'766'400; // 1965
        const qint64 after2106 = 7'258'118'400; // 2200
        LeadOutcomes outcomes;
        outcomes.resize(4);
        outcomes.setMqlAt(0, before1970);
        outcomes.setSqlAt(0, after2106);
        outcomes.setMqlAt(1, Now - 5 * Day);
        outcomes.setSqlAt(1, Now - 2 * Day);
        outcomes.setMqlAt(2, Now - 9 * Day);
        outcomes.setClosedAt(2, before1970); // a lead held narrow until now
        outcomes.setSqlAt(3, qint64(std::numeric_limits<quint32>::max()));
        QCOMPARE(outcomes.mqlAt(0), before1970);
        QCOMPARE(outcomes.sqlAt(0), after2106);
        QVERIFY(outcomes.converted(0));
        QCOMPARE(outcomes.decidedAt(0, Now), after2106);
        QCOMPARE(outcomes.mqlAt(1), Now - 5 * Day);
        QCOMPARE(outcomes.sqlAt(1), Now - 2 * Day);
        QCOMPARE(outcomes.closedAt(1), 0);
        QCOMPARE(outcomes.mqlAt(2), Now - 9 * Day);
        QCOMPARE(outcomes.closedAt(2), before1970);
        QVERIFY(outcomes.closed(2) && !outcomes.converted(2));
        QCOMPARE(outcomes.sqlAt(3), qint64(std::numeric_limits<quint32>::max()));
        QCOMPARE(outcomes.mqlAt(3), 0);
    }

    // The tuning workspace starts from a copy of the console's engine and reads the history
    // from the counts it holds: what it reads is what reading everything reads, activities
    // stored after the console counted are left out, and a count the database no longer
    // agrees with (a lead deleted since) is counted again rather than trusted.
    void aConsolesCopyReadsTheHistoryReadingEverythingReads()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        const QList<ActivityType> types = activities.types();
        QList<qint64> ids;
        for (int i = 0; i < 40; ++i)
            ids << leads.insert(makeLead(QStringLiteral("lead%1@x.example").arg(i)));
        // Stored newest first for some leads, an undated one, several types.
        for (int i = 0; i < 400; ++i) {
            Activity a;
            a.leadId = ids[(i * 7) % ids.size()];
            a.typeId = types[i % types.size()].id;
            a.occurredAt = i % 50 == 0 ? UndatedTime : Now - Day * ((i * 13) % 90);
            a.undated = a.occurredAt == UndatedTime;
            activities.insert(a);
        }
        leads.changeStage({ids[3], Stage::Suspect, Stage::Mql, Now - 20 * Day, {}, {}});
        leads.changeStage({ids[3], Stage::Mql, Stage::Sql, Now - 10 * Day, {}, {}});

        const auto everything = TuningData::load(t.path(), Now);
        const auto sameEvents = [](const TuningData &a, const TuningData &b) {
            if (a.timeline.rows() != b.timeline.rows())
                return false;
            for (int row = 0; row < a.timeline.rows(); ++row) {
                const auto x = a.timeline.events(row);
                const auto y = b.timeline.events(row);
                if (timesOf(x) != timesOf(y))
                    return false;
                for (size_t i = 0; i < x.size(); ++i) {
                    if (x.type(i) != y.type(i))
                        return false;
                }
            }
            return true;
        };
        ScoringEngine console;
        console.load(t.db(), Now);
        const qint64 counted = activities.maxId();
        {
            TuningData copy(console, counted, Now);
            copy.take(copy.readHistory(t.path()));
            QCOMPARE(copy.timeline.eventCount(), 400);
            QVERIFY(copy.timeline.readOnce()); // laid out from the console's counts
            QVERIFY(sameEvents(copy, *everything));
            QVERIFY(copy.timeline.packed()); // a word an event: 90 days fit in any lead's
            // Each lead's events are its stored activities (time and type), oldest first.
            for (int row = 0; row < copy.timeline.rows(); ++row) {
                std::vector<std::pair<qint64, int>> stored;
                for (const Activity &a : activities.forLead(copy.engine.leads().id(row)))
                    stored.emplace_back(std::max<qint64>(0, a.occurredAt),
                                        copy.engine.catalogue().indexOfId(a.typeId));
                std::sort(stored.begin(), stored.end());
                const auto events = copy.timeline.events(row);
                std::vector<std::pair<qint64, int>> read;
                for (size_t i = 0; i < events.size(); ++i)
                    read.emplace_back(events.at(i), events.type(i));
                QCOMPARE(read, stored);
            }
            const int row = *copy.engine.leads().rowOf(ids[3]);
            QCOMPARE(copy.outcomes.sqlAt(row), Now - 10 * Day);
            QCOMPARE(copy.outcomes.mqlAt(row), Now - 20 * Day);
            QCOMPARE(copy.engine.scores().score(row), console.scores().score(row));

            // A draft's other half-life: the console's counts shared, the sums those of an
            // index built from the timeline alone.
            const FeatureIndex &consoleIndex = copy.engine.index();
            const FeatureIndex shared = copy.timeline.index(consoleIndex, 7);
            const FeatureIndex own =
                copy.timeline.index(consoleIndex.typeCount(), 7, consoleIndex.referenceTime());
            QCOMPARE(shared.halfLifeDays(), 7.0);
            for (int type = 0; type < consoleIndex.typeCount(); ++type) {
                for (int r = 0; r < consoleIndex.leadCount(); ++r) {
                    if (shared.decayedSum(type, r) != own.decayedSum(type, r) ||
                        shared.count(type, r) != own.count(type, r))
                        QFAIL(qPrintable(QStringLiteral("type %1, row %2").arg(type).arg(r)));
                }
            }
            QVERIFY(shared.bytesSharedWith(consoleIndex) > 0);
            QCOMPARE(own.bytesSharedWith(consoleIndex), size_t(0));

            // An index that counted as many activities per lead but of other types (as if
            // retyped since): the timeline is laid out from it, and the draft's index is then
            // the timeline's own, its counts those of the events.
            FeatureIndex retyped(consoleIndex.typeCount(), consoleIndex.halfLifeDays(),
                                 consoleIndex.referenceTime());
            retyped.resize(consoleIndex.leadCount());
            for (int r = 0; r < copy.timeline.rows(); ++r) {
                const auto events = copy.timeline.events(r);
                for (size_t i = 0; i < events.size(); ++i)
                    retyped.add(r, (events.type(i) + 1) % consoleIndex.typeCount(), events.at(i));
            }
            const ActivityTimeline laidOut = ActivityTimeline::read(
                t.db(), copy.engine.leads(), copy.engine.catalogue(), {counted, &retyped});
            QVERIFY(laidOut.readOnce());
            const FeatureIndex fallback = laidOut.index(retyped, 7);
            QCOMPARE(fallback.bytesSharedWith(retyped), size_t(0));
            for (int r = 0; r < consoleIndex.leadCount(); ++r) {
                for (int type = 0; type < consoleIndex.typeCount(); ++type)
                    QCOMPARE(fallback.count(type, r), own.count(type, r));
            }
        }
        // Stored after the console counted: not the copy's.
        Activity later;
        later.leadId = ids[0];
        later.typeId = types[0].id;
        later.occurredAt = Now - Day;
        activities.insert(later);
        {
            TuningData copy(console, counted, Now);
            copy.take(copy.readHistory(t.path()));
            QCOMPARE(copy.timeline.eventCount(), 400);
            QVERIFY(copy.timeline.readOnce());
            QVERIFY(sameEvents(copy, *everything));
        }
        // A lead deleted since: its activities go, and the counts no longer fit the database.
        const int gone = *console.leads().rowOf(ids[5]);
        const qint64 goneEvents = everything->timeline.events(gone).size();
        QVERIFY(goneEvents > 0);
        leads.remove(ids[5]);
        TuningData copy(console, counted, Now);
        copy.take(copy.readHistory(t.path()));
        QCOMPARE(copy.timeline.eventCount(), 400 - goneEvents);
        QVERIFY(!copy.timeline.readOnce()); // counted again
        QCOMPARE(copy.timeline.events(gone).size(), size_t(0));
        QCOMPARE(timesOf(copy.timeline.events(gone + 1)),
                 timesOf(everything->timeline.events(gone + 1)));
    }

    // A timeline laid out from the console's counts holds each event in one word, its time
    // counted back from its lead's latest activity. A lead whose history is longer than the
    // word's bits reach (an old system's first touch decades back) must not be cut or
    // wrapped: the history is read again, unpacked, with every time exact.
    void aHistoryLongerThanAWordReachesIsReadUnpacked()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        const QList<ActivityType> types = activities.types();
        QVERIFY(types.size() > 2); // two bits of type or more: a word reaches 34 years at most
        const qint64 old = QDateTime(QDate(1975, 6, 1), QTime(9, 30), Qt::UTC).toSecsSinceEpoch();
        const qint64 ann = leads.insert(makeLead(QStringLiteral("ann@x.example")));
        const qint64 bob = leads.insert(makeLead(QStringLiteral("bob@x.example")));
        const auto add = [&](qint64 lead, int type, qint64 at) {
            Activity a;
            a.leadId = lead;
            a.typeId = types[type].id;
            a.occurredAt = at;
            activities.insert(a);
        };
        add(ann, 1, Now - Day);
        add(bob, 2, Now - 3 * Day);
        add(bob, 0, Now - 2 * Day);
        const auto historyOf = [&](const ScoringEngine &console) {
            TuningData copy(console, activities.maxId(), Now);
            copy.take(copy.readHistory(t.path()));
            return copy.timeline;
        };
        {
            ScoringEngine console;
            console.load(t.db(), Now);
            const ActivityTimeline recent = historyOf(console);
            QVERIFY(recent.packed());
            QCOMPARE(timesOf(recent.events(*console.leads().rowOf(bob))),
                     (std::vector<qint64>{Now - 3 * Day, Now - 2 * Day}));
        }
        add(ann, 2, old);
        ScoringEngine console;
        console.load(t.db(), Now);
        const ActivityTimeline long_ = historyOf(console);
        QVERIFY(!long_.packed());
        QVERIFY(!long_.readOnce()); // counted again: the layout from the index did not hold it
        const auto annEvents = long_.events(*console.leads().rowOf(ann));
        QCOMPARE(timesOf(annEvents), (std::vector<qint64>{old, Now - Day}));
        QCOMPARE(annEvents.type(0), console.catalogue().indexOfId(types[2].id));
        QCOMPARE(annEvents.type(1), console.catalogue().indexOfId(types[1].id));
        QCOMPARE(timesOf(long_.events(*console.leads().rowOf(bob))),
                 (std::vector<qint64>{Now - 3 * Day, Now - 2 * Day}));
    }

    // The word's reach exactly: a dated time the word's largest code minus one seconds before
    // its lead's latest activity is packed; one second further back is not (code 0 is an
    // undated activity), and the history is read unpacked, exact.
    void aWordReachesBackExactlyItsLargestCodeLessOne()
    {
        TestDatabase t;
        LeadRepository leads(t.connection());
        ActivityRepository activities(t.connection());
        const QList<ActivityType> types = activities.types();
        const qint64 lead = leads.insert(makeLead(QStringLiteral("ann@x.example")));
        const auto add = [&](qint64 at) {
            Activity a;
            a.leadId = lead;
            a.typeId = types[1].id;
            a.occurredAt = at;
            activities.insert(a);
        };
        const auto historyOf = [&] {
            ScoringEngine console;
            console.load(t.db(), Now);
            TuningData copy(console, activities.maxId(), Now);
            copy.take(copy.readHistory(t.path()));
            return copy.timeline;
        };
        ScoringEngine counting;
        counting.load(t.db(), Now);
        const int typeBits = int(std::bit_width(unsigned(counting.catalogue().count() - 1)));
        const qint64 largestCode = (qint64(1) << (32 - typeBits)) - 1;
        add(Now);
        add(Now - (largestCode - 1));
        const ActivityTimeline reached = historyOf();
        QVERIFY(reached.packed());
        QCOMPARE(timesOf(reached.events(0)), (std::vector<qint64>{Now - (largestCode - 1), Now}));
        add(Now - largestCode);
        const ActivityTimeline beyond = historyOf();
        QVERIFY(!beyond.packed());
        QCOMPARE(timesOf(beyond.events(0)),
                 (std::vector<qint64>{Now - largestCode, Now - (largestCode - 1), Now}));
    }
};

QTEST_GUILESS_MAIN(TestBacktest)
#include "tst_backtest.moc"
