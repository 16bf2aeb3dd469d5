// Suggester::apply: a suggestion written into a draft model (its own file: the rule surgery
// has nothing to do with the fit).

#include "scoring/suggester.h"

namespace handoff {

namespace {

// `rule`'s range with `band` cut out: none, one or two pieces. Company sizes are whole
// numbers, so the pieces end one below and start one above the band.
QList<FitRule> withoutBand(const FitRule &rule, const Condition &band)
{
    const auto below = [](std::optional<double> a, std::optional<double> b) {
        return b && (!a || *a < *b);
    };
    QList<FitRule> pieces;
    const Condition &r = rule.when;
    const bool overlaps = (!r.max || !band.min || *r.max >= *band.min) &&
                          (!r.min || !band.max || *r.min <= *band.max);
    if (!overlaps)
        return {rule};
    if (below(r.min, band.min)) {
        FitRule left = rule;
        left.when.max = *band.min - 1;
        if (!left.when.min || *left.when.min <= *left.when.max)
            pieces.append(left);
    }
    if (band.max && (!r.max || *r.max > *band.max)) {
        FitRule right = rule;
        right.when.min = *band.max + 1;
        if (!right.when.max || *right.when.min <= *right.when.max)
            pieces.append(right);
    }
    return pieces;
}

} // namespace

ScoringModel Suggester::apply(const ScoringModel &model, const Suggestion &suggestion)
{
    ScoringModel out = model;
    if (suggestion.kind == Suggestion::Kind::Activity) {
        for (ActivityWeight &w : out.activities) {
            if (w.type == suggestion.activityType) {
                w.points = suggestion.points;
                w.cap = suggestion.cap;
                return out;
            }
        }
        out.activities.append(
            {suggestion.activityType, double(suggestion.points), suggestion.cap, true});
        return out;
    }

    const Condition &when = suggestion.when;
    QList<FitRule> rules;
    for (const FitRule &rule : std::as_const(out.fitRules)) {
        if (rule.when.field != when.field) {
            rules.append(rule);
            continue;
        }
        if (when.op == Condition::Operator::Range) {
            if (rule.when.op == Condition::Operator::Range)
                rules.append(withoutBand(rule, when));
            else
                rules.append(rule);
            continue;
        }
        // Equals / one of: take the value out so its leads are not counted twice. A
        // "contains" rule cannot be split and stays as it is.
        if (rule.when.op == Condition::Operator::Contains) {
            rules.append(rule);
            continue;
        }
        FitRule kept = rule;
        kept.when.values.removeIf([&](const QString &v) {
            return v.compare(when.values.value(0), Qt::CaseInsensitive) == 0;
        });
        if (!kept.when.values.isEmpty())
            rules.append(kept);
    }
    if (suggestion.points != 0)
        rules.append({when, double(suggestion.points)});
    out.fitRules = rules;
    return out;
}

ScoringModel Suggester::applyEach(const ScoringModel &model, const QList<Suggestion> &suggestions)
{
    ScoringModel out = model;
    for (const Suggestion &s : suggestions)
        out = apply(out, s);
    return out;
}

ScoringModel Suggester::applyAll(const ScoringModel &model, const QList<Suggestion> &suggestions)
{
    ScoringModel out = model;
    QStringList covered;
    for (const Suggestion &s : suggestions) {
        if (s.kind == Suggestion::Kind::Fit)
            covered.append(s.when.field);
    }
    out.fitRules.removeIf([&](const FitRule &rule) { return covered.contains(rule.when.field); });
    return applyEach(out, suggestions);
}

} // namespace handoff
