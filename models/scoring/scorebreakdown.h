#pragma once

// Why a lead has its score: every fit rule (matched or not) and every activity type the lead
// did, with count, raw points, decayed points and whether the cap applied. The parts add up
// exactly to `total`.
//
// Undated activities (imported from a file that gave no date for them) count as the oldest
// there are: under a half-life they have faded to nothing, so they add no points; a type
// that does not decay, or a model without decay, counts them in full like any other. They
// still count towards the cap. `undated` says how many of a line's activities they are.

#include <optional>

#include <QList>
#include <QString>

#include "scoring/activitycatalogue.h"
#include "scoring/leadfields.h"
#include "store/activitytype.h"
#include "store/lead.h"

namespace handoff {

struct ScoreBreakdown
{
    struct FitLine
    {
        QString rule;  // "Seniority is one of C-level, VP"
        QString field; // the field the rule tests, "seniority"
        QString value; // the lead's value of that field, as the rule sees it: "VP"
        // What the value was read from when not the stored text as is: "USA", "from the
        // title "VP of Marketing"" (see leadfields::origin); set by leadfields::noteOrigins.
        QString origin;
        bool matched = false;
        double points = 0; // the rule's points when matched, else 0

        // "VP (from the title "VP of Marketing")", "US (USA)", "Software"; empty when unknown.
        QString shownValue() const
        {
            return value.isEmpty() ? value : leadfields::shown(value, origin);
        }
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
        int undated = 0; // of `count`, activities without a date: the oldest, see above
    };

    QList<FitLine> fit;
    QList<ActivityLine> activities;
    double fitPoints = 0;
    double engagementPoints = 0;
    double total = 0;
    QChar grade;
    double mqlThreshold = 0;
    double halfLifeDays = 0; // of the decay; 0: none
    bool aboveThreshold = false;
    bool raisedHand = false; // did an intent activity
    std::optional<QString> disqualifiedBecause;

    // The grade as text; empty when there is none (a null QChar would write a NUL byte).
    QString gradeText() const { return grade.isNull() ? QString() : QString(grade); }

    // Counts, line by line, how many of the lead's `activities` are undated (the score's own
    // numbers come from the feature index, which keeps no dates).
    void countUndated(const QList<Activity> &leadActivities, const ActivityCatalogue &types)
    {
        for (const Activity &a : leadActivities) {
            const int t = a.undated ? types.indexOfId(a.typeId) : -1;
            if (t < 0)
                continue;
            for (ActivityLine &line : activities) {
                if (line.type == types.type(t).code)
                    ++line.undated;
            }
        }
    }
};

} // namespace handoff
