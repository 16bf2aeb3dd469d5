#pragma once

// One version of the scoring model: points per activity type (with an optional cap and
// whether they decay), fit rules, disqualification rules, the decay half-life, the MQL
// threshold and the fit-grade cut-offs. A plain value: the store keeps it as JSON.

#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include "scoring/condition.h"

namespace handoff {

struct ActivityWeight
{
    QString type;              // activity type code
    double points = 0;         // per activity; negative for unsubscribe, bounce, ...
    std::optional<double> cap; // the most this type may add (or take away) in total
    bool decays = true;        // false for signals that do not fade, such as a bounce

    bool operator==(const ActivityWeight &) const = default;
};

struct FitRule
{
    Condition when;
    double points = 0;
    bool operator==(const FitRule &) const = default;
};

struct DisqualificationRule
{
    Condition when;
    QString reason;
    bool operator==(const DisqualificationRule &) const = default;
};

struct ScoringModel
{
    Q_DECLARE_TR_FUNCTIONS(ScoringModel)

public:
    QList<ActivityWeight> activities;
    QList<FitRule> fitRules;
    QList<DisqualificationRule> disqualifications;
    double halfLifeDays = 45; // 0: engagement never fades
    double mqlThreshold = 65;
    // Fit points needed for grade A, B and C; below C is D.
    double gradeA = 35;
    double gradeB = 20;
    double gradeC = 10;

    // No number in a model (points, caps, threshold, half-life, grades) may be larger.
    static constexpr double MaxMagnitude = 10000;

    const ActivityWeight *weightFor(const QString &type) const;
    QChar fitGrade(double fitPoints) const;

    QByteArray toJson() const;
    // Validates everything; on failure throws Error whose where() names the part of the model
    // as its record ("model", "activities[1]", "fit_rules[2]").
    static ScoringModel fromJson(const QByteArray &json);

    // The starting model for a new database, after the market leaders' defaults.
    static ScoringModel standard();

    bool operator==(const ScoringModel &) const = default;
};

} // namespace handoff
