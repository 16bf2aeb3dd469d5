#pragma once

// One run of an import over its files, a dry run or the real thing: which leads there are
// and by what keys, what the run has done to them so far, and the counts. LeadImporter hands
// it the parsed rows of a leads file and the rows of an activities file. A real run writes
// through the store inside the caller's transaction and reads back only what a row needs; a
// dry run writes nothing and keeps what it would have written, packed into one buffer, so a
// second row for a lead sees the first, in a fraction of the memory of Lead copies.

#include <optional>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>

#include "io/importsummary.h"
#include "io/keyindex.h"
#include "scoring/activitycatalogue.h"
#include "store/activitybulkwriter.h"
#include "store/importrepository.h"
#include "store/leadbulkwriter.h"
#include "store/leadrepository.h"

namespace handoff {

class Database;

class ImportPass
{
    Q_DECLARE_TR_FUNCTIONS(ImportPass)

public:
    struct Options
    {
        bool write = false;
        QString actor;
        qint64 now = 0;
        QString fileName;
        qint64 batchId = 0;
        bool expandCounts = true; // false when an activities file brings the events themselves
    };

    ImportPass(Database &db, Options options);
    ~ImportPass();

    const ActivityCatalogue &types() const { return m_types; }
    ImportSummary &summary() { return m_summary; }

    // A row of the leads file: creates its lead or updates the one it names.
    void apply(const ParsedRow &row);
    // The lead named by external id, else by e-mail address (either may be empty).
    std::optional<qint64> find(QStringView externalId, QStringView email);
    // One event of an activities file, unless the lead has it already.
    void addActivity(qint64 leadId, int typeId, qint64 at, QStringView asset, QStringView channel);
    // Records the leads the run created in the batch; a real run calls it before committing.
    void finish();
    // What the run keeps besides the store: keys and, in a dry run, what it would write.
    size_t memoryBytes() const;

private:
    // What the run knows of a lead; the parts a row may not need are read when it does.
    struct Known
    {
        Lead lead;
        std::optional<QMap<QString, QString>> custom;
        std::optional<QHash<int, int>> counts; // type id -> activities
        std::optional<quint32> reached;        // bit 1 << Stage for each stage ever entered
    };
    // An activity by lead, type and time, exact in 16 bytes (times within 17,000 years).
    struct ActivityKey
    {
        qint64 leadId = 0;
        qint64 typeAndTime = 0;
        bool operator==(const ActivityKey &) const = default;
        friend size_t qHash(const ActivityKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.leadId, key.typeAndTime);
        }
    };

    void create(const ParsedRow &row);
    void update(qint64 id, const ParsedRow &row);
    Known state(qint64 id);
    void loadCustom(qint64 id, Known &k);
    void loadCounts(qint64 id, Known &k);
    void loadReached(qint64 id, Known &k);
    // A stage change a row brings; undated when the file gave no date for it.
    struct PlannedStage
    {
        qint64 at = 0;
        Stage stage = Stage::Suspect;
        bool undated = false;
    };
    // The stage changes the row brings, oldest first (undated last), and the stage the lead
    // ends in.
    std::pair<QList<PlannedStage>, Stage> planStages(qint64 id, Known &k, const ParsedRow &row,
                                                     Stage from);
    void writeStages(qint64 id, Stage from, const QList<PlannedStage> &changes);
    void addCounts(qint64 id, Known &k, const ParsedRow &row);
    void addActivities(qint64 leadId, int typeId, int count, qint64 from, qint64 to, bool undated);
    void remember(qint64 id, const Known &k);
    std::optional<qint64> packedAt(qint64 id) const;
    void rekey(qint64 id, const Lead &before, const Lead &after);
    void index(qint64 id, const Lead &lead);
    bool isCreated(qint64 id) const;
    QStringView folded(QStringView email);

    Options m_options;
    QString m_reason; // "Imported from FILE", on every stage change the run records
    LeadRepository m_leads;
    LeadBulkWriter m_newLeads; // the leads the run creates, and every stage change it records
    ActivityBulkWriter m_bulk; // the many inserts
    ImportRepository m_imports;
    ActivityCatalogue m_types;
    ImportSummary m_summary;

    KeyIndex m_byExternalId; // -> lead id
    // -> lead id * 2, plus 1 when that lead has an external id: a row with another id
    // must not take over a lead that has its own.
    KeyIndex m_byEmail;
    QString m_folded; // the address being looked up, case-folded

    std::vector<std::pair<qint64, qint64>> m_createdRuns; // real run: (first id, count)
    qint64 m_nextDryRunId = -1;                           // dry run: new leads count down

    // Dry run only: each lead it would change, packed (where in m_packed: by id for leads
    // that were there, at -id - 1 for its new ones); and the activities it would add to
    // leads that were there (a real run finds those in the database).
    QByteArray m_packed;
    QHash<qint64, qint64> m_packedAt;
    std::vector<qint64> m_newPackedAt;
    QSet<ActivityKey> m_seen;
};

} // namespace handoff
