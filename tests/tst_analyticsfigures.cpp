// The dashboard's figures against values worked out by hand on a small dataset built here.

#include <QTest>

#include "analytics/analyticsengine.h"
#include "analytics/chartdata.h"
#include "analytics/cohortconversion.h"
#include "analytics/conversionlift.h"
#include "analytics/figureformat.h"
#include "analytics/funnel.h"
#include "analytics/isoweek.h"
#include "analytics/modelconversion.h"
#include "analytics/sourcemix.h"
#include "analytics/speedtoleadfigures.h"
#include "analytics/targetrules.h"
#include "analytics/velocity.h"
#include "analytics/verdictfigures.h"
#include "analytics/weeklysummary.h"

using namespace handoff;

namespace {

constexpr qint64 M = 60;
constexpr qint64 H = 3600;
constexpr qint64 D = 86400;
// Monday 2026-11-16 00:00 UTC, the start of 2026-W47. The period is W46 and W47.
constexpr qint64 T = 1794787200;
constexpr qint64 Now = T + 6 * D; // Sunday of W47

using Outcome = HandoffFact::Outcome;

/* Eight leads (ids 1..8, index id-1):
   id src   channel      size  created  MQL     SQL      opportunity won
   1  mkt   Webinar      300   T-7D+1H  T-6D    T-4D     T+1D        -
   2  mkt   Webinar      50    T-7D+2H  T-5D    -        -           -
   3  mkt   Paid search  300   T-7D+3H  T+1D    T+2D     T+3D        T+5D
   4  mkt   Paid search  5     T+1H     T+2D    -        -           -
   5  sales Referral     2000  T+2H     -       T+2H     T+4D        -
   6  mkt   Webinar      ?     T-30D    T+3D    T+4D     -           -
   7  mkt   Webinar      300   T+1D     -       -        -           -
   8  sales Referral     300   T-20D    -       T-20D    T-6D        T+6D
   Handoffs (lead, trigger, model, raised, first contact, verdict):
   H1 L1 intent 1 T-6D     +3 min   accepted T-4D
   H2 L2 mql    1 T-5D     +2 h     rejected T-5D+3H "No budget"
   H3 L3 intent 2 T+1D     +5 min   accepted T+2D
   H4 L4 intent 2 T+2D     +40 min  rejected T+2D+1H "Not the decision maker"
   H5 L6 intent 2 T+3D     +20 min  accepted T+4D
   H6 L7 intent 2 Now-2min -        open
   H7 L2 intent 1 T+5D     -        open
   H8 L6 mql    1 T-30D    +1 h     accepted T-29D (before the period)
   H9 L7 mql    1 T+1D+1H  +1 h     rejected T+1D+3H "No budget" */
AnalyticsDataset handBuilt()
{
    AnalyticsDataset data;
    const quint16 webinar = data.internChannel(QStringLiteral("Webinar"));
    const quint16 paid = data.internChannel(QStringLiteral("Paid search"));
    const quint16 referral = data.internChannel(QStringLiteral("Referral"));
    const auto lead = [&](qint64 id, bool marketing, quint16 channel, std::optional<int> size,
                          qint64 created, qint64 mql, qint64 sql, qint64 opp, qint64 won) {
        LeadJourney l;
        l.id = id;
        l.marketing = marketing;
        l.channel = channel;
        l.companySize = size.value_or(-1);
        l.createdAt = created;
        l.mqlAt = mql;
        l.sqlAt = sql;
        l.opportunityAt = opp;
        l.wonAt = won;
        data.leads.push_back(l);
    };
    lead(1, true, webinar, 300, T - 7 * D + H, T - 6 * D, T - 4 * D, T + D, 0);
    lead(2, true, webinar, 50, T - 7 * D + 2 * H, T - 5 * D, 0, 0, 0);
    lead(3, true, paid, 300, T - 7 * D + 3 * H, T + D, T + 2 * D, T + 3 * D, T + 5 * D);
    lead(4, true, paid, 5, T + H, T + 2 * D, 0, 0, 0);
    lead(5, false, referral, 2000, T + 2 * H, 0, T + 2 * H, T + 4 * D, 0);
    lead(6, true, webinar, std::nullopt, T - 30 * D, T + 3 * D, T + 4 * D, 0, 0);
    lead(7, true, webinar, 300, T + D, 0, 0, 0, 0);
    lead(8, false, referral, 300, T - 20 * D, 0, T - 20 * D, T - 6 * D, T + 6 * D);
    const quint16 noBudget = data.internReason(QStringLiteral("No budget"));
    const quint16 notDm = data.internReason(QStringLiteral("Not the decision maker"));
    const auto handoff = [&](qint64 leadId, bool intent, qint64 model, qint64 raised,
                             qint64 contact, Outcome outcome, qint64 outcomeAt, quint16 reason) {
        data.handoffs.push_back(
            {data.indexOf(leadId), intent, model, raised, contact, outcome, outcomeAt, reason});
    };
    handoff(1, true, 1, T - 6 * D, T - 6 * D + 3 * M, Outcome::Accepted, T - 4 * D, 0);
    handoff(2, false, 1, T - 5 * D, T - 5 * D + 2 * H, Outcome::Rejected, T - 5 * D + 3 * H,
            noBudget);
    handoff(3, true, 2, T + D, T + D + 5 * M, Outcome::Accepted, T + 2 * D, 0);
    handoff(4, true, 2, T + 2 * D, T + 2 * D + 40 * M, Outcome::Rejected, T + 2 * D + H, notDm);
    handoff(6, true, 2, T + 3 * D, T + 3 * D + 20 * M, Outcome::Accepted, T + 4 * D, 0);
    handoff(7, true, 2, Now - 2 * M, 0, Outcome::Open, 0, 0);
    handoff(2, true, 1, T + 5 * D, 0, Outcome::Open, 0, 0);
    handoff(6, false, 1, T - 30 * D, T - 30 * D + H, Outcome::Accepted, T - 29 * D, 0);
    handoff(7, false, 1, T + D + H, T + D + 2 * H, Outcome::Rejected, T + D + 3 * H, noBudget);
    data.modelNames = {{1, QStringLiteral("Standard")}, {2, QStringLiteral("Pricing heavier")}};
    return data;
}

const AnalyticsPeriod Period{T, 2};

AnalyticsFilter channel(const QString &name)
{
    AnalyticsFilter f;
    f.channel = name;
    return f;
}

} // namespace

