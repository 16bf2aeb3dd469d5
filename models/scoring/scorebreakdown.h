#pragma once

// Why a lead has its score: every fit rule (matched or not) and every activity type the lead
// did, with count, raw points, decayed points and whether the cap applied. The parts add up
// exactly to `total`.

#include <optional>

#include <QList>
#include <QString>

#include "activitytype.h"

struct ScoreBreakdown
{
    struct FitLine
    {
        QString rule;  // "Seniority is one of C-level, VP"
        QString value; // the lead's value of that field
        bool matched = false;
        double points = 0; // the rule's points when matched, else 0
    };

    struct ActivityLine
    {
        QString type;
        QString label;
        ActivityKind kind = ActivityKind::Interest;
        int count = 0;
        double pointsEach = 0;
        double raw = 0;     // count x points each
        double decayed = 0; // after decay, before the cap
        double points = 0;  // what counts: decayed, limited by the cap
        bool decays = true;
        bool capped = false;
    };

    QList<FitLine> fit;
    QList<ActivityLine> activities;
    double fitPoints = 0;
    double engagementPoints = 0;
    double total = 0;
    QChar grade;
    double mqlThreshold = 0;
    bool aboveThreshold = false;
    bool raisedHand = false; // did an intent activity
    std::optional<QString> disqualifiedBecause;

    // The grade as text; empty when there is none (a null QChar would write a NUL byte).
    QString gradeText() const { return grade.isNull() ? QString() : QString(grade); }
};
