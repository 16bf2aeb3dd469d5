#pragma once

// Everything scoring needs in memory for one database: the lead table, the activity
// catalogue, the feature index and the score board under the live model. load() reads the
// database once; afterwards new activities and model changes update it incrementally.

#include <functional>
#include <limits>
#include <memory>
#include <optional>

#include <QCoreApplication>
#include <QMap>

#include "scoring/activitycatalogue.h"
#include "scoring/featureindex.h"
#include "scoring/leadtable.h"
#include "scoring/scoreboard.h"
#include "scoring/scoringmodel.h"
#include "store/lead.h"
#include "store/modelrepository.h"

namespace handoff {

class Database;
class StateReader;
class StateWriter;

class ScoringEngine
{
    Q_DECLARE_TR_FUNCTIONS(ScoringEngine)

public:
    // How long the last load took, step by step, in milliseconds. The lead table is read on
    // another thread while the index is built: `leads` ran within `index`.
    struct LoadTimes
    {
        qint64 leads = 0;
        qint64 index = 0;
        qint64 scores = 0;
    };

    ScoringEngine();
    // A copy scored under the same model: what the tuning workspace works on while the
    // original goes on following the database.
    ScoringEngine(const ScoringEngine &other);
    ScoringEngine &operator=(const ScoringEngine &) = delete;
    ~ScoringEngine();
    // Becomes `other` (a load finished on another thread), leaving it empty; references to
    // this engine stay valid, the rows they name change.
    void take(ScoringEngine &&other);

    // Told how far a load got (rows read of about `total`); returning false cancels it.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Reads leads, the catalogue, the live model (the standard one when none is live) and
    // every activity stored up to `upToActivityId`, with `now` as the index's reference
    // time. Throws Error, also when `progress` cancels.
    void load(Database &db, qint64 now, const Progress &progress = {},
              qint64 upToActivityId = std::numeric_limits<qint64>::max());
    // The same for only these leads (and their activities): what a single explanation or a
    // short queue needs, without reading the whole database.
    void loadSubset(Database &db, const QList<qint64> &leadIds, qint64 now);

    const LeadTable &leads() const { return m_leads; }
    const ActivityCatalogue &catalogue() const { return m_catalogue; }
    const FeatureIndex &index() const { return m_index; }
    const ScoreBoard &scores() const { return *m_scores; }
    std::optional<qint64> liveModelId() const { return m_liveModelId; }
    LoadTimes loadTimes() const { return m_loadTimes; }

    // Rescores under another model; rebuilds the index from `db` when the half-life differs.
    void setModel(const ScoringModel &model, Database &db);

    // The version live in the database as `live` holds it (the standard model, without an
    // id, when none is). Throws Error, naming `filePath`, when it cannot be read.
    struct LiveModel
    {
        std::optional<qint64> id;
        ScoringModel model;
    };
    static LiveModel parseLive(const std::optional<ModelRecord> &live, const QString &filePath);
    // The same as loadSubset() for the leads with an open handoff, each read in one pass,
    // under `model`: the sales view, which a console shows while every lead is read.
    void loadSalesView(Database &db, qint64 now, const LiveModel &model);
    // load() under `model`, live when the read began, instead of the version live when the
    // activities are read: a read describing an earlier moment (every lead, behind a
    // console's start) leaves a version taken live since to the console, which hands over
    // what it lifts as it does for any version taken live elsewhere.
    void load(Database &db, qint64 now, const Progress &progress, qint64 upToActivityId,
              const LiveModel &model);
    // Scores under `live`, which becomes the live model; rebuilds the index on this thread
    // when the half-life differs.
    void adopt(const LiveModel &live, Database &db);
    // Whether scoring under `model` needs the index rebuilt from every activity.
    bool needsNewIndex(const ScoringModel &model) const
    {
        return model.halfLifeDays != m_index.halfLifeDays();
    }