class TestAnalyticsFigures : public QObject
{
    Q_OBJECT

private slots:
    void isoWeeks()
    {
        QCOMPARE(isoweek::parse(QStringLiteral("2026-W47")), std::optional<qint64>(T));
        QCOMPARE(isoweek::label(T), QStringLiteral("2026-W47"));
        QCOMPARE(isoweek::startOf(T + 6 * D + 23 * H), T); // Sunday night is still W47
        QCOMPARE(isoweek::startOf(T - 1), T - 7 * D);
        // 2026 has 53 ISO weeks; 1 January 2027 (a Friday) belongs to 2026-W53.
        QCOMPARE(isoweek::label(isoweek::startOf(1798761600)), QStringLiteral("2026-W53"));
        QVERIFY(!isoweek::parse(QStringLiteral("2025-W53"))); // 2025 has 52
        QVERIFY(!isoweek::parse(QStringLiteral("2026-47")));
        QVERIFY(!isoweek::parse(QStringLiteral("2026-W00")));
        QCOMPARE(Period.from(), T - 7 * D);
        QCOMPARE(Period.to(), T + 7 * D);
    }

    void cohorts_data()
    {
        QTest::addColumn<AnalyticsFilter>("filter");
        QTest::addColumn<QList<qint64>>("mqls");      // W46, W47
        QTest::addColumn<QList<qint64>>("converted"); // W46, W47
        // W46: L1 (converted), L2. W47: L3 (converted), L4, L6 (converted).
        QTest::newRow("all") << AnalyticsFilter{} << QList<qint64>{2, 3} << QList<qint64>{1, 2};
        // Webinar: L1, L2 in W46; L6 in W47.
        QTest::newRow("webinar") << channel(QStringLiteral("Webinar")) << QList<qint64>{2, 1}
                                 << QList<qint64>{1, 1};
        AnalyticsFilter medium;
        medium.segment = segment::Medium; // 200-999: L1, L3 (L7 never became MQL)
        QTest::newRow("200-999") << medium << QList<qint64>{1, 1} << QList<qint64>{1, 1};
        AnalyticsFilter sales;
        sales.source = AnalyticsFilter::Source::Sales; // sales-sourced leads skip MQL
        QTest::newRow("sales") << sales << QList<qint64>{0, 0} << QList<qint64>{0, 0};
        QTest::newRow("unknown channel") << channel(QStringLiteral("Carrier pigeon"))
                                         << QList<qint64>{0, 0} << QList<qint64>{0, 0};
    }

