#pragma once

// An in-memory scoring world for tests: a lead table, a catalogue, activities kept as a plain
// list, and a reference computation of each score straight from that list, written the
// obvious way so the fast index can be checked against it.

#include <cmath>
#include <limits>
#include <random>

#include "scoring/activitycatalogue.h"
#include "scoring/featureindex.h"
#include "scoring/leadfields.h"
#include "scoring/leadtable.h"
#include "scoring/scoreboard.h"

namespace handoff {

struct RawActivity
{
    int row;
    int type;
    qint64 at;
};

struct ScoringFixture
{
    ScoringFixture()
    {
        QList<ActivityType> types = standardActivityTypes();
        for (int i = 0; i < types.size(); ++i)
            types[i].id = i + 1;
        catalogue = ActivityCatalogue(types);
    }

    int typeIndex(const char *code) const
    {
        return catalogue.indexOfCode(QString::fromLatin1(code));
    }

    int addLead(const Lead &lead)
    {
        Lead copy = lead;
        copy.id = leads.size() + 1;
        leadList.push_back(copy);
        return leads.append(copy);
    }

    void buildIndex(double halfLifeDays, qint64 now, qint64 recentWindow = 7 * 86400)
    {
        index = FeatureIndex(catalogue.count(), halfLifeDays, now);
        index.setRecentWindow(recentWindow);
        index.resize(leads.size());
        for (const RawActivity &a : activities)
            index.add(a.row, a.type, a.at);
        index.finishBuild();
    }

    // The score from first principles: every fit rule against the lead's field values,
    // every activity decayed one by one, caps applied per type.
    // `asOf` leaves out activities after that time (default: none left out).
    double referenceScore(const ScoringModel &model, const Lead &lead, int row, qint64 now,
                          qint64 asOf = std::numeric_limits<qint64>::max()) const
    {
        double score = 0;
        for (const FitRule &rule : model.fitRules) {
            if (rule.when.matches(leadfields::value(lead, rule.when.field)))
                score += rule.points;
        }
        for (const ActivityWeight &w : model.activities) {
            const int type = catalogue.indexOfCode(w.type);
            double points = 0;
            for (const RawActivity &a : activities) {
                if (a.row != row || a.type != type || a.at > asOf)
                    continue;
                const double age = std::max<double>(0.0, double(now - a.at));
                const double fade = w.decays && model.halfLifeDays > 0
                                        ? std::pow(0.5, age / (model.halfLifeDays * 86400.0))
                                        : 1.0;
                points += w.points * fade;
            }
            if (w.cap)
                points = std::clamp(points, -*w.cap, *w.cap);
            score += points;
        }
        return score;
    }

    ActivityCatalogue catalogue;
    LeadTable leads;
    std::vector<Lead> leadList; // row by row, as added
    FeatureIndex index;
    std::vector<RawActivity> activities;
};

} // namespace handoff
