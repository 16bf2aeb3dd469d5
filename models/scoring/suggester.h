#pragma once

// "Suggest from history": fits a regularised logistic regression of conversion on activity
// counts and fit attributes over the leads whose outcome is known (see TrainingSet), leaves
// out the fields that leak the answer (see SuggesterLeaks) unless the user insists, checks
// the fit on a held-out part, and turns the coefficients into whole-number points.
//
// The points scale: points = round(coefficient * pointsPerLogOdds), so a lead's suggested
// score is its log-odds above the baseline lead (baseline values, no activity) times one
// factor. The factor keeps the model's MQL threshold meaningful: it is chosen so that the
// same share of leads as became MQL (or converted) in the history would score at or above
// the current threshold, within bounds (see MinThresholdLogOdds). When the history cannot
// set it (nobody or everybody qualified, or the fit ranks no one above the baseline) it falls
// back to 10 points per doubling of the odds. pointsToDoubleOdds = pointsPerLogOdds * ln 2 is
// shown beside it. Points are regularised twice: by the fit's prior (priorPrecision) and by
// a bound (MaxLogOdds).

#include <functional>
#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include "scoring/condition.h"
#include "scoring/scoringmodel.h"
#include "scoring/suggesterleaks.h"
#include "scoring/trainingset.h"

namespace handoff {

class Database;

// How the leads with an attribute or activity converted, against a comparison group: for an
// activity the leads without it, for a fit value the field's baseline (see FieldBaseline),
// since that is what its points are counted from.
struct SuggestionEvidence
{
    int leadsWith = 0;
    int convertedWith = 0;
    int leadsWithout = 0;
    int convertedWithout = 0;

    double rateWith() const { return leadsWith > 0 ? double(convertedWith) / leadsWith : 0.0; }
    double rateWithout() const
    {
        return leadsWithout > 0 ? double(convertedWithout) / leadsWithout : 0.0;
    }
    bool operator==(const SuggestionEvidence &) const = default;
};

struct Suggestion
{
    enum class Kind { Activity, Fit };

    Kind kind = Kind::Activity;
    QString activityType;   // Activity: the type code
    Condition when;         // Fit: the field equals a value, or a company-size band
    QString label;          // what people read: "Webinar attended", "Industry is Software"
    double coefficient = 0; // log-odds per activity, or for having the attribute
    int points = 0;
    std::optional<double> cap;           // Activity: points * the counts the evidence covers
    std::optional<double> currentPoints; // what the model gives now, when it gives anything
    SuggestionEvidence evidence;
    // Fit values of other fields that pick out (nearly) the same leads: one suggestion stands
    // for them all ("Origin is Lead Import").
    QStringList sameLeads;
    // The points go against the evidence (+ for leads who converted less, or -): a correction
    // given the other rules, which `note` explains. Also what the merged values are.
    bool correction = false;
    QString note;

    bool operator==(const Suggestion &) const = default;
};

// What a field's fit points are counted from: leads with none of the suggested values.
struct FieldBaseline
{
    QString field;
    QString fieldLabel;
    QString label; // "Software (or any value not listed)"
    int leads = 0;
    int converted = 0;
};

struct SuggestionResult
{
    QList<Suggestion> suggestions; // activities in catalogue order, then fit by field
    QList<FlaggedField> flagged;
    QList<FieldBaseline> baselines;           // one per field with fit suggestions
    QList<TrainingSet::LeftOutField> leftOut; // dates, ids, free text
    int supportNeeded = 0;                    // leads a value needs to be suggested alone
    double supportShare = 0;                  // the share of the history that is
    int maxPoints = 0;                        // no suggestion gives or takes more (see MaxLogOdds)
    int knownLeads = 0;
    int convertedLeads = 0;
    int undatedLeads = 0; // of knownLeads: creation or outcome undated (imported without dates)
    qint64 undatedActivities = 0; // of those learnt from
    int trainLeads = 0;
    int holdoutLeads = 0;
    // How the suggested whole-number points (within their caps) rank the leads fitted on and
    // the leads held out (none when nothing was held out); and the fit's own log-odds on the
    // held-out leads, before rounding and bounds.
    double trainAuc = 0.5;
    std::optional<double> holdoutAuc;
    std::optional<double> fitHoldoutAuc;
    double pointsPerLogOdds = 0;
    double pointsToDoubleOdds = 0;
    QString scaleBasis; // how the factor was chosen, in words
    bool converged = false;
    qint64 readMs = 0; // reading the database (fromDatabase only)
    qint64 fitMs = 0;  // leak checks, the fit and the evaluation
};

class Suggester
{
    Q_DECLARE_TR_FUNCTIONS(Suggester)

public:
    struct Options
    {
        double holdoutFraction = 0.25;
        quint64 seed = 1;
        QStringList includeFields; // flagged fields to use anyway
        TrainingSet::Options training;
        double l2 = 1.0;
        // The prior on each coefficient on its own scale (see LogisticRegression): what keeps
        // a few hundred outcomes from suggesting huge points.
        double priorPrecision = 1.0;
        // A field whose values convert alike at this level of evidence or weaker (the p-value
        // of a chi-square test) gets no points: 1 keeps every field.
        double noEvidenceP = 0.01;
        int minKnownLeads = 200;
        int minPerOutcome = 20; // converted and not converted, each
    };

    // Told how far loading got (rows read of about `total`); returning false cancels it.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Throws Error when the history is too small to learn from (saying how many leads
    // have a known outcome and how many are needed).
    static SuggestionResult run(const TrainingSet &set, const ScoringModel &current,
                                const Options &options);
    // Reads leads, custom fields, outcomes, the live model and every activity from `db`,
    // then run(). `options.training.now` is the reference time. Throws Error, also
    // when `progress` cancels.
    static SuggestionResult fromDatabase(Database &db, const Options &options,
                                         const Progress &progress = {});

    // The model with one suggestion applied: the activity type's points (and cap) set, or
    // the field value's points set, taken out of any rule on that field that covered it so
    // it is not counted twice. Points 0 for a value just takes it out.
    static ScoringModel apply(const ScoringModel &model, const Suggestion &suggestion);
    // The chosen suggestions in turn, each as apply() does (the model's other rules stay).
    static ScoringModel applyEach(const ScoringModel &model, const QList<Suggestion> &suggestions);
    // Every suggestion in turn; a field the fit suggestions cover loses the model's other
    // rules first: its suggestions are the whole story of that field (values not listed are
    // its baseline, at 0 points).
    static ScoringModel applyAll(const ScoringModel &model, const QList<Suggestion> &suggestions);

    // The fallback scale: this many points double the odds.
    static constexpr double FallbackPointsToDouble = 10.0;
    // No single attribute or activity type moves the odds more than e^3 (about 20 times):
    // its points, and an activity's cap, are bounded by this on the model's scale, and never
    // exceed the MQL threshold.
    static constexpr double MaxLogOdds = 3.0;
    // The scale puts the MQL threshold between 4x and 256x the baseline lead's odds, however
    // weak or strong the fit: a weak fit on little history must not blow points up.
    static constexpr double MinThresholdLogOdds = 1.3862943611198906; // ln 4
    static constexpr double MaxThresholdLogOdds = 5.545177444479562;  // ln 256
    // Fit values that share at least this share of their leads are one suggestion.
    static constexpr double SameLeadsJaccard = 0.95;
};

} // namespace handoff
