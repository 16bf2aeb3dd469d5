#include "io/importsummary.h"

namespace handoff {

QString ImportSummary::countsText() const
{
    QString text = tr("%L1 rows: %L2 new, %L3 updated, %L4 unchanged, %L5 rejected; ")
                       .arg(rows)
                       .arg(created)
                       .arg(updated)
                       .arg(unchanged)
                       .arg(rejected - activityRowsRejected);
    if (activityRows > 0)
        text += tr("activities file: %L1 rows, %L2 rejected; ")
                    .arg(activityRows)
                    .arg(activityRowsRejected);
    text += tr("%L1 activities, %L2 stage changes").arg(activities).arg(stageChanges);
    if (skipped > 0)
        text += tr("; %L1 blank, repeated-header or report footer rows skipped").arg(skipped);
    if (notes > 0)
        text += tr("; %L1 values left out of rows that were imported (listed below)").arg(notes);
    return text;
}

void ImportSummary::addProblems(const QList<ImportProblem> &more)
{
    for (const ImportProblem &p : more) {
        if (p.severity == ImportProblem::Severity::Note)
            ++notes;
        if (problems.size() < MaxProblems)
            problems.append(p);
        else
            ++problemsOmitted;
    }
}

} // namespace handoff