    void cohorts()
    {
        QFETCH(AnalyticsFilter, filter);
        QFETCH(QList<qint64>, mqls);
        QFETCH(QList<qint64>, converted);
        const CohortFigures f = CohortConversion::compute(handBuilt(), Period, filter);
        QCOMPARE(f.weeks.size(), size_t(2));
        QCOMPARE(f.weeks[0].weekStart, T - 7 * D);
        for (int w = 0; w < 2; ++w) {
            QCOMPARE(f.weeks[size_t(w)].mqls, mqls[w]);
            QCOMPARE(f.weeks[size_t(w)].converted, converted[w]);
        }
        QCOMPARE(f.mqls, mqls[0] + mqls[1]);
        QCOMPARE(f.rate, f.mqls ? double(converted[0] + converted[1]) / double(f.mqls) : 0.0);
    }

    void cohortRatesByWeek()
    {
        const CohortFigures f = CohortConversion::compute(handBuilt(), Period, {});
        QCOMPARE(f.weeks[0].rate, 0.5);     // 1 of 2
        QCOMPARE(f.weeks[1].rate, 2.0 / 3); // 2 of 3
        QCOMPARE(f.rate, 0.6);              // 3 of 5
    }

    void funnel()
    {
        // Created in the period: L1 (opportunity), L2 (MQL), L3 (won), L4 (MQL),
        // L5 (opportunity; sales-sourced, counts as having passed MQL), L7 (suspect).
        const FunnelFigures f = Funnel::compute(handBuilt(), Period, {});
        QCOMPARE(f.reached[0], 6);
        QCOMPARE(f.reached[1], 5);
        QCOMPARE(f.reached[2], 3);
        QCOMPARE(f.reached[3], 3);
        QCOMPARE(f.reached[4], 1);
        QCOMPARE(f.conversion[0], 5.0 / 6);
        QCOMPARE(f.conversion[1], 3.0 / 5);
        QCOMPARE(f.conversion[2], 1.0);
        QCOMPARE(f.conversion[3], 1.0 / 3);
        QCOMPARE(FunnelFigures::stageLabel(2), QStringLiteral("SQL"));
    }

    void speedToLead()
    {
        // Hand-raisers raised in the period: H1 3 min, H3 5:00, H4 40 min, H5 20 min,
        // H6 not called yet but raised 2 minutes ago, H7 not called for a day.
        const SpeedToLeadFigures f =
            SpeedToLeadStats::compute(handBuilt(), Period, {}, Now, /*slaMinutes=*/10);
        QCOMPARE(f.handRaisers, 6);
        using F = SpeedToLeadFigures;
        QCOMPARE(f.buckets[F::Under5m].handoffs, 2); // H1 and H3 (5:00 is within 5 minutes)
        QCOMPARE(f.buckets[F::Under5m].acceptRate, 1.0);
        QCOMPARE(f.buckets[F::Under30m].handoffs, 1); // H5, accepted
        QCOMPARE(f.buckets[F::Under1h].handoffs, 1);  // H4, rejected
        QCOMPARE(f.buckets[F::Under1h].acceptRate, 0.0);
        QCOMPARE(f.buckets[F::Under4h].handoffs, 0);
        QCOMPARE(f.buckets[F::NotContacted].handoffs, 2);
        // Within 5: H1, H3 of H1, H3, H4, H5 and H7 (H6 can still make it): 2/5.
        QCOMPARE(f.within5, 0.4);
        // Within 30: H1, H3, H5 of the same five: 3/5.
        QCOMPARE(f.within30, 0.6);
        QCOMPARE(f.withinSla, 0.4); // 10 minutes: H1, H3
        // Median of 3, 5, 20 and 40 minutes: (5 + 20) / 2.
        QCOMPARE(f.medianMinutes, 12.5);
    }

