#include <QTest>

#include "scoringfixture.h"

using namespace handoff;

namespace {
constexpr qint64 Now = 1'800'000'000;
constexpr qint64 Day = 86400;

ScoringModel simpleModel()
{
    ScoringModel m;
    m.halfLifeDays = 30;
    m.mqlThreshold = 50;
    m.activities = {{QStringLiteral("page_view"), 2, 10.0, true},
                    {QStringLiteral("webinar_attended"), 10, {}, true},
                    {QStringLiteral("demo_request"), 50, {}, true},
                    {QStringLiteral("careers_page_view"), -10, 20.0, true},
                    {QStringLiteral("unsubscribe"), -30, {}, false}};
    using Op = Condition::Operator;
    m.fitRules = {{{QStringLiteral("seniority"),
                    Op::OneOf,
                    {QStringLiteral("VP"), QStringLiteral("C-level")},
                    {},
                    {}},
                   20},
                  {{QStringLiteral("company_size"), Op::Range, {}, 200.0, 5000.0}, 10}};
    m.disqualifications = {
        {{QStringLiteral("email_domain"), Op::OneOf, {QStringLiteral("rival.com")}, {}, {}},
         QStringLiteral("Competitor")},
        {{QStringLiteral("title"), Op::Contains, {QStringLiteral("student")}, {}, {}},
         QStringLiteral("Student")}};
    return m;
}
} // namespace

class TestScoreBoard : public QObject
{
    Q_OBJECT

private:
    ScoringFixture f;
    int vp = -1, student = -1, rival = -1, quiet = -1;

    void add(int row, const char *type, qint64 daysAgo, int times = 1)
    {
        for (int i = 0; i < times; ++i)
            f.activities.push_back({row, f.typeIndex(type), Now - daysAgo * Day});
    }

    static Lead makeVp()
    {
        Lead l = withTitle(QStringLiteral("VP of Sales"));
        l.seniority = QStringLiteral("VP");
        l.companySize = 1200;
        return l;
    }

    static Lead withTitle(const QString &title)
    {
        Lead l;
        l.email = QStringLiteral("someone@acme.example");
        l.title = title;
        return l;
    }

private slots:
    void init()
    {
        f = ScoringFixture();
        Lead a = makeVp();
        vp = f.addLead(a);
        student = f.addLead(withTitle(QStringLiteral("MBA Student")));
        Lead r = withTitle(QStringLiteral("Analyst"));
        r.email = QStringLiteral("spy@Rival.com");
        rival = f.addLead(r);
        quiet = f.addLead(withTitle(QStringLiteral("Engineer")));
        add(vp, "page_view", 0, 3);      // 6 points, under the cap
        add(vp, "webinar_attended", 30); // 10 points, one half-life ago: 5
        add(vp, "careers_page_view", 0); // -10
        add(student, "page_view", 0, 8); // 16, capped at 10
        add(rival, "demo_request", 0);   // a hand-raise, but a competitor
        add(quiet, "unsubscribe", 60);   // -30, does not decay
        f.buildIndex(30, Now);
    }

