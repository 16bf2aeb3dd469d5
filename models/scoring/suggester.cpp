#include "scoring/suggester.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

#include <QElapsedTimer>

#include "scoring/learninghistory.h"
#include "scoring/logisticregression.h"
#include "scoring/rocauc.h"
#include "store/error.h"

namespace handoff {

namespace {

// One column of the design matrix: an activity type's (capped) count, or a field value
// group's 0/1 indicator.
struct Feature
{
    Suggestion::Kind kind;
    int index; // activity column, or field
    int group; // Fit: the value group within the field
};

// Which training rows are held out: a seeded draw per row, from the engine's raw output so
// the same seed splits the same way on every platform.
std::vector<bool> holdoutRows(int rows, double fraction, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::vector<bool> held(size_t(rows), false);
    for (int i = 0; i < rows; ++i)
        held[size_t(i)] = double(rng() >> 11) * 0x1.0p-53 < fraction;
    return held;
}

void readRow(const TrainingSet &set, const std::vector<Feature> &features, int row, double *x)
{
    for (size_t j = 0; j < features.size(); ++j) {
        const Feature &f = features[j];
        if (f.kind == Suggestion::Kind::Activity) {
            const TrainingSet::ActivityColumn &a = set.activities()[size_t(f.index)];
            x[j] = std::min<int>(a.counts[size_t(row)], a.cap);
        } else {
            x[j] = set.fields()[size_t(f.index)].groupOf[size_t(row)] == f.group ? 1.0 : 0.0;
        }
    }
}

// The points the model gives now to leads with this value: the rules on the field that match
// a representative value (a band's lower end). None when no rule on the field matches.
std::optional<double> currentFitPoints(const ScoringModel &model, const Condition &when)
{
    const QString value = when.op == Condition::Operator::Range
                              ? QString::number(when.min.value_or(when.max.value_or(0)))
                              : when.values.value(0);
    std::optional<double> points;
    for (const FitRule &rule : model.fitRules) {
        if (rule.when.field == when.field && rule.when.matches(value))
            points = points.value_or(0) + rule.points;
    }
    return points;
}

const TrainingSet::ValueGroup &groupOf(const TrainingSet &set, const Feature &f)
{
    return set.fields()[size_t(f.index)].groups[size_t(f.group)];
}

// For each feature, the earlier fit feature (of another field) that picks out nearly the same
// leads (Jaccard at least SameLeadsJaccard), or -1. Only sets of similar size are compared.
std::vector<int> sameLeadsAs(const TrainingSet &set, const std::vector<Feature> &features)
{
    std::vector<std::vector<int>> rows(features.size());
    std::vector<std::vector<int>> featureOf(set.fields().size());
    for (size_t j = 0; j < features.size(); ++j) {
        const Feature &f = features[j];
        if (f.kind != Suggestion::Kind::Fit)
            continue;
        auto &featureAt = featureOf[size_t(f.index)];
        featureAt.resize(set.fields()[size_t(f.index)].groups.size(), -1);
        featureAt[size_t(f.group)] = int(j);
    }
    for (int i = 0; i < set.size(); ++i) {
        for (size_t field = 0; field < featureOf.size(); ++field) {
            if (featureOf[field].empty())
                continue;
            const int j = featureOf[field][set.fields()[field].groupOf[size_t(i)]];
            if (j >= 0)
                rows[size_t(j)].push_back(i);
        }
    }
    std::vector<int> sameAs(features.size(), -1);
    for (size_t b = 0; b < features.size(); ++b) {
        for (size_t a = 0; a < b && sameAs[b] < 0; ++a) {
            if (rows[a].empty() || rows[b].empty() || sameAs[a] >= 0 ||
                features[a].index == features[b].index)
                continue;
            const double fewer = double(std::min(rows[a].size(), rows[b].size()));
            const double more = double(std::max(rows[a].size(), rows[b].size()));
            if (fewer < Suggester::SameLeadsJaccard * more)
                continue;
            std::vector<int> common;
            std::set_intersection(rows[a].cbegin(), rows[a].cend(), rows[b].cbegin(),
                                  rows[b].cend(), std::back_inserter(common));
            const double jaccard = double(common.size()) / (more + fewer - double(common.size()));
            if (jaccard >= Suggester::SameLeadsJaccard)
                sameAs[b] = int(a);
        }
    }
    return sameAs;
}

// The chance that a field's values would differ in conversion as much as they do if they
// made no difference: a chi-square test of the groups against the outcome, its tail from the
// Wilson-Hilferty normal approximation (close enough to tell evidence from none).
double independenceP(const TrainingSet::Field &field)
{
    double leads = 0;
    double converted = 0;
    for (const TrainingSet::ValueGroup &g : field.groups) {
        leads += g.leads;
        converted += g.converted;
    }
    if (leads <= 0 || converted <= 0 || converted >= leads)
        return 1.0;
    const double rate = converted / leads;
    double chi2 = 0;
    int groups = 0;
    for (const TrainingSet::ValueGroup &g : field.groups) {
        if (g.leads == 0)
            continue;
        ++groups;
        const double expected = g.leads * rate;
        const double yes = g.converted - expected;
        const double no = (g.leads - g.converted) - (g.leads - expected);
        chi2 += yes * yes / expected + no * no / (g.leads - expected);
    }
    const double k = groups - 1;
    if (k < 1)
        return 1.0;
    const double z = (std::cbrt(chi2 / k) - (1.0 - 2.0 / (9.0 * k))) / std::sqrt(2.0 / (9.0 * k));
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

QString percent(double rate)
{
    return QString::number(rate * 100.0, 'f', 1);
}

// The suggestion's note: the values it stands for, and why points go against its evidence.
void explain(Suggestion &s)
{
    QStringList parts;
    if (!s.sameLeads.isEmpty())
        parts.append(Suggester::tr("also stands for %1, which picks out the same leads")
                         .arg(s.sameLeads.join(Suggester::tr(" and "))));
    const double with = s.evidence.rateWith();
    const double without = s.evidence.rateWithout();
    if (s.points > 0 && with < without) {
        s.correction = true;
        parts.append(Suggester::tr("a correction given the other rules: these leads converted "
                                   "less (%1% against %2%), but more than their other points "
                                   "predict")
                         .arg(percent(with), percent(without)));
    } else if (s.points < 0 && with > without) {
        s.correction = true;
        parts.append(Suggester::tr("a correction given the other rules: these leads converted "
                                   "more (%1% against %2%), but less than their other points "
                                   "predict")
                         .arg(percent(with), percent(without)));
    }
    s.note = parts.join(QStringLiteral("; "));
}

} // namespace

SuggestionResult Suggester::run(const TrainingSet &set, const ScoringModel &current,
                                const Options &options)
{
    QElapsedTimer timer;
    timer.start();
    SuggestionResult result;
    const int n = set.size();
    result.knownLeads = n;
    result.convertedLeads = set.convertedCount();
    result.undatedLeads = set.undatedCount();
    result.undatedActivities = set.undatedActivities();
    const int notConverted = n - set.convertedCount();
    if (n < options.minKnownLeads || set.convertedCount() < options.minPerOutcome ||
        notConverted < options.minPerOutcome)
        throw Error(tr("Only %1 leads have a known outcome (%2 converted, %3 did not); "
                       "suggesting points needs at least %4, with at least %5 converted "
                       "and %5 not")
                        .arg(n)
                        .arg(set.convertedCount())
                        .arg(notConverted)
                        .arg(options.minKnownLeads)
                        .arg(options.minPerOutcome));

    for (const QString &wanted : options.includeFields) {
        const bool known =
            std::any_of(set.fields().cbegin(), set.fields().cend(), [&](const auto &field) {
                return SuggesterLeaks::names(wanted, field.name, field.label);
            });
        if (!known) {
            QStringList names;
            for (const TrainingSet::Field &field : set.fields())
                names.append(field.label);
            throw Error(tr("There is no lead field \"%1\" to include (the fields are: %2)")
                            .arg(wanted, names.join(QStringLiteral(", "))));
        }
    }
    result.flagged = SuggesterLeaks::find(set, options.includeFields);
    result.leftOut = QList<TrainingSet::LeftOutField>(set.leftOut().cbegin(), set.leftOut().cend());
    result.supportNeeded = set.supportNeeded();
    result.supportShare = double(set.supportNeeded()) / n;
    std::vector<Feature> features;
    for (int t = 0; t < int(set.activities().size()); ++t) {
        if (set.activities()[size_t(t)].leadsWith >= set.supportNeeded())
            features.push_back({Suggestion::Kind::Activity, t, 0});
    }
    for (int f = 0; f < int(set.fields().size()); ++f) {
        const TrainingSet::Field &field = set.fields()[size_t(f)];
        const bool left = std::any_of(
            result.flagged.cbegin(), result.flagged.cend(),
            [&](const FlaggedField &flag) { return flag.field == field.name && !flag.kept; });
        if (left || field.groups.size() < 2)
            continue;
        // A field whose values all convert alike would only lend noise points.
        if (const double p = independenceP(field); p >= options.noEvidenceP) {
            result.leftOut.append(
                {field.name, field.label,
                 tr("its values convert alike (a chi-square test gives p = %1; below %2 would "
                    "be evidence)")
                     .arg(p, 0, 'f', 2)
                     .arg(options.noEvidenceP)});
            continue;
        }
        for (int g = 1; g < int(field.groups.size()); ++g)
            features.push_back({Suggestion::Kind::Fit, f, g});
        if (field.groups.size() > 1)
            result.baselines.append({field.name, field.label, field.groups[0].label,
                                     field.groups[0].leads, field.groups[0].converted});
    }
    // Values of different fields that pick out the same leads would split one effect into
    // two opposite, meaningless points: the later one goes, named on the first.
    const std::vector<int> sameAs = sameLeadsAs(set, features);
    std::vector<Feature> kept;
    std::vector<QStringList> alsoNamed;
    std::vector<int> keptIndex(features.size(), -1);
    for (size_t j = 0; j < features.size(); ++j) {
        if (sameAs[j] >= 0) {
            alsoNamed[size_t(keptIndex[size_t(sameAs[j])])].append(
                groupOf(set, features[j]).when.describe());
            continue;
        }
        keptIndex[j] = int(kept.size());
        kept.push_back(features[j]);
        alsoNamed.emplace_back();
    }
    features = std::move(kept);

    const std::vector<bool> held =
        holdoutRows(n, std::clamp(options.holdoutFraction, 0.0, 1.0), options.seed);
    std::vector<int> train;
    std::vector<int> holdout;
    for (int i = 0; i < n; ++i)
        (held[size_t(i)] ? holdout : train).push_back(i);
    result.trainLeads = int(train.size());
    result.holdoutLeads = int(holdout.size());

    std::vector<quint8> trainLabels;
    for (int i : train)
        trainLabels.push_back(set.labels()[size_t(i)]);
    const int cols = int(features.size());
    LogisticRegression regression;
    LogisticRegression::Options fitOptions;
    fitOptions.l2 = options.l2;
    fitOptions.priorPrecision = options.priorPrecision;
    result.converged = regression.fit(
        int(train.size()), cols,
        [&](int row, double *x) { readRow(set, features, train[size_t(row)], x); }, trainLabels,
        fitOptions);

    // Log-odds for every lead; the share held out tells how well the fit ranks new leads.
    std::vector<double> x(size_t(std::max(cols, 1)));
    std::vector<double> logits(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        readRow(set, features, i, x.data());
        logits[size_t(i)] = regression.logit(x.data());
    }
    const auto aucOf = [&](const std::vector<double> &score, const std::vector<int> &rows) {
        std::vector<double> scores;
        std::vector<quint8> labels;
        for (int i : rows) {
            scores.push_back(score[size_t(i)]);
            labels.push_back(set.labels()[size_t(i)]);
        }
        return metrics::rocAuc(scores, labels).value_or(0.5);
    };
    result.fitHoldoutAuc =
        holdout.empty() ? std::nullopt : std::optional<double>(aucOf(logits, holdout));

    // The scale: the share of history that qualified should cross the current threshold.
    const double qualifiedShare = double(set.qualifiedCount()) / n;
    std::vector<double> aboveBaseline;
    for (int i : train)
        aboveBaseline.push_back(logits[size_t(i)] - regression.intercept());
    double cut = 0;
    if (!aboveBaseline.empty() && qualifiedShare > 0 && qualifiedShare < 1) {
        const auto at = aboveBaseline.begin() +
                        qsizetype(double(aboveBaseline.size() - 1) * (1.0 - qualifiedShare));
        std::nth_element(aboveBaseline.begin(), at, aboveBaseline.end());
        cut = *at;
    }
    if (cut > 1e-6 && current.mqlThreshold > 0) {
        result.pointsPerLogOdds =
            current.mqlThreshold / std::clamp(cut, MinThresholdLogOdds, MaxThresholdLogOdds);
        result.scaleBasis = tr("%1% of these leads became MQL or converted; at this scale the "
                               "same share scores %2 points (the MQL threshold) or more")
                                .arg(qualifiedShare * 100.0, 0, 'f', 1)
                                .arg(current.mqlThreshold);
    } else {
        result.pointsPerLogOdds = FallbackPointsToDouble / std::log(2.0);
        result.scaleBasis = tr("the history cannot place the MQL threshold, so %1 points "
                               "double the odds")
                                .arg(FallbackPointsToDouble);
    }
    result.pointsToDoubleOdds = result.pointsPerLogOdds * std::log(2.0);
    result.maxPoints = int(std::lround(MaxLogOdds * result.pointsPerLogOdds));
    if (current.mqlThreshold > 0)
        result.maxPoints = std::min(result.maxPoints, int(std::ceil(current.mqlThreshold)));
    const auto bounded = [&](double points) {
        return int(std::clamp<long>(std::lround(points), -result.maxPoints, result.maxPoints));
    };

    for (size_t j = 0; j < features.size(); ++j) {
        const Feature &f = features[j];
        Suggestion s;
        s.kind = f.kind;
        s.coefficient = regression.coefficients()[j];
        s.points = bounded(s.coefficient * result.pointsPerLogOdds);
        if (f.kind == Suggestion::Kind::Activity) {
            const TrainingSet::ActivityColumn &a = set.activities()[size_t(f.index)];
            s.activityType = a.code;
            s.label = a.label;
            if (s.points != 0)
                s.cap = std::min(std::abs(s.points) * double(a.cap), double(result.maxPoints));
            if (const ActivityWeight *w = current.weightFor(a.code))
                s.currentPoints = w->points;
            s.evidence = {a.leadsWith, a.convertedWith, n - a.leadsWith,
                          set.convertedCount() - a.convertedWith};
        } else {
            const TrainingSet::Field &field = set.fields()[size_t(f.index)];
            const TrainingSet::ValueGroup &g = field.groups[size_t(f.group)];
            s.when = g.when;
            s.label = g.when.describe();
            s.currentPoints = currentFitPoints(current, g.when);
            s.evidence = {g.leads, g.converted, field.groups[0].leads, field.groups[0].converted};
            s.sameLeads = alsoNamed[j];
        }
        explain(s);
        result.suggestions.append(s);
    }

    // What people get: every lead scored with the whole-number points (and caps) suggested.
    std::vector<double> points(static_cast<size_t>(n), 0.0);
    for (int i = 0; i < n; ++i) {
        readRow(set, features, i, x.data());
        for (size_t j = 0; j < features.size(); ++j) {
            const Suggestion &s = result.suggestions[qsizetype(j)];
            const double add = s.points * x[j];
            points[size_t(i)] += s.cap ? std::clamp(add, -*s.cap, *s.cap) : add;
        }
    }
    result.trainAuc = aucOf(points, train);
    if (!holdout.empty())
        result.holdoutAuc = aucOf(points, holdout);
    result.fitMs = timer.elapsed();
    return result;
}

SuggestionResult Suggester::fromDatabase(Database &db, const Options &options,
                                         const Progress &progress)
{
    const LearningHistory history = LearningHistory::read(db, options.training, progress);
    SuggestionResult result = run(history.set, history.live, options);
    result.readMs = history.readMs;
    return result;
}

} // namespace handoff
