#include "chartdata.h"

#include "isoweek.h"

QString DashboardCharts::percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}

namespace {
QString count(qint64 n)
{
    return QString::number(n);
}
QString days(double d)
{
    return QString::number(d, 'f', 1);
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
                          .arg(percent(f.cohorts.rate)),
                      {},
                      {},
                      std::nullopt,
                      {tr("Week"), tr("MQLs"), tr("Became SQL"), tr("Conversion")},
                      {}};
    ChartSeries mqls{tr("MQLs"), {}, false, false};
    ChartSeries rate{tr("Conversion"), {}, true, true};
    for (const CohortWeek &w : f.cohorts.weeks) {
        cohorts.categories << isoweek::label(w.weekStart);
        mqls.values.push_back(double(w.mqls));
        rate.values.push_back(w.rate);
        cohorts.rows.append(
            {isoweek::label(w.weekStart), count(w.mqls), count(w.converted), percent(w.rate)});
    }
    cohorts.series = {mqls, rate};
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
    charts.push_back(funnel);

    ChartData speed{QStringLiteral("speed-to-lead"),
                    tr("Speed to lead for hand-raisers"),
                    tr("%1 hand-raisers: %2 reached within 5 min, %3 within 30 min, median %4 "
                       "min (leads handed over as a batch by a model change are not counted)")
                        .arg(f.speed.handRaisers)
                        .arg(percent(f.speed.within5), percent(f.speed.within30))
                        .arg(f.speed.medianMinutes, 0, 'f', 1),
                    {},
                    {},
                    std::nullopt,
                    {tr("Time to first contact"), tr("Hand-raisers"), tr("Accepted"),
                     tr("Rejected"), tr("Accept rate")},
                    {}};
    ChartSeries raised{tr("Hand-raisers"), {}, false, false};
    ChartSeries acceptedShare{tr("Accept rate"), {}, true, true};
    for (int b = 0; b < SpeedToLeadFigures::BucketCount; ++b) {
        const ResponseBucket &bucket = f.speed.buckets[size_t(b)];
        speed.categories << SpeedToLeadFigures::bucketLabel(b);
        raised.values.push_back(double(bucket.handoffs));
        acceptedShare.values.push_back(bucket.acceptRate);
        speed.rows.append({SpeedToLeadFigures::bucketLabel(b), count(bucket.handoffs),
                           count(bucket.accepted), count(bucket.rejected),
                           percent(bucket.acceptRate)});
    }
    speed.series = {raised, acceptedShare};
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
                       {}};
    ChartSeries rejections{tr("Rejections"), {}, false, false};
    for (const RejectReason &r : f.verdicts.reasons) {
        const QString reason = r.reason.isEmpty() ? tr("(no reason given)") : r.reason;
        verdicts.categories << reason;
        rejections.values.push_back(double(r.count));
        verdicts.rows.append({reason, count(r.count), percent(r.share)});
    }
    verdicts.series = {rejections};
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
                  {}};
    ChartSeries fromMarketing{tr("Marketing-sourced"), {}, false, false};
    ChartSeries fromSales{tr("Sales-sourced"), {}, false, false};
    ChartSeries share{tr("Marketing share"), {}, true, true};
    for (const SourceMixWeek &w : f.sourceMix.weeks) {
        mix.categories << isoweek::label(w.weekStart);
        fromMarketing.values.push_back(double(w.marketing));
        fromSales.values.push_back(double(w.sales));
        share.values.push_back(w.marketingShare);
        mix.rows.append({isoweek::label(w.weekStart), count(w.marketing), count(w.sales),
                         percent(w.marketingShare)});
    }
    mix.series = {fromMarketing, fromSales, share};
    charts.push_back(mix);

    ChartData velocity{
        QStringLiteral("velocity"),
        tr("Velocity: median days between stages"),
        tr("MQL to SQL %1 days, SQL to won %2 days")
            .arg(days(f.velocity.mqlToSqlDays), days(f.velocity.sqlToWonDays)),
        {tr("MQL to SQL"), tr("SQL to won")},
        {{tr("Median days"), {f.velocity.mqlToSqlDays, f.velocity.sqlToWonDays}, false, false}},
        std::nullopt,
        {tr("Step"), tr("Median days"), tr("Leads")},
        {{tr("MQL to SQL"), days(f.velocity.mqlToSqlDays), count(f.velocity.mqlToSqlLeads)},
         {tr("SQL to won"), days(f.velocity.sqlToWonDays), count(f.velocity.sqlToWonLeads)}}};
    charts.push_back(velocity);

    ChartData models{
        QStringLiteral("model-versions"),
        tr("Conversion by scoring-model version"),
        tr("%1 model versions raised handoffs in the period").arg(f.models.size()),
        {},
        {},
        std::nullopt,
        {tr("Model version"), tr("Handoffs"), tr("Accepted"), tr("Rejected"), tr("Accept rate")},
        {}};
    ChartSeries modelRate{tr("Accept rate"), {}, false, true};
    for (const ModelConversionRow &r : f.models) {
        models.categories << r.name;
        modelRate.values.push_back(r.acceptRate);
        models.rows.append({r.name, count(r.handoffs), count(r.accepted), count(r.rejected),
                            percent(r.acceptRate)});
    }
    models.series = {modelRate};
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
                   {}};
    ChartSeries liftSeries{tr("Lift"), {}, false, false};
    const auto addLift = [&](const std::vector<LiftRow> &rows, const QString &kind) {
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
    charts.push_back(lift);
    return charts;
}