    void fitAndEngagementWithDecayAndNegativePoints()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        QCOMPARE(board.fit(vp), 30.0);
        QVERIFY(std::abs(board.engagement(vp) - (6 + 5 - 10)) < 1e-5);
        QCOMPARE(board.grade(vp), QLatin1Char('B'));
        QCOMPARE(board.score(quiet), -30.0);
    }

    void capsLimitRepeatedActions()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        QCOMPARE(board.engagement(student), 10.0);
        const ScoreBreakdown b = board.explain(student);
        QCOMPARE(b.activities.size(), 1);
        QCOMPARE(b.activities[0].count, 8);
        QCOMPARE(b.activities[0].raw, 16.0);
        QVERIFY(b.activities[0].capped);
        QCOMPARE(b.activities[0].points, 10.0);
    }

    void breakdownAddsUpToTheScore()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        for (int row : {vp, student, rival, quiet}) {
            const ScoreBreakdown b = board.explain(row);
            double sum = 0;
            for (const auto &line : b.fit)
                sum += line.points;
            for (const auto &line : b.activities)
                sum += line.points;
            QCOMPARE(sum, b.total);
            QCOMPARE(b.total, board.score(row));
        }
        const ScoreBreakdown b = board.explain(vp);
        QCOMPARE(b.fit.size(), 2);
        QVERIFY(b.fit[0].matched);
        QCOMPARE(b.fit[0].value, QStringLiteral("VP"));
        const auto webinar =
            std::find_if(b.activities.begin(), b.activities.end(),
                         [](const auto &l) { return l.type == QLatin1String("webinar_attended"); });
        QVERIFY(webinar != b.activities.end());
        QCOMPARE(webinar->raw, 10.0);
        QVERIFY(std::abs(webinar->decayed - 5.0) < 1e-5);
        const ScoreBreakdown q = board.explain(quiet);
        QVERIFY(!q.activities[0].decays);
        QCOMPARE(q.activities[0].points, -30.0);
    }

    void disqualificationKeepsTheReason()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        QVERIFY(!board.isDisqualified(vp));
        QVERIFY(board.isDisqualified(student));
        QCOMPARE(board.disqualificationReason(student), QStringLiteral("Student"));
        QCOMPARE(board.disqualificationReason(rival),
                 QStringLiteral("Competitor")); // domain case folded
        QCOMPARE(board.explain(rival).disqualifiedBecause,
                 std::optional<QString>(QStringLiteral("Competitor")));
    }

    void intentActivitiesMarkAHandRaiser()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        QVERIFY(board.raisedHand(rival));
        QVERIFY(!board.raisedHand(vp));
        QVERIFY(board.explain(rival).raisedHand);
    }

    void aWeightChangeRescoresLikeAFreshBoard_data()
    {
        QTest::addColumn<int>("change");
        QTest::newRow("one weight") << 0;
        QTest::newRow("a cap") << 1;
        QTest::newRow("a fit rule") << 2;
        QTest::newRow("every weight") << 3;
        QTest::newRow("a type removed") << 4;
    }

    void aWeightChangeRescoresLikeAFreshBoard()
    {
        QFETCH(int, change);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        ScoringModel changed = simpleModel();
        switch (change) {
        case 0:
            changed.activities[0].points = 7;
            break;
        case 1:
            changed.activities[0].cap = 3.0;
            break;
        case 2:
            changed.fitRules[0].points = 35;
            break;
        case 3:
            for (auto &w : changed.activities)
                w.points *= 2;
            break;
        case 4:
            changed.activities.removeAt(2);
            break;
        }
        std::vector<double> before;
        for (int row = 0; row < f.leads.size(); ++row)
            before.push_back(board.score(row));
        board.setModel(changed);
        ScoreBoard fresh(f.leads, f.index, f.catalogue);
        fresh.setModel(changed);
        for (int row = 0; row < f.leads.size(); ++row)
            QVERIFY(std::abs(board.score(row) - fresh.score(row)) < 1e-9);
        bool moved = false;
        for (int row = 0; row < f.leads.size(); ++row)
            moved = moved || board.score(row) != before[size_t(row)];
        QVERIFY(moved);
    }

    // The tuning workspace scores with a copy of the console's board while the console goes
    // on counting, adding leads and taking models live: the copy keeps its scores, to the bit
    // what a board scoring its table and index afresh gives, and the original agrees with a
    // fresh board of its own (up to the rounding of a weight change's difference).
    void aCopyKeepsItsScoresWhileTheOriginalRescores()
    {
        for (int i = 0; i < 20'000; ++i) { // leads over three blocks of the board's columns
            Lead lead = i % 3 == 0 ? makeVp() : withTitle(QStringLiteral("Engineer"));
            const int row = f.addLead(lead);
            add(row, i % 2 ? "page_view" : "webinar_attended", i % 90, 1 + i % 4);
        }
        f.buildIndex(30, Now);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        const LeadTable leadsCopy = f.leads;
        const FeatureIndex indexCopy = f.index;
        const ScoreBoard copy(board, leadsCopy, indexCopy, f.catalogue);
        std::vector<double> scored;
        for (int row = 0; row < copy.size(); ++row)
            scored.push_back(copy.score(row));

        f.index.add(12'000, f.typeIndex("demo_request"), Now);
        board.refreshRow(12'000);
        const int added = f.addLead(makeVp());
        f.index.resize(f.leads.size());
        board.refreshRow(added);
        ScoringModel changed = simpleModel();
        changed.activities[0].points = 7;
        board.setModel(changed);
        QVERIFY(board.score(12'000) >= scored[12'000] + 50);

        const auto agree = [](const ScoreBoard &a, const ScoreBoard &b, double within = 0) {
            for (int row = 0; row < a.size(); ++row) {
                if (std::abs(a.score(row) - b.score(row)) > within || a.fit(row) != b.fit(row) ||
                    a.isDisqualified(row) != b.isDisqualified(row))
                    return false;
            }
            return a.size() == b.size();
        };
        ScoreBoard freshCopy(leadsCopy, indexCopy, f.catalogue);
        freshCopy.setModel(simpleModel());
        QVERIFY(agree(copy, freshCopy));
        QCOMPARE(copy.size(), int(scored.size()));
        QCOMPARE(copy.score(12'000), scored[12'000]);
        ScoreBoard fresh(f.leads, f.index, f.catalogue);
        fresh.setModel(changed);
        QVERIFY(agree(board, fresh, 1e-9));
    }

    // The backtest's board takes a draft's fit rules and disqualifications without counting
    // its engagement (the replay counts that); the board's next model then counts engagement
    // afresh, even when it is that same draft, whose weights it already holds.
    void aBoardThatSkippedEngagementCountsItAtTheNextModel()
    {
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(simpleModel());
        const double engagementBefore = board.engagement(vp);
        ScoringModel draft = simpleModel();
        draft.fitRules[0].points = 35;
        draft.activities[0].points = 7;      // page_view: 3 of them for the VP
        draft.disqualifications.removeAt(1); // students are fine now
        board.setModelExceptEngagement(draft);
        ScoreBoard fresh(f.leads, f.index, f.catalogue);
        fresh.setModel(draft);
        for (int row = 0; row < f.leads.size(); ++row) {
            QCOMPARE(board.fit(row), fresh.fit(row));
            QCOMPARE(board.isDisqualified(row), fresh.isDisqualified(row));
        }
        QVERIFY(!board.isDisqualified(student));
        QCOMPARE(board.engagement(vp), engagementBefore); // not counted under the draft

        board.setModel(draft);
        QVERIFY(std::abs(board.engagement(vp) - fresh.engagement(vp)) < 1e-9);
        // Three page views: 3 x 7 capped at 10 instead of 3 x 2.
        QVERIFY(std::abs(board.engagement(vp) - engagementBefore - (10 - 6)) < 1e-5);
        for (int row = 0; row < f.leads.size(); ++row)
            QVERIFY(std::abs(board.score(row) - fresh.score(row)) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestScoreBoard)
#include "tst_scoreboard.moc"
