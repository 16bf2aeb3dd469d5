#pragma once

// What an import did or, in a dry run, would do: rows new, updated, unchanged and rejected,
// the activities and stage changes it adds, and the problems, each with its line, column,
// value and reason. The CLI and the import dialog both show it.

#include <optional>

#include <QCoreApplication>
#include <QList>

#include "io/rowparser.h"

namespace handoff {

struct ImportSummary
{
    Q_DECLARE_TR_FUNCTIONS(ImportSummary)

public:
    qint64 rows = 0; // of the leads file
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;             // rows of both files
    qint64 skipped = 0;              // report footers, blank rows
    qint64 notes = 0;                // values left out of rows that went in
    qint64 activityRows = 0;         // of an activities file
    qint64 activityRowsRejected = 0; // of those, also counted in `rejected`
    qint64 activities = 0;
    qint64 stageChanges = 0;
    QString readAs; // how a file that is not leads was read: "Read as outcomes of ..."
    QList<ImportProblem> problems; // the first MaxProblems of them
    qint64 problemsOmitted = 0;    // beyond those
    static constexpr int MaxProblems = 10000;

    void addProblems(const QList<ImportProblem> &more);
    // "412 rows: 300 new, 100 updated, ...": what the CLI and the dialog both say.
    QString countsText() const;
    std::optional<qint64> batchId; // set when something was written
    bool cancelled = false;

    // Nothing new in the file (only a header, or every row as stored): no batch is written,
    // so there is nothing to undo and nothing stands in the way of undoing an earlier one.
    bool changesNothing() const
    {
        return created == 0 && updated == 0 && activities == 0 && stageChanges == 0;
    }
    // Rows were read and every one of them was refused.
    bool everyRowRejected() const
    {
        return rows + activityRows > 0 && rejected == rows + activityRows;
    }
};

} // namespace handoff