    // Adopting a model with another half-life in two halves, so the slow one can run in the
    // background: what the rebuild needs (plain values, safe to hand to another thread) ...
    struct IndexRequest
    {
        double halfLifeDays = 0;
        qint64 referenceTime = 0;
        qint64 upToActivityId = 0;   // the activities the engine has counted
        std::vector<qint64> leadIds; // by row
        ActivityCatalogue catalogue;
    };
    IndexRequest indexRequest(double halfLifeDays, qint64 upToActivityId) const;
    // ... the decayed sums counted again under the new half-life (all a half-life changes),
    // on a connection of the calling thread's own; `keepGoing` returning false stops it
    // (Error) ...
    static DecayedSums countDecay(Database &db, const IndexRequest &request,
                                  const std::function<bool()> &keepGoing = {});
    // ... and taking them, on the engine's thread: adds what the engine counted after the
    // request (activities up to `upToActivityId`, leads added since), then rescores under
    // `live`, which becomes the live model.
    void adopt(const LiveModel &live, DecayedSums sums, const IndexRequest &request, Database &db,
               qint64 upToActivityId);
    // Rescores under the version now live in `db` when it is not the one scoring here (another
    // console took a version live). Returns whether it changed.
    bool adoptLiveModel(Database &db);
    // Counts one new activity (already stored); returns the lead's row, or -1 when the lead
    // or the type is unknown here.
    int addActivity(qint64 leadId, int typeId, qint64 occurredAt);
    // Counts the activities stored after `afterId` up to `upToId` (what came after a saved
    // state), rescoring each lead they touch once. Returns how many it read.
    qint64 countStored(Database &db, qint64 afterId, qint64 upToId);
    // Adds or refreshes one lead (already stored) with its custom fields; returns its row.
    int upsertLead(const Lead &lead, const QMap<QString, QString> &custom = {});
    // When the lead last raised its hand (an intent activity); 0 when it never did.
    qint64 lastIntentAt(int row) const { return m_lastIntentAt[row]; }
    // Fades every score to a later time.
    void advanceTo(qint64 now);

    // The engine's state for a start state (scoring/startstate.h): the model version
    // scoring, the catalogue counted under, the lead table, the feature index and the latest
    // raised hands.
    void saveState(StateWriter &out) const;
    // Reads what saveState() wrote, faded to `now`, and scores it under the version it was
    // scored under, read from `db`. Throws Error when that version is gone or the activity
    // types have changed since, leaving the engine to be loaded afresh.
    void restoreState(StateReader &in, Database &db, qint64 now);

    // How far back the "change" figures look: 7 days.
    static constexpr qint64 RecentWindowSeconds = 7 * 86400;

private:
    ScoringModel readLiveModel(Database &db);
    // load() of the leads in `scope`, under `model` when given (else the live one): their
    // activities counted on this thread while the lead table is read on another.
    void read(Database &db, qint64 now, const Progress &progress, qint64 upToActivityId,
              LeadScope scope, const LiveModel *model = nullptr);
    void countActivity(int row, int type, qint64 at);
    static LeadTable readLeadTable(Database &db, const std::function<void()> &tick,
                                   LeadScope scope = LeadScope::Every);
    // Counts every activity (or the subset's) into a new index of the lead table's rows ...
    void buildIndex(Database &db, double halfLifeDays, qint64 now,
                    const std::function<void()> &tick = {});
    // ... or of `rows` rows, `rowOf` saying which (-1: none).
    void buildIndex(Database &db, double halfLifeDays, qint64 now, int rows,
                    const std::function<void()> &tick,
                    const std::function<int(qint64 leadId)> &rowOf,
                    qint64 upToActivityId = std::numeric_limits<qint64>::max(),
                    LeadScope scope = LeadScope::Every);

    // Holds some leads only (loadSubset(), loadSalesView()): a rebuild reads each one's
    // activities rather than every activity.
    bool m_partial = false;

    LeadTable m_leads;
    ActivityCatalogue m_catalogue;
    FeatureIndex m_index;
    std::unique_ptr<ScoreBoard> m_scores;
    std::optional<qint64> m_liveModelId;
    LoadTimes m_loadTimes;
    SharedBlocks<qint64> m_lastIntentAt; // shared with a copy until one of them writes
};

} // namespace handoff