    // Handoffs made in a batch (a model taken live with its wave marked so) are not hands
    // raised: the speed-to-lead figures leave them out.
    void speedToLeadLeavesABatchOut()
    {
        AnalyticsDataset data = handBuilt();
        HandoffFact batch = data.handoffs.front();
        batch.raisedAt = T + D;
        batch.firstContactAt = 0; // not called for days: would pull every share down
        batch.outcome = HandoffFact::Outcome::Open;
        batch.slaExempt = true;
        data.handoffs.push_back(batch);
        const SpeedToLeadFigures f = SpeedToLeadStats::compute(data, Period, {}, Now, 10);
        QCOMPARE(f.handRaisers, 6);
        QCOMPARE(f.within5, 0.4);
        QCOMPARE(f.buckets[SpeedToLeadFigures::NotContacted].handoffs, 2);
    }

    // With the team counting working time only, a hand raised on Friday evening and called
    // on Monday morning waited minutes, not a weekend; the ladder's breaches count in the
    // week their deadline passed, with how late the call came, and those that reached the
    // manager. A filter applies to them as to everything else.
    void speedToLeadInWorkingTimeAndTheLaddersBreaches()
    {
        AnalyticsDataset data = handBuilt();
        BusinessCalendar office;
        for (int day = 1; day <= 5; ++day)
            office.setHours(day, OpeningHours{QTime(9, 0), QTime(17, 0)});
        office.setBusinessTimeOnly(true);
        data.calendar = office;
        // Lead 7 raises a hand on Friday of W46 at 16:58 UTC and is called Monday 09:04.
        const qint64 friday = T - 3 * D + 16 * H + 58 * M;
        const qint64 monday = T + 9 * H + 4 * M;
        data.handoffs.push_back({data.indexOf(7), true, 2, friday, monday, Outcome::Open, 0, 0});
        data.handoffs.back().slaBreachDueAt = T + 9 * H + 3 * M; // 5 min
        data.handoffs.push_back(data.handoffs.front());          // H1's lead, W47, never called
        data.handoffs.back().raisedAt = T + 4 * D + 10 * H;
        data.handoffs.back().firstContactAt = 0;
        data.handoffs.back().outcome = Outcome::Open;
        data.handoffs.back().outcomeAt = 0;
        data.handoffs.back().slaBreachDueAt = T + 4 * D + 10 * H + 5 * M;
        data.handoffs.back().escalationDueAt = T + 4 * D + 10 * H + 10 * M;

        const AnalyticsPeriod w46{T - 7 * D, 1}, w47{T, 1};
        // Friday's hand-raiser waited 6 working minutes: between 5 and 30.
        const SpeedToLeadFigures last = SpeedToLeadStats::compute(data, w46, {}, Now, 5);
        QCOMPARE(last.buckets[SpeedToLeadFigures::Under30m].handoffs, 1);
        QCOMPARE(last.slaBreaches, 0); // its deadline fell on Monday
        const SpeedToLeadFigures f = SpeedToLeadStats::compute(data, w47, {}, Now, 5);
        QCOMPARE(f.slaBreaches, 2);
        QCOMPARE(f.escalations, 1);
        // 1 minute late (Monday), and the other from Friday 10:05 to Now (Sunday), working
        // time: 6h55m on Friday = 415 minutes; the median of 1 and 415 is 208.
        QCOMPARE(f.medianLateMinutes, 208.0);
        // Closed without a call (rejected as spam on Friday 11:05): late until the verdict.
        data.handoffs.back().outcome = Outcome::Rejected;
        data.handoffs.back().outcomeAt = T + 4 * D + 11 * H + 5 * M;
        QCOMPARE(SpeedToLeadStats::compute(data, w47, {}, Now, 5).medianLateMinutes, 30.5);
        QCOMPARE(SpeedToLeadStats::compute(data, w47, channel(QStringLiteral("Referral")), Now, 5)
                     .slaBreaches,
                 0);

        MeetingTargets targets;
        const std::vector<MeetingMetric> rows = WeeklySummary::compute(data, T, {}, targets, Now);
        const auto row = [&](const QString &start) {
            for (const MeetingMetric &m : rows)
                if (m.name.startsWith(start))
                    return m;
            return MeetingMetric{};
        };
        QCOMPARE(row(QStringLiteral("SLA breaches")).thisWeek, 2.0);
        QCOMPARE(row(QStringLiteral("SLA breaches")).lastWeek, 0.0);
        QCOMPARE(row(QStringLiteral("SLA breaches")).met, std::optional<bool>(false));
        QCOMPARE(row(QStringLiteral("Escalated to the sales manager")).thisWeek, 1.0);
    }

