#include "suggestionchanges.h"

#include <cmath>

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

QList<FitRule> rulesOn(const ScoringModel &model, const QString &field)
{
    QList<FitRule> rules;
    for (const FitRule &r : model.fitRules) {
        if (r.when.field == field)
            rules.append(r);
    }
    return rules;
}

// `a`'s rules that `b` does not have (each of b's matches one of a's at most).
QList<FitRule> missingFrom(const QList<FitRule> &a, QList<FitRule> b)
{
    QList<FitRule> missing;
    for (const FitRule &r : a) {
        const qsizetype at = b.indexOf(r);
        if (at >= 0)
            b.removeAt(at);
        else
            missing.append(r);
    }
    return missing;
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

void describeFit(const ScoringModel &before, const ScoringModel &after, const Suggestion &s,
                 QList<SuggestionChange> &changes)
{
    const QList<FitRule> was = rulesOn(before, s.when.field);
    const QList<FitRule> now = rulesOn(after, s.when.field);
    QList<FitRule> removed = missingFrom(was, now);
    QList<FitRule> added = missingFrom(now, was);
    const auto take = [](QList<FitRule> &rules, const Condition &when) -> std::optional<FitRule> {
        for (qsizetype i = 0; i < rules.size(); ++i) {
            if (rules[i].when == when)
                return rules.takeAt(i);
        }
        return std::nullopt;
    };
    const std::optional<FitRule> old = take(removed, s.when);
    const std::optional<FitRule> rule = take(added, s.when);
    const QString item = SuggestionChanges::tr("Fit: %1").arg(s.when.describe());
    if (rule && old)
        changes.append({SuggestionChange::Kind::RulePoints, item, pointsText(old->points),
                        pointsText(rule->points)});
    else if (rule)
        changes.append({SuggestionChange::Kind::NewRule, item, SuggestionChanges::tr("none"),
                        pointsText(rule->points)});
    else if (old)
        changes.append({SuggestionChange::Kind::RuleRemoved, item, pointsText(old->points),
                        SuggestionChanges::tr("none")});
    // Every other rule on the field that lost the value: what is left of it, if anything
    // (the pieces keep the rule's points).
    for (const FitRule &r : std::as_const(removed)) {
        QStringList rest;
        for (qsizetype i = 0; i < added.size();) {
            if (added[i].points == r.points) {
                rest << added.takeAt(i).when.describe();
                continue;
            }
            ++i;
        }
        changes.append({SuggestionChange::Kind::TakenOut,
                        SuggestionChanges::tr("%1: taken out of the rule \"%2\"")
                            .arg(s.label, r.when.describe()),
                        pointsText(r.points),
                        rest.isEmpty()
                            ? SuggestionChanges::tr("rule removed (nothing left in it)")
                            : SuggestionChanges::tr("%1 for %2")
                                  .arg(pointsText(r.points), rest.join(QStringLiteral("; ")))});
    }
}

} // namespace

QList<SuggestionChange> SuggestionChanges::describe(const ScoringModel &model,
                                                    const QList<Suggestion> &suggestions)
{
    QList<SuggestionChange> changes;
    ScoringModel current = model;
    for (const Suggestion &s : suggestions) {
        const ScoringModel next = Suggester::apply(current, s);
        if (s.kind == Suggestion::Kind::Activity)
            describeActivity(current, next, s, changes);
        else
            describeFit(current, next, s, changes);
        current = next;
    }
    return changes;
}
