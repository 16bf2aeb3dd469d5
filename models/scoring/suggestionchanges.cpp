#include "scoring/suggestionchanges.h"

#include <cmath>

#include "scoring/leadfields.h"

namespace handoff {

namespace {

QString pointsText(double points)
{
    const QString number = points > 0 ? QStringLiteral("+%1").arg(points) : QString::number(points);
    return std::abs(points) == 1 ? SuggestionChanges::tr("%1 point").arg(number)
                                 : SuggestionChanges::tr("%1 points").arg(number);
}

QString weightText(const ActivityWeight &w)
{
    QString text = pointsText(w.points);
    if (w.cap)
        text += SuggestionChanges::tr(", cap %1").arg(*w.cap);
    if (!w.decays)
        text += SuggestionChanges::tr(", does not fade");
    return text;
}

void describeActivity(const ScoringModel &before, const ScoringModel &after, const Suggestion &s,
                      QList<SuggestionChange> &changes)
{
    const ActivityWeight *was = before.weightFor(s.activityType);
    const ActivityWeight *now = after.weightFor(s.activityType);
    if (!now || (was && *was == *now))
        return;
    changes.append(
        {was ? SuggestionChange::Kind::ActivityPoints : SuggestionChange::Kind::NewActivity,
         s.label, was ? weightText(*was) : SuggestionChanges::tr("none"), weightText(*now)});
}

} // namespace

QList<SuggestionChange> SuggestionChanges::describe(const ScoringModel &model,
                                                    const QList<Suggestion> &suggestions)
{
    QList<SuggestionChange> changes;
    ScoringModel current = model;
    QStringList covered;
    for (const Suggestion &s : suggestions) {
        if (s.kind == Suggestion::Kind::Activity) {
            const ScoringModel next = Suggester::apply(current, s);
            describeActivity(current, next, s, changes);
            current = next;
        } else if (!covered.contains(s.when.field)) {
            covered.append(s.when.field);
        }
    }
    // The model's rules on the fields the suggestions cover, each matched at most once by a
    // suggestion for the same condition; what no suggestion matches is replaced.
    QList<FitRule> old;
    for (const FitRule &r : model.fitRules) {
        if (covered.contains(r.when.field))
            old.append(r);
    }
    for (const Suggestion &s : suggestions) {
        if (s.kind != Suggestion::Kind::Fit)
            continue;
        std::optional<FitRule> was;
        for (qsizetype i = 0; i < old.size() && !was; ++i) {
            if (old[i].when == s.when)
                was = old.takeAt(i);
        }
        const QString item = tr("Fit: %1").arg(s.when.describe());
        if (s.points == 0) {
            if (was)
                changes.append({SuggestionChange::Kind::RuleRemoved, item, pointsText(was->points),
                                tr("none")});
        } else if (!was) {
            changes.append(
                {SuggestionChange::Kind::NewRule, item, tr("none"), pointsText(s.points)});
        } else if (was->points != s.points) {
            changes.append({SuggestionChange::Kind::RulePoints, item, pointsText(was->points),
                            pointsText(s.points)});
        }
    }
    for (const FitRule &r : std::as_const(old))
        changes.append({SuggestionChange::Kind::Replaced, tr("Fit: %1").arg(r.when.describe()),
                        pointsText(r.points),
                        tr("none: the suggestions for %1 replace it (values they do not list "
                           "are its baseline)")
                            .arg(leadfields::label(r.when.field))});
    return changes;
}

} // namespace handoff