    void verdicts_data()
    {
        QTest::addColumn<AnalyticsFilter>("filter");
        QTest::addColumn<qint64>("accepted");
        QTest::addColumn<qint64>("rejected");
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<QList<qint64>>("counts");
        // Decided in the period: H1, H3, H5 accepted; H2, H9 "No budget", H4 "Not the
        // decision maker" rejected. H8 was decided before the period.
        QTest::newRow("all") << AnalyticsFilter{} << qint64(3) << qint64(3)
                             << QStringList{QStringLiteral("No budget"),
                                            QStringLiteral("Not the decision maker")}
                             << QList<qint64>{2, 1};
        // Webinar leads L1, L2, L6, L7: H1, H5 accepted; H2, H9 rejected.
        QTest::newRow("webinar") << channel(QStringLiteral("Webinar")) << qint64(2) << qint64(2)
                                 << QStringList{QStringLiteral("No budget")} << QList<qint64>{2};
    }

    void verdicts()
    {
        QFETCH(AnalyticsFilter, filter);
        QFETCH(qint64, accepted);
        QFETCH(qint64, rejected);
        QFETCH(QStringList, reasons);
        QFETCH(QList<qint64>, counts);
        const VerdictFigures f = Verdicts::compute(handBuilt(), Period, filter);
        QCOMPARE(f.accepted, accepted);
        QCOMPARE(f.rejected, rejected);
        QCOMPARE(f.acceptRate, 0.5);
        QCOMPARE(f.rejectRate, 0.5);
        QCOMPARE(f.reasons.size(), size_t(reasons.size()));
        for (qsizetype i = 0; i < reasons.size(); ++i) {
            QCOMPARE(f.reasons[size_t(i)].reason, reasons[i]);
            QCOMPARE(f.reasons[size_t(i)].count, counts[i]);
            QCOMPARE(f.reasons[size_t(i)].share, double(counts[i]) / double(rejected));
        }
    }

    void sourceMix()
    {
        // Opportunities in the period: W46 L8 (sales); W47 L1, L3 (marketing), L5 (sales).
        AnalyticsFilter marketingOnly;
        marketingOnly.source = AnalyticsFilter::Source::Marketing; // ignored by this figure
        for (const AnalyticsFilter &filter : {AnalyticsFilter{}, marketingOnly}) {
            const SourceMixFigures f = SourceMix::compute(handBuilt(), Period, filter, 0.25, 0.35);
            QCOMPARE(f.weeks[0].marketing, 0);
            QCOMPARE(f.weeks[0].sales, 1);
            QCOMPARE(f.weeks[1].marketing, 2);
            QCOMPARE(f.weeks[1].sales, 1);
            QCOMPARE(f.weeks[1].marketingShare, 2.0 / 3);
            QCOMPARE(f.marketingShare, 0.5);
            QCOMPARE(f.againstBand, 1); // 50% is above the agreed 25-35%
        }
        // In the band: Webinar leads only: L1 (marketing) alone, 100%; Referral: 0%, below.
        QCOMPARE(
            SourceMix::compute(handBuilt(), Period, channel(QStringLiteral("Referral")), 0.25, 0.35)
                .againstBand,
            -1);
        QCOMPARE(SourceMix::compute(handBuilt(), Period, {}, 0.4, 0.6).againstBand, 0);
    }

    void velocity()
    {
        // SQL in the period after an MQL: L1 2 days, L3 1 day, L6 1 day -> median 1.
        // Won in the period: L3 3 days after SQL, L8 26 days -> median 14.5.
        const VelocityFigures f = Velocity::compute(handBuilt(), Period, {});
        QCOMPARE(f.mqlToSqlLeads, 3);
        QCOMPARE(f.mqlToSqlDays, 1.0);
        QCOMPARE(f.sqlToWonLeads, 2);
        QCOMPARE(f.sqlToWonDays, 14.5);
    }

