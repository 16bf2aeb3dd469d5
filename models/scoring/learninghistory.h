#pragma once

// What "Suggest from history" learns from, read from a database in one go: every lead with
// its custom fields, the activity catalogue, the live model and the training set built from
// them. The suggester reads it; so does the suggestion benchmark, to score other models on the
// same leads.

#include <functional>

#include <QCoreApplication>

#include "scoring/activitycatalogue.h"
#include "scoring/leadtable.h"
#include "scoring/scoringmodel.h"
#include "scoring/trainingset.h"

namespace handoff {

class Database;

struct LearningHistory
{
    Q_DECLARE_TR_FUNCTIONS(LearningHistory)

public:
    LeadTable leads;
    ActivityCatalogue catalogue;
    ScoringModel live;
    TrainingSet set;
    qint64 readMs = 0;

    // Told how far reading got (rows read of about `total`); returning false cancels it.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // `options.now` is the reference time. Throws Error, also when `progress` cancels.
    static LearningHistory read(Database &db, const TrainingSet::Options &options,
                                const Progress &progress = {});
};

} // namespace handoff
