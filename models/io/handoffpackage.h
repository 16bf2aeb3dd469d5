#pragma once

// What sales receives with a lead: who they are, the score broken down rule by rule, the
// activity history, the stage history and the qualification details, as JSON (for other
// tools) or CSV (for a spreadsheet).

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

#include "io/csvwriter.h"
#include "scoring/scorebreakdown.h"
#include "store/lead.h"
#include "store/qualificationrepository.h"

namespace handoff {

class ActivityCatalogue;

struct HandoffPackage
{
    Q_DECLARE_TR_FUNCTIONS(HandoffPackage)

public:
    Lead lead;
    ScoreBreakdown breakdown;
    QList<Activity> activities;
    QList<StageChange> stageHistory;
    Qualification qualification;

    QJsonObject toJson(const ActivityCatalogue &types) const;
    // Throws Error naming the file when it cannot be written; then no half file stays.
    void writeCsv(const QString &filePath, const ActivityCatalogue &types,
                  CsvWriter::Options options) const;
};

} // namespace handoff
