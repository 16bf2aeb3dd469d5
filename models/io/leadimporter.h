#pragma once

// Imports a leads file (and optionally an activities file) exported by HubSpot, Salesforce,
// Pardot, Marketo, Mautic or anything similar. Reads with CsvReader, maps columns with a
// saved or guessed ColumnMapping, cleans each row with RowParser, finds existing leads by
// external id, then by case-folded e-mail, and updates rather than duplicates them. A dry
// run reports what would happen (new, updated, unchanged, rejected, with every rejected
// row's line, column, value and reason) without writing. A real run is one transaction and
// one import batch that can be undone later; cancelling or failing leaves the database as
// it was.

#include <functional>
#include <optional>

#include <QCoreApplication>

#include "io/columnmapping.h"
#include "io/filekind.h"
#include "io/identitycolumn.h"
#include "io/importsummary.h"
#include "io/rowparser.h"

namespace handoff {

class CsvReader;
class Database;
class ImportPass;

class LeadImporter
{
    Q_DECLARE_TR_FUNCTIONS(LeadImporter)

public:
    enum class Policy { GoodRows, AllOrNothing };
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    // How many rows pass between two calls of a Progress: rarely enough to cost nothing, often
    // enough for a prompt cancel. A power of two, so the count is a mask.
    static constexpr qint64 ProgressEveryRows = 1024;

    LeadImporter(Database &db, QString leadsFile, QString activitiesFile = {});
    ~LeadImporter();

    // Reads the header and picks the mapping: the one saved for this header, else the
    // forced preset, else the best guess; a guess without an id column takes the column
    // whose first rows are filled with unique ids. Throws Error naming the file and problem.
    void open(const QString &preset);
    QStringList header() const { return m_header; }
    const ColumnMapping &mapping() const { return m_mapping; }
    void setMapping(const ColumnMapping &mapping) { m_mapping = mapping; }
    bool mappingWasSaved() const { return m_savedMapping; }
    // What open() took the file for, from its header; setKind() says otherwise. Leads are
    // imported as leads; opportunities as outcomes of the leads they name; activities as
    // events of known leads; accounts are refused.
    const filekind::Verdict &verdict() const { return m_verdict; }
    filekind::Kind kind() const { return m_verdict.kind; }
    void setKind(filekind::Kind kind) { m_verdict = {kind, {}}; }
    // For an activities file whose every row is one type ("opens.csv"): that type's code.
    void setActivityType(const QString &code) { m_activityType = code; }
    // The column open() chose to know leads by, when no preset named one, and why.
    const std::optional<identity::Choice> &identityChoice() const { return m_identity; }
    // The first rows as they are in the file, with the line each starts on, for a preview.
    QList<std::pair<qint64, QStringList>> preview(int rows) const;

    // The activities file given with the leads, for a look before importing: its columns,
    // which of them the importer reads, and its first rows with what is wrong in them that
    // shows without the leads (an unknown activity type, a date in another format). nullopt
    // with *error when it cannot be read or lacks a lead, a type or a date column.
    struct ActivitiesPreview
    {
        QStringList header;
        QString columns; // "lead from Email, type from Activity, date from Date (...)"
        QList<std::pair<qint64, QStringList>> rows;
        QList<ImportProblem> problems;
    };
    // Throws Error when the activities file cannot be read.
    ActivitiesPreview previewActivities(int rows) const;

    ImportSummary dryRun(const Progress &progress = {});
    // Writes (GoodRows: the rows that passed; AllOrNothing: nothing when any row fails) and
    // remembers the mapping for the next file with this header. Throws Error when the
    // database refuses; then nothing was written.
    ImportSummary run(Policy policy, const QString &actor, qint64 now,
                      const Progress &progress = {});

    // Takes a batch back: what it added goes, the leads it changed get their old values.
    // Refused (Error saying why) for a batch already undone, one with a later batch
    // still in place, or one whose leads someone changed since: a claim, a stage change, a
    // qualification edit, any write to the lead. Recorded in the audit log.
    static void undo(Database &db, qint64 batchId, const QString &actor, qint64 now);

private:
    ImportSummary process(bool write, Policy policy, const QString &actor, qint64 now,
                          const Progress &progress);
    void importLeads(ImportPass &pass, const Progress &progress);
    void importActivities(ImportPass &pass, const QString &path, const Progress &progress);
    void importOutcomes(ImportPass &pass, const Progress &progress);
    void chooseIdentity(CsvReader &reader);

    Database &m_db;
    QString m_leadsFile;
    QString m_activitiesFile;
    QStringList m_header;
    ColumnMapping m_mapping;
    bool m_savedMapping = false;
    std::optional<identity::Choice> m_identity;
    filekind::Verdict m_verdict;
    QString m_activityType;
};

} // namespace handoff
