#include "suggester.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <QElapsedTimer>

#include "activitycatalogue.h"
#include "activityrepository.h"
#include "database.h"
#include "leadoutcomes.h"
#include "leadrepository.h"
#include "leadtable.h"
#include "logisticregression.h"
#include "modelversions.h"
#include "rocauc.h"
#include "storeerror.h"

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
    const int notConverted = n - set.convertedCount();
    if (n < options.minKnownLeads || set.convertedCount() < options.minPerOutcome ||
        notConverted < options.minPerOutcome)
        throw StoreError(tr("Only %1 leads have a known outcome (%2 converted, %3 did not); "
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
            throw StoreError(tr("There is no lead field \"%1\" to include (the fields are: %2)")
                                 .arg(wanted, names.join(QStringLiteral(", "))));
        }
    }
    result.flagged = SuggesterLeaks::find(set, options.includeFields);
    std::vector<Feature> features;
    for (int t = 0; t < int(set.activities().size()); ++t) {
        if (set.activities()[size_t(t)].leadsWith >= options.training.minSupport)
            features.push_back({Suggestion::Kind::Activity, t, 0});
    }
    for (int f = 0; f < int(set.fields().size()); ++f) {
        const TrainingSet::Field &field = set.fields()[size_t(f)];
        const bool left = std::any_of(
            result.flagged.cbegin(), result.flagged.cend(),
            [&](const FlaggedField &flag) { return flag.field == field.name && !flag.kept; });
        if (left)
            continue;
        for (int g = 1; g < int(field.groups.size()); ++g)
            features.push_back({Suggestion::Kind::Fit, f, g});
        if (field.groups.size() > 1)
            result.baselines.append({field.name, field.label, field.groups[0].label,
                                     field.groups[0].leads, field.groups[0].converted});
    }

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
    const auto aucOf = [&](const std::vector<int> &rows) {
        std::vector<double> scores;
        std::vector<quint8> labels;
        for (int i : rows) {
            scores.push_back(logits[size_t(i)]);
            labels.push_back(set.labels()[size_t(i)]);
        }
        return metrics::rocAuc(scores, labels).value_or(0.5);
    };
    result.trainAuc = aucOf(train);
    if (!holdout.empty())
        result.holdoutAuc = aucOf(holdout);

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
        result.pointsPerLogOdds = current.mqlThreshold / cut;
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

    for (size_t j = 0; j < features.size(); ++j) {
        const Feature &f = features[j];
        Suggestion s;
        s.kind = f.kind;
        s.coefficient = regression.coefficients()[j];
        s.points = int(std::lround(s.coefficient * result.pointsPerLogOdds));
        if (f.kind == Suggestion::Kind::Activity) {
            const TrainingSet::ActivityColumn &a = set.activities()[size_t(f.index)];
            s.activityType = a.code;
            s.label = a.label;
            if (s.points != 0)
                s.cap = std::abs(s.points) * double(a.cap);
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
            s.evidence = {g.leads, g.converted, n - g.leads, set.convertedCount() - g.converted};
        }
        result.suggestions.append(s);
    }
    result.fitMs = timer.elapsed();
    return result;
}

SuggestionResult Suggester::fromDatabase(Database &db, const Options &options,
                                         const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    const ScoringModel current = ModelVersions(db, Profile{}).liveDefinition();
    const LeadRepository leadStore(db.connection());
    const ActivityRepository activityStore(db.connection());
    const qint64 total = leadStore.count() + activityStore.maxId();
    qint64 done = 0;
    // Called for every row read; reports every 16k rows.
    const auto tick = [&] {
        if ((++done & 0x3FFF) == 0 && progress && !progress(done, total))
            throw StoreError(tr("Reading %1 was cancelled").arg(db.filePath()));
    };
    LeadTable leads;
    leads.reserve(int(leadStore.count()));
    leadStore.scan([&](const Lead &lead) {
        leads.append(lead);
        tick();
    });
    leadStore.scanCustomFields([&](qint64 leadId, const QString &name, const QString &value) {
        if (const auto row = leads.rowOf(leadId))
            leads.setCustom(*row, name, value);
    });
    const ActivityCatalogue catalogue(activityStore.types());
    const LeadOutcomes outcomes = LeadOutcomes::read(db, leads);
    const TrainingSet set = TrainingSet::build(
        leads, outcomes, catalogue,
        [&](const TrainingSet::ActivityVisitor &visit) {
            activityStore.scan([&](qint64 leadId, int typeId, qint64 at) {
                tick();
                visit(leadId, typeId, at);
            });
        },
        options.training);
    const qint64 readMs = timer.elapsed();
    SuggestionResult result = run(set, current, options);
    result.readMs = readMs;
    return result;
}
