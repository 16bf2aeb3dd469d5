#include "analytics/conversionlift.h"

#include <algorithm>

#include <QHash>
#include <QSet>

#include "analytics/analyticsmath.h"

namespace handoff {

std::vector<int> ConversionLift::cohort(const AnalyticsDataset &data, const AnalyticsPeriod &period,
                                        const AnalyticsFilter &filter, int cap, qint64 *total)
{
    const LeadMatcher matcher(data, filter);
    std::vector<int> all;
    for (size_t i = 0; i < data.leads.size(); ++i) {
        const LeadJourney &lead = data.leads[i];
        if (lead.mqlAt && period.contains(lead.mqlAt) && matcher.matches(lead))
            all.push_back(int(i));
    }
    if (total)
        *total = qint64(all.size());
    if (cap <= 0 || all.size() <= size_t(cap))
        return all;
    const size_t step = (all.size() + size_t(cap) - 1) / size_t(cap);
    std::vector<int> sample;
    for (size_t i = 0; i < all.size(); i += step)
        sample.push_back(all[i]);
    return sample;
}

std::vector<LiftSubject> ConversionLift::subjects(const AnalyticsDataset &data,
                                                  const std::vector<int> &cohort,
                                                  const std::vector<ActivityTouch> &touches)
{
    std::vector<LiftSubject> result(cohort.size());
    QHash<qint64, size_t> position;
    for (size_t i = 0; i < cohort.size(); ++i) {
        const LeadJourney &lead = data.leads[size_t(cohort[i])];
        result[i].converted = lead.sqlAt >= lead.mqlAt && lead.sqlAt != 0;
        position.insert(lead.id, i);
    }
    for (const ActivityTouch &touch : touches) {
        const auto it = position.constFind(touch.leadId);
        if (it == position.constEnd())
            continue;
        const LeadJourney &lead = data.leads[size_t(cohort[*it])];
        LiftSubject &subject = result[*it];
        if (subject.converted && touch.occurredAt >= lead.sqlAt)
            continue; // after the conversion: a consequence, not a sign
        if (!subject.activityTypes.contains(touch.type))
            subject.activityTypes.append(touch.type);
        if (!touch.asset.isEmpty() && !subject.contents.contains(touch.asset))
            subject.contents.append(touch.asset);
    }
    return result;
}

int ConversionLift::defaultSupport(qint64 leads)
{
    return int(std::max<qint64>(5, leads / 100));
}

namespace {

std::vector<LiftRow> rank(const QHash<QString, LiftRow> &rows, double baseRate, int minSupport)
{
    std::vector<LiftRow> result;
    for (LiftRow row : rows) {
        if (row.leads < minSupport)
            continue;
        row.rate = analyticsmath::share(row.converted, row.leads);
        row.lift = baseRate > 0 ? row.rate / baseRate : 0.0;
        result.push_back(row);
    }
    std::sort(result.begin(), result.end(), [](const LiftRow &a, const LiftRow &b) {
        if (a.lift != b.lift)
            return a.lift > b.lift;
        return a.leads != b.leads ? a.leads > b.leads : a.name < b.name;
    });
    if (result.size() > size_t(ConversionLift::RowsShown))
        result.resize(size_t(ConversionLift::RowsShown));
    return result;
}

} // namespace

LiftFigures ConversionLift::compute(const std::vector<LiftSubject> &subjects, int minSupport)
{
    LiftFigures figures;
    QHash<QString, LiftRow> types;
    QHash<QString, LiftRow> contents;
    const auto count = [](QHash<QString, LiftRow> &rows, const QStringList &names, bool converted) {
        for (const QString &name : names) {
            LiftRow &row = rows[name];
            row.name = name;
            ++row.leads;
            row.converted += converted;
        }
    };
    for (const LiftSubject &s : subjects) {
        ++figures.leads;
        figures.converted += s.converted;
        count(types, s.activityTypes, s.converted);
        count(contents, s.contents, s.converted);
    }
    figures.cohortLeads = figures.leads;
    figures.baseRate = analyticsmath::share(figures.converted, figures.leads);
    figures.activityTypes = rank(types, figures.baseRate, minSupport);
    figures.contents = rank(contents, figures.baseRate, minSupport);
    return figures;
}

} // namespace handoff