    void modelVersions()
    {
        // Raised in the period: model 1 H1 (accepted), H2, H9 (rejected), H7 (open);
        // model 2 H3, H5 (accepted), H4 (rejected), H6 (open).
        const std::vector<ModelConversionRow> rows =
            ModelConversion::compute(handBuilt(), Period, {});
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].modelId, 1);
        QCOMPARE(rows[0].name, QStringLiteral("v1 Standard"));
        QCOMPARE(rows[0].handoffs, 4);
        QCOMPARE(rows[0].acceptRate, 1.0 / 3);
        QCOMPARE(rows[1].handoffs, 4);
        QCOMPARE(rows[1].accepted, 2);
        QCOMPARE(rows[1].acceptRate, 2.0 / 3);
    }

    void lift_data()
    {
        QTest::addColumn<int>("minSupport");
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<QList<double>>("lifts");
        // Five leads, three converted (base rate 0.6):
        //   converted: {Webinar, Pricing page}, {Webinar}, {Pricing page}
        //   not:       {Newsletter}, {Webinar, Newsletter}
        // Pricing page 2 of 2 converted: 1.0 / 0.6; Webinar 2 of 3: (2/3) / 0.6;
        // Newsletter 0 of 2: 0.
        QTest::newRow("support 2")
            << 2
            << QStringList{QStringLiteral("Pricing page"), QStringLiteral("Webinar"),
                           QStringLiteral("Newsletter")}
            << QList<double>{1.0 / 0.6, (2.0 / 3) / 0.6, 0.0};
        QTest::newRow("support 3")
            << 3 << QStringList{QStringLiteral("Webinar")} << QList<double>{(2.0 / 3) / 0.6};
    }

    void lift()
    {
        QFETCH(int, minSupport);
        QFETCH(QStringList, types);
        QFETCH(QList<double>, lifts);
        const QString webinar = QStringLiteral("Webinar"), pricing = QStringLiteral("Pricing page"),
                      news = QStringLiteral("Newsletter"), guide = QStringLiteral("Guide A");
        const std::vector<LiftSubject> subjects = {
            {true, {webinar, pricing}, {guide}},
            {true, {webinar}, {}},
            {false, {news}, {guide}},
            {false, {webinar, news}, {}},
            {true, {pricing}, {guide}},
        };
        const LiftFigures f = ConversionLift::compute(subjects, minSupport);
        QCOMPARE(f.leads, 5);
        QCOMPARE(f.baseRate, 0.6);
        QCOMPARE(f.activityTypes.size(), size_t(types.size()));
        for (qsizetype i = 0; i < types.size(); ++i) {
            QCOMPARE(f.activityTypes[size_t(i)].name, types[i]);
            QCOMPARE(f.activityTypes[size_t(i)].lift, lifts[i]);
        }
        // Guide A: 3 leads, 2 converted.
        QCOMPARE(f.contents.size(), size_t(1));
        QCOMPARE(f.contents[0].lift, (2.0 / 3) / 0.6);
    }

    void liftCohortAndSubjects()
    {
        const AnalyticsDataset data = handBuilt();
        // MQLs of the period: L1, L2, L3, L4, L6; a cap of 2 takes every 3rd: L1, L4.
        qint64 total = 0;
        const std::vector<int> sample = ConversionLift::cohort(data, Period, {}, 2, &total);
        QCOMPARE(total, 5);
        QCOMPARE(sample.size(), size_t(2));
        QCOMPARE(data.leads[size_t(sample[0])].id, 1);
        QCOMPARE(data.leads[size_t(sample[1])].id, 4);
        // L1 converted at T-4D: its webinar before counts, its pricing visit after does not.
        const std::vector<int> cohort = {data.indexOf(1), data.indexOf(2)};
        const std::vector<ActivityTouch> touches = {
            {1, QStringLiteral("Webinar"), QStringLiteral("Q4 webinar"), T - 6 * D},
            {1, QStringLiteral("Pricing page"), {}, T - 3 * D},
            {2, QStringLiteral("Newsletter"), {}, T},
            {99, QStringLiteral("Demo request"), {}, T}, // not in the cohort
        };
        const std::vector<LiftSubject> s = ConversionLift::subjects(data, cohort, touches);
        QCOMPARE(s.size(), size_t(2));
        QVERIFY(s[0].converted);
        QCOMPARE(s[0].activityTypes, QStringList{QStringLiteral("Webinar")});
        QCOMPARE(s[0].contents, QStringList{QStringLiteral("Q4 webinar")});
        QVERIFY(!s[1].converted);
        QCOMPARE(s[1].activityTypes, QStringList{QStringLiteral("Newsletter")});
    }

    void weeklySummary()
    {
        MeetingTargets targets; // SLA 5 min, 100 MQLs, band 25-35%
        targets.acceptRate = 0.5;
        const std::vector<MeetingMetric> rows =
            WeeklySummary::compute(handBuilt(), T, {}, targets, Now);
        const auto row = [&](const QString &start) {
            for (const MeetingMetric &m : rows) {
                if (m.name.startsWith(start))
                    return m;
            }
            return MeetingMetric{};
        };
        // MQLs: W47 L3, L4, L6 = 3; W46 L1, L2 = 2; target 100 not met.
        QCOMPARE(row(QStringLiteral("MQL volume")).thisWeek, 3.0);
        QCOMPARE(row(QStringLiteral("MQL volume")).lastWeek, 2.0);
        QCOMPARE(row(QStringLiteral("MQL volume")).met, std::optional<bool>(false));
        // Decided in W47: H3, H5 accepted, H4, H9 rejected: 50%, which meets 50%.
        QCOMPARE(row(QStringLiteral("Accept rate")).thisWeek, 0.5);
        QCOMPARE(row(QStringLiteral("Accept rate")).met, std::optional<bool>(true));
        QCOMPARE(row(QStringLiteral("Rejected")).thisWeek, 2.0);
        QCOMPARE(row(QStringLiteral("Rejected")).lastWeek, 1.0);
        // W47 contacts: 5, 40 and 20 minutes -> median 20, over the 5-minute SLA. W46: 3.
        QCOMPARE(row(QStringLiteral("Median time")).thisWeek, 20.0);
        QCOMPARE(row(QStringLiteral("Median time")).lastWeek, 3.0);
        QCOMPARE(row(QStringLiteral("Median time")).met, std::optional<bool>(false));
        // Within 5 minutes in W47: H3 of H3, H4, H5, H7 (H6 still has time).
        QCOMPARE(row(QStringLiteral("Hand-raisers reached")).thisWeek, 0.25);
        QCOMPARE(row(QStringLiteral("Marketing share")).thisWeek, 2.0 / 3);
        QCOMPARE(row(QStringLiteral("Marketing share")).met, std::optional<bool>(false));
        QCOMPARE(MeetingMetric::format(2.0 / 3, MeetingMetric::Unit::Percent),
                 QStringLiteral("66.7%"));
    }

    // One way of writing a duration everywhere, in the unit people think in.
    void durationsReadInSensibleUnits_data()
    {
        QTest::addColumn<double>("minutes");
        QTest::addColumn<QString>("text");
        QTest::newRow("minutes") << 4.2 << QStringLiteral("4 min");
        QTest::newRow("under an hour") << 59.0 << QStringLiteral("59 min");
        QTest::newRow("the meeting's median") << 1768.9 << QStringLiteral("29 h");
        QTest::newRow("days") << 3.2 * 24 * 60 << QStringLiteral("3.2 days");
        QTest::newRow("none") << -1.0 << QStringLiteral("–");
    }
    void durationsReadInSensibleUnits()
    {
        QFETCH(double, minutes);
        QFETCH(QString, text);
        QCOMPARE(FigureFormat::duration(minutes), text);
        QCOMPARE(MeetingMetric::format(minutes, MeetingMetric::Unit::Minutes), text);
    }

    // The meeting's misleading figures: the unfinished week unmarked, a model two hours old
    // at 0% accept rate, lifts below 1 under "what converting leads had in common".
    void chartsMarkPartialWeeksTooFewLeadsAndOnlyRealLift()
    {
        DashboardFigures f;
        f.period = Period; // W46 and W47
        f.now = T + 2 * D; // Wednesday of W47
        f.cohorts.weeks = {{T - 7 * D, 40, 12, 0.3}, {T, 400, 1, 0.0025}};
        f.cohorts.mqls = 440;
        f.cohorts.converted = 13;
        f.sourceMix.weeks = {{T - 7 * D, 3, 2, 0.6}, {T, 1, 0, 1.0}};
        f.speed.handRaisers = 10;
        f.speed.medianMinutes = 1768.9;
        f.models = {{1, QStringLiteral("Standard"), 50, 20, 10, 20.0 / 30},
                    {2, QStringLiteral("Two hours old"), 4, 0, 0, 0.0}};
        f.lift.baseRate = 0.2;
        f.lift.leads = f.lift.cohortLeads = 100;
        f.lift.activityTypes = {{QStringLiteral("Demo request"), 20, 10, 0.5, 2.5},
                                {QStringLiteral("Newsletter open"), 60, 9, 0.15, 0.75}};
        f.lift.contents = {{QStringLiteral("Pricing page"), 10, 3, 0.3, 1.5},
                           {QStringLiteral("Careers page"), 10, 1, 0.1, 0.5}};
        const std::vector<ChartData> charts = DashboardCharts::build(f);
        const auto chart = [&](const QString &id) {
            return *std::find_if(charts.begin(), charts.end(),
                                 [&](const ChartData &c) { return c.id == id; });
        };

        const ChartData cohorts = chart(QStringLiteral("cohorts"));
        QCOMPARE(cohorts.categories, QStringList({QStringLiteral("2026-W46"),
                                                  QStringLiteral("2026-W47 (in progress)")}));
        QCOMPARE(cohorts.rows.last().first(), QStringLiteral("2026-W47 (in progress)"));
        QCOMPARE(cohorts.rows.last().last(), QStringLiteral("0.3% so far"));
        QVERIFY(std::isnan(cohorts.series[1].values[1])); // no drop to 0.3% drawn
        QVERIFY2(cohorts.summary.contains(QStringLiteral("in progress")),
                 qPrintable(cohorts.summary));
        QVERIFY(chart(QStringLiteral("source-mix"))
                    .categories.last()
                    .endsWith(QStringLiteral("(in progress)")));
        // One lead's week is too few for a share.
        QCOMPARE(chart(QStringLiteral("source-mix")).rows.last().last(),
                 QStringLiteral("too few (1)"));

        QVERIFY2(
            chart(QStringLiteral("speed-to-lead")).summary.contains(QStringLiteral("median 29 h")),
            qPrintable(chart(QStringLiteral("speed-to-lead")).summary));

        const ChartData models = chart(QStringLiteral("model-versions"));
        QCOMPARE(models.rows[0].last(), QStringLiteral("66.7%"));
        QCOMPARE(models.rows[1].last(), QStringLiteral("too few (0)"));
        QVERIFY(std::isnan(models.series.front().values[1])); // not drawn as a 0% bar

        const ChartData lift = chart(QStringLiteral("lift"));
        QCOMPARE(lift.categories, QStringList({QStringLiteral("Demo request"),
                                               QStringLiteral("Content: Pricing page")}));

        // Every chart names its axes.
        for (const ChartData &c : charts) {
            QVERIFY2(!c.categoryAxis.isEmpty(), qPrintable(c.id));
            const bool counts = std::any_of(c.series.begin(), c.series.end(),
                                            [](const ChartSeries &s) { return !s.percent; });
            QVERIFY2(!counts || !c.valueAxis.isEmpty(), qPrintable(c.id));
        }

        // A finished period carries no mark.
        f.now = T + 8 * D;
        QCOMPARE(DashboardCharts::build(f).front().categories.last(), QStringLiteral("2026-W47"));
    }

    void meetingFiguresOnTooFewLeadsSaySo()
    {
        const AnalyticsDataset data = handBuilt();
        const auto rows = WeeklySummary::compute(data, T, {}, MeetingTargets{}, Now);
        const auto row = [&](const QString &name) {
            return *std::find_if(rows.begin(), rows.end(),
                                 [&](const MeetingMetric &m) { return m.name.startsWith(name); });
        };
        // W46 had two verdicts (H1 accepted, H2 rejected): too few for an accept rate.
        QCOMPARE(row(QStringLiteral("Accept rate")).lastText(), QStringLiteral("too few (2)"));
        QCOMPARE(row(QStringLiteral("Accept rate")).thisText(), QStringLiteral("50.0%"));
        QCOMPARE(row(QStringLiteral("Median time")).thisText(), QStringLiteral("20 min"));
        QCOMPARE(row(QStringLiteral("MQL volume")).thisText(), QStringLiteral("3"));
    }

    void targetsAreValidated()
    {
        MeetingTargets t;
        QVERIFY(targetrules::problems(t).isEmpty());
        t.slaMinutes = 0;
        t.marketingShareLow = 0.4;
        t.marketingShareHigh = 0.3;
        const QStringList problems = targetrules::problems(t);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems[0].contains(QStringLiteral("SLA")));
        QVERIFY(problems[1].contains(QStringLiteral("low end")));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsFigures)
#include "tst_analyticsfigures.moc"
