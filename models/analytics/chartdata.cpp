#include "analytics/chartdata.h"

#include <cmath>

#include "analytics/figureformat.h"
#include "analytics/isoweek.h"

namespace handoff {

QString DashboardCharts::percent(double share)
{
    return FigureFormat::percent(share);
}

namespace {
QString count(qint64 n)
{
    return QString::number(n);
}
QString days(double d)
{
    return FigureFormat::durationDays(d);
}
// A share on too few leads is drawn as nothing rather than as 0.
double plotted(double share, qint64 base)
{
    return FigureFormat::tooFew(base) ? std::nan("") : share;
}
} // namespace

std::vector<ChartData> DashboardCharts::build(const DashboardFigures &f)
{
    std::vector<ChartData> charts;

    ChartData cohorts{QStringLiteral("cohorts"),
                      tr("MQL to SQL conversion by weekly cohort"),
                      tr("%1 of %2 MQLs accepted as SQL (%3)")
                              .arg(f.cohorts.converted)
                              .arg(f.cohorts.mqls)
                              .arg(FigureFormat::share(f.cohorts.rate, f.cohorts.mqls)) +
                          (FigureFormat::inProgress(f.period.lastWeekStart, f.now)
                               ? tr("; %1 in progress").arg(isoweek::label(f.period.lastWeekStart))
                               : QString()),
                      {},
                      {},
                      std::nullopt,
                      {tr("Week"), tr("MQLs"), tr("Became SQL"), tr("Conversion")},
                      {},
                      {},
                      {}};
    ChartSeries mqls{tr("MQLs"), {}, false, false};
    ChartSeries rate{tr("Conversion"), {}, true, true};
    for (const CohortWeek &w : f.cohorts.weeks) {
        const QString week = FigureFormat::week(w.weekStart, f.now);
        // A cohort still forming has had no time to convert: its rate is not drawn as a
        // drop, and the table says it is the rate so far.
        const bool forming = FigureFormat::inProgress(w.weekStart, f.now);
        cohorts.categories << week;
        mqls.values.push_back(double(w.mqls));
        rate.values.push_back(forming ? std::nan("") : plotted(w.rate, w.mqls));
        const QString shown = FigureFormat::share(w.rate, w.mqls);
        cohorts.rows.append(
            {week, count(w.mqls), count(w.converted),
             forming && !FigureFormat::tooFew(w.mqls) ? tr("%1 so far").arg(shown) : shown});
    }
    cohorts.series = {mqls, rate};
    cohorts.valueAxis = tr("MQLs");
    cohorts.categoryAxis = tr("Week they became MQL");
    charts.push_back(cohorts);

    ChartData funnel{
        QStringLiteral("funnel"),
        tr("Funnel of the leads created in the period"),
        tr("%1 leads, %2 won").arg(f.funnel.reached[0]).arg(f.funnel.reached[4]) +
            (f.funnel.undatedLeads > 0
                 ? tr("; undated: %1 more, created at no known time").arg(f.funnel.undatedLeads)
                 : QString()),
        {},
        {},
        std::nullopt,
        {tr("Stage"), tr("Leads"), tr("To the next stage")},
        {},
        {},
        {}};
    ChartSeries reached{tr("Leads"), {}, false, false};
    for (int s = 0; s < FunnelFigures::StageCount; ++s) {
        funnel.categories << FunnelFigures::stageLabel(s);
        reached.values.push_back(double(f.funnel.reached[size_t(s)]));
        funnel.rows.append({FunnelFigures::stageLabel(s), count(f.funnel.reached[size_t(s)]),
                            s + 1 < FunnelFigures::StageCount
                                ? percent(f.funnel.conversion[size_t(s)])
                                : QString()});
    }
    funnel.series = {reached};
    funnel.valueAxis = tr("Leads");
    funnel.categoryAxis = tr("Stage reached");
    charts.push_back(funnel);

    ChartData speed{QStringLiteral("speed-to-lead"),
                    tr("Speed to lead for hand-raisers"),
                    tr("%1 hand-raisers: %2 reached within 5 min, %3 within 30 min, median %4 "
                       "(leads handed over as a batch by a model change are not counted)")
                        .arg(f.speed.handRaisers)
                        .arg(FigureFormat::share(f.speed.within5, f.speed.handRaisers),
                             FigureFormat::share(f.speed.within30, f.speed.handRaisers),
                             FigureFormat::duration(f.speed.medianMinutes)),
                    {},
                    {},
                    std::nullopt,
                    {tr("Time to first contact"), tr("Hand-raisers"), tr("Accepted"),
                     tr("Rejected"), tr("Accept rate")},
                    {},
                    {},
                    {}};
    ChartSeries raised{tr("Hand-raisers"), {}, false, false};
    ChartSeries acceptedShare{tr("Accept rate"), {}, true, true};
    for (int b = 0; b < SpeedToLeadFigures::BucketCount; ++b) {
        const ResponseBucket &bucket = f.speed.buckets[size_t(b)];
        speed.categories << SpeedToLeadFigures::bucketLabel(b);
        const qint64 decided = bucket.accepted + bucket.rejected;
        raised.values.push_back(double(bucket.handoffs));
        acceptedShare.values.push_back(plotted(bucket.acceptRate, decided));
        speed.rows.append({SpeedToLeadFigures::bucketLabel(b), count(bucket.handoffs),
                           count(bucket.accepted), count(bucket.rejected),
                           FigureFormat::share(bucket.acceptRate, decided)});
    }
    speed.series = {raised, acceptedShare};
    speed.valueAxis = tr("Hand-raisers");
    speed.categoryAxis = tr("Time to first contact");
    charts.push_back(speed);

    ChartData verdicts{QStringLiteral("verdicts"),
                       tr("Sales' verdicts and reject reasons"),
                       tr("%1 accepted (%2), %3 rejected (%4)")
                           .arg(f.verdicts.accepted)
                           .arg(percent(f.verdicts.acceptRate))
                           .arg(f.verdicts.rejected)
                           .arg(percent(f.verdicts.rejectRate)),
                       {},
                       {},
                       std::nullopt,
                       {tr("Reject reason"), tr("Rejections"), tr("Share")},
                       {},
                       {},
                       {}};
    ChartSeries rejections{tr("Rejections"), {}, false, false};
    for (const RejectReason &r : f.verdicts.reasons) {
        const QString reason = r.reason.isEmpty() ? tr("(no reason given)") : r.reason;
        verdicts.categories << reason;
        rejections.values.push_back(double(r.count));
        verdicts.rows.append({reason, count(r.count), percent(r.share)});
    }
    verdicts.series = {rejections};
    verdicts.valueAxis = tr("Rejections");
    verdicts.categoryAxis = tr("Reject reason");
    charts.push_back(verdicts);

    ChartData mix{QStringLiteral("source-mix"),
                  tr("Share of new pipeline marketing supplied"),
                  tr("Marketing %1 of %2 opportunities; agreed %3-%4")
                      .arg(percent(f.sourceMix.marketingShare))
                      .arg(f.sourceMix.marketing + f.sourceMix.sales)
                      .arg(percent(f.sourceMix.bandLow), percent(f.sourceMix.bandHigh)),
                  {},
                  {},
                  std::make_pair(f.sourceMix.bandLow, f.sourceMix.bandHigh),
                  {tr("Week"), tr("Marketing"), tr("Sales"), tr("Marketing share")},
                  {},
                  {},
                  {}};
    ChartSeries fromMarketing{tr("Marketing-sourced"), {}, false, false};
    ChartSeries fromSales{tr("Sales-sourced"), {}, false, false};
    ChartSeries share{tr("Marketing share"), {}, true, true};
    for (const SourceMixWeek &w : f.sourceMix.weeks) {
        const QString week = FigureFormat::week(w.weekStart, f.now);
        mix.categories << week;
        fromMarketing.values.push_back(double(w.marketing));
        fromSales.values.push_back(double(w.sales));
        share.values.push_back(plotted(w.marketingShare, w.marketing + w.sales));
        mix.rows.append({week, count(w.marketing), count(w.sales),
                         FigureFormat::share(w.marketingShare, w.marketing + w.sales)});
    }
    mix.series = {fromMarketing, fromSales, share};
    mix.valueAxis = tr("New opportunities");
    mix.categoryAxis = tr("ISO week");
    charts.push_back(mix);

    ChartData velocity{
        QStringLiteral("velocity"),
        tr("Velocity: median days between stages"),
        tr("MQL to SQL %1, SQL to won %2")
            .arg(days(f.velocity.mqlToSqlDays), days(f.velocity.sqlToWonDays)),
        {tr("MQL to SQL"), tr("SQL to won")},
        {{tr("Median days"), {f.velocity.mqlToSqlDays, f.velocity.sqlToWonDays}, false, false}},
        std::nullopt,
        {tr("Step"), tr("Median time"), tr("Leads")},
        {{tr("MQL to SQL"), days(f.velocity.mqlToSqlDays), count(f.velocity.mqlToSqlLeads)},
         {tr("SQL to won"), days(f.velocity.sqlToWonDays), count(f.velocity.sqlToWonLeads)}},
        {},
        {}};
    velocity.valueAxis = tr("Days");
    velocity.categoryAxis = tr("Step");
    charts.push_back(velocity);

    ChartData models{
        QStringLiteral("model-versions"),
        tr("Conversion by scoring-model version"),
        tr("%1 model versions raised handoffs in the period").arg(f.models.size()),
        {},
        {},
        std::nullopt,
        {tr("Model version"), tr("Handoffs"), tr("Accepted"), tr("Rejected"), tr("Accept rate")},
        {},
        {},
        {}};
    ChartSeries modelRate{tr("Accept rate"), {}, false, true};
    for (const ModelConversionRow &r : f.models) {
        // A version put live two hours ago has no verdicts yet: not a 0% accept rate.
        const qint64 decided = r.accepted + r.rejected;
        models.categories << r.name;
        modelRate.values.push_back(plotted(r.acceptRate, decided));
        models.rows.append({r.name, count(r.handoffs), count(r.accepted), count(r.rejected),
                            FigureFormat::share(r.acceptRate, decided)});
    }
    models.series = {modelRate};
    models.valueAxis = QString();
    models.categoryAxis = tr("Scoring-model version");
    charts.push_back(models);

    const QString sampled =
        f.lift.leads < f.lift.cohortLeads
            ? tr(" (a sample of %1 of %2 MQLs)").arg(f.lift.leads).arg(f.lift.cohortLeads)
            : QString();
    ChartData lift{QStringLiteral("lift"),
                   tr("What converting leads had in common"),
                   tr("Lift over the %1 base conversion%2").arg(percent(f.lift.baseRate), sampled),
                   {},
                   {},
                   std::nullopt,
                   {tr("Activity or content"), tr("Leads"), tr("Converted"), tr("Lift")},
                   {},
                   {},
                   {}};
    ChartSeries liftSeries{tr("Lift"), {}, false, false};
    // What they had in common: only what made conversion likelier (a lift above 1).
    const auto addLift = [&](std::vector<LiftRow> rows, const QString &kind) {
        std::erase_if(rows, [](const LiftRow &r) { return !(r.lift > 1.0); });
        for (const LiftRow &r : rows) {
            const QString name = kind.arg(r.name);
            lift.categories << name;
            liftSeries.values.push_back(r.lift);
            lift.rows.append({name, count(r.leads), count(r.converted),
                              QStringLiteral("%1x").arg(r.lift, 0, 'f', 2)});
        }
    };
    addLift(
        std::vector<LiftRow>(f.lift.activityTypes.begin(),
                             f.lift.activityTypes.begin() +
                                 std::min<ptrdiff_t>(5, ptrdiff_t(f.lift.activityTypes.size()))),
        QStringLiteral("%1"));
    addLift(std::vector<LiftRow>(f.lift.contents.begin(),
                                 f.lift.contents.begin() +
                                     std::min<ptrdiff_t>(5, ptrdiff_t(f.lift.contents.size()))),
            tr("Content: %1"));
    lift.series = {liftSeries};
    lift.valueAxis = tr("Lift (×)");
    lift.categoryAxis = tr("Activity or content");
    charts.push_back(lift);
    return charts;
}

} // namespace handoff
