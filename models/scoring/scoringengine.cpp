#include "scoring/scoringengine.h"

#include <algorithm>
#include <utility>

#include <QElapsedTimer>

#include "scoring/besidework.h"
#include "scoring/statestream.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// Which row each lead id has, the row being its place in `ids`: dense, as LeadTable's own
// lookup (ids are SQLite rowids). A negative id (which a lead table leaves out) has none.
class RowsById
{
public:
    explicit RowsById(const std::vector<qint64> &ids)
    {
        const qint64 maxId = ids.empty() ? -1 : *std::max_element(ids.begin(), ids.end());
        m_rows.assign(size_t(std::max<qint64>(0, maxId + 1)), -1);
        for (size_t row = 0; row < ids.size(); ++row) {
            if (ids[row] >= 0)
                m_rows[size_t(ids[row])] = qint32(row);
        }
    }
    // -1: none.
    int operator()(qint64 id) const
    {
        return id >= 0 && size_t(id) < m_rows.size() ? m_rows[size_t(id)] : -1;
    }

private:
    std::vector<qint32> m_rows;
};

} // namespace

ScoringEngine::ScoringEngine()
    : m_scores(std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue))
{}

ScoringEngine::ScoringEngine(const ScoringEngine &other)
    : m_partial(other.m_partial)
    , m_leads(other.m_leads)
    , m_catalogue(other.m_catalogue)
    , m_index(other.m_index)
    , m_scores(std::make_unique<ScoreBoard>(*other.m_scores, m_leads, m_index, m_catalogue))
    , m_liveModelId(other.m_liveModelId)
    , m_loadTimes(other.m_loadTimes)
    , m_lastIntentAt(other.m_lastIntentAt)
{}

ScoringEngine::~ScoringEngine() = default;

void ScoringEngine::take(ScoringEngine &&other)
{
    m_partial = std::exchange(other.m_partial, false);
    m_leads = std::exchange(other.m_leads, {});
    m_catalogue = std::exchange(other.m_catalogue, {});
    m_index = std::exchange(other.m_index, {});
    // The board's figures are the other's; its references are to this engine's tables.
    m_scores = std::make_unique<ScoreBoard>(*other.m_scores, m_leads, m_index, m_catalogue);
    other.m_scores.reset();
    m_liveModelId = other.m_liveModelId;
    m_loadTimes = other.m_loadTimes;
    m_lastIntentAt = std::exchange(other.m_lastIntentAt, {});
}

ScoringEngine::LiveModel ScoringEngine::parseLive(const std::optional<ModelRecord> &live,
                                                  const QString &filePath)
{
    if (!live)
        return {std::nullopt, ScoringModel::standard()};
    try {
        return {live->id, ScoringModel::fromJson(live->definition)};
    } catch (const Error &e) {
        throw Error(tr("live scoring model %1 cannot be read: %2").arg(live->id).arg(e.message()),
                    ErrorWhere::inFile(filePath));
    }
}

ScoringModel ScoringEngine::readLiveModel(Database &db)
{
    m_liveModelId.reset();
    const LiveModel live = parseLive(ModelRepository(db.connection()).live(), db.filePath());
    m_liveModelId = live.id;
    return live.model;
}

void ScoringEngine::load(Database &db, qint64 now, const Progress &progress, qint64 upToActivityId)
{
    read(db, now, progress, upToActivityId, LeadScope::Every);
}

void ScoringEngine::load(Database &db, qint64 now, const Progress &progress, qint64 upToActivityId,
                         const LiveModel &model)
{
    read(db, now, progress, upToActivityId, LeadScope::Every, &model);
}

void ScoringEngine::read(Database &db, qint64 now, const Progress &progress, qint64 upToActivityId,
                         LeadScope scope, const LiveModel *asOf)
{
    QElapsedTimer timer;
    timer.start();
    if (asOf)
        m_liveModelId = asOf->id;
    const ScoringModel model = asOf ? asOf->model : readLiveModel(db);
    m_partial = false;
    m_leads = LeadTable();
    m_catalogue = ActivityCatalogue(ActivityRepository(db.connection()).types());
    const LeadRepository leads(db.connection());
    // The rows the leads will have (the table reads them in id order): the activities can be
    // counted on this thread while the lead table is read on the other core, through a
    // connection of its own. That connection may see a later state than this one: a lead
    // stored or deleted since makes the rows differ (counted again below); a lead changed
    // since is read as it is now, which the caller's next look at changed leads reads again.
    // A negative id (which the table leaves out) makes the rows differ below.
    const std::vector<qint64> ids = leads.ids(scope);
    const RowsById rowOf(ids);
    const qint64 total = std::min(ActivityRepository(db.connection()).maxId(), upToActivityId);
    qint64 done = 0;
    const QString cancelled = tr("Loading %1 was cancelled").arg(db.filePath());
    const auto keepGoing = [&] { return !progress || progress(done, total); };
    // Called for every activity read; reports every 16k rows.
    const auto tick = [&] {
        if ((++done & 0x3FFF) == 0 && !keepGoing())
            throw Error(cancelled);
    };
    BesideWork<LeadTable> table([&](const std::atomic<bool> &stop) {
        QElapsedTimer reading;
        reading.start();
        Database own(db.location(), Database::Open::ReadOnly); // reads, on this thread
        // One moment: the custom fields read are those of the leads read.
        Transaction moment(own.connection(), Transaction::Kind::Read);
        LeadTable table = readLeadTable(
            own,
            [&] {
                if (stop.load(std::memory_order_relaxed))
                    throw Error(cancelled);
            },
            scope);
        moment.commit();
        m_loadTimes.leads = reading.elapsed();
        return table;
    });
    buildIndex(db, model.halfLifeDays, now, int(ids.size()), tick, rowOf, upToActivityId, scope);
    m_loadTimes.index = timer.elapsed();
    m_leads = table.get(keepGoing, cancelled);
    bool sameRows = m_leads.size() == int(ids.size());
    for (int row = 0; sameRows && row < m_leads.size(); ++row)
        sameRows = m_leads.id(row) == ids[size_t(row)];
    if (!sameRows) {
        // A lead stored or deleted between the two reads (or, for the sales view, handed
        // over or closed): count again. The sales view's leads are read again on this
        // connection too, so that the leads and the activities counted are of one moment.
        if (scope != LeadScope::Every)
            m_leads = readLeadTable(db, tick, scope);
        buildIndex(
            db, model.halfLifeDays, now, m_leads.size(), tick,
            [this](qint64 id) { return m_leads.rowOf(id).value_or(-1); }, upToActivityId, scope);
    }
    timer.restart();
    m_scores = std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue);
    m_scores->setModel(model);
    m_loadTimes.scores = timer.elapsed();
}

LeadTable ScoringEngine::readLeadTable(Database &db, const std::function<void()> &tick,
                                       LeadScope scope)
{
    const LeadRepository leads(db.connection());
    LeadTable table;
    leads.scan(
        [&](const Lead &lead) {
            table.append(lead);
            tick();
        },
        scope);
    leads.scanCustomFields(
        [&](qint64 leadId, const QString &name, const QString &value) {
            tick();
            if (const auto row = table.rowOf(leadId))
                table.setCustom(*row, name, value);
        },
        scope);
    return table;
}

void ScoringEngine::loadSubset(Database &db, const QList<qint64> &leadIds, qint64 now)
{
    const ScoringModel model = readLiveModel(db);
    m_partial = true;
    m_leads = LeadTable();
    const LeadRepository leads(db.connection());
    for (const Lead &lead : leads.find(leadIds))
        m_leads.setCustomFields(m_leads.append(lead), leads.customFields(lead.id));
    m_catalogue = ActivityCatalogue(ActivityRepository(db.connection()).types());
    buildIndex(db, model.halfLifeDays, now);
    m_scores = std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue);
    m_scores->setModel(model);
}

void ScoringEngine::loadSalesView(Database &db, qint64 now, const LiveModel &model)
{
    read(db, now, {}, std::numeric_limits<qint64>::max(), LeadScope::WithOpenHandoff, &model);
    m_partial = true;
}

void ScoringEngine::buildIndex(Database &db, double halfLifeDays, qint64 now,
                               const std::function<void()> &tick)
{
    buildIndex(db, halfLifeDays, now, m_leads.size(), tick,
               [this](qint64 id) { return m_leads.rowOf(id).value_or(-1); });
}

void ScoringEngine::buildIndex(Database &db, double halfLifeDays, qint64 now, int rows,
                               const std::function<void()> &tick,
                               const std::function<int(qint64 leadId)> &rowOf,
                               qint64 upToActivityId, LeadScope scope)
{
    m_index = FeatureIndex(m_catalogue.count(), halfLifeDays, now);
    m_index.setRecentWindow(RecentWindowSeconds);
    m_index.resize(rows);
    m_lastIntentAt = {};
    m_lastIntentAt.resize(rows, 0);
    const ActivityRepository activities(db.connection());
    if (m_partial) {
        for (int row = 0; row < m_leads.size(); ++row) {
            for (const Activity &a : activities.forLead(m_leads.id(row))) {
                if (const int type = m_catalogue.indexOfId(a.typeId); type >= 0)
                    countActivity(row, type, a.occurredAt);
            }
        }
        m_index.finishBuild();
        return;
    }
    activities.scan(
        [&](qint64 leadId, int typeId, qint64 at) {
            if (tick)
                tick();
            const int row = rowOf(leadId);
            const int type = m_catalogue.indexOfId(typeId);
            if (row >= 0 && type >= 0)
                countActivity(row, type, at);
        },
        std::numeric_limits<qint64>::min(), upToActivityId, scope);
    m_index.finishBuild();
}

void ScoringEngine::countActivity(int row, int type, qint64 at)
{
    m_index.add(row, type, at);
    if (m_catalogue.type(type).kind == ActivityKind::Intent)
        if (at > m_lastIntentAt[row])
            m_lastIntentAt.write(row) = at;
}

void ScoringEngine::setModel(const ScoringModel &model, Database &db)
{
    if (model.halfLifeDays != m_index.halfLifeDays()) {
        buildIndex(db, model.halfLifeDays, m_index.referenceTime());
        m_scores = std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue);
    }
    m_scores->setModel(model);
}

ScoringEngine::IndexRequest ScoringEngine::indexRequest(double halfLifeDays,
                                                        qint64 upToActivityId) const
{
    IndexRequest request;
    request.halfLifeDays = halfLifeDays;
    request.referenceTime = m_index.referenceTime();
    request.upToActivityId = upToActivityId;
    request.leadIds.reserve(size_t(m_leads.size()));
    for (int row = 0; row < m_leads.size(); ++row)
        request.leadIds.push_back(m_leads.id(row));
    request.catalogue = m_catalogue;
    return request;
}

DecayedSums ScoringEngine::countDecay(Database &db, const IndexRequest &request,
                                      const std::function<bool()> &keepGoing)
{
    DecayedSums sums(request.catalogue.count(), int(request.leadIds.size()), request.halfLifeDays,
                     request.referenceTime);
    const RowsById rowOf(request.leadIds);
    qint64 seen = 0;
    // One statement: one consistent read, bounded by the activities the engine counted.
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64 at) {
                if ((++seen & 0xFFFF) == 0 && keepGoing && !keepGoing())
                    throw Error(tr("Rebuilding the activity index was cancelled"));
                const int row = rowOf(leadId);
                const int type = request.catalogue.indexOfId(typeId);
                if (row >= 0 && type >= 0)
                    sums.add(row, type, at);
            },
            request.upToActivityId);
    return sums;
}

void ScoringEngine::adopt(const LiveModel &live, DecayedSums sums, const IndexRequest &request,
                          Database &db, qint64 upToActivityId)
{
    sums.resize(m_leads.size()); // leads added while they were counted
    sums.advanceTo(m_index.referenceTime());
    for (const Activity &a :
         ActivityRepository(db.connection()).between(request.upToActivityId, upToActivityId)) {
        const auto row = m_leads.rowOf(a.leadId);
        const int type = m_catalogue.indexOfId(a.typeId);
        if (row && type >= 0)
            sums.add(*row, type, a.occurredAt);
    }
    m_index.takeDecay(std::move(sums));
    m_scores = std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue);
    m_scores->setModel(live.model);
    m_liveModelId = live.id;
}

bool ScoringEngine::adoptLiveModel(Database &db)
{
    const auto live = ModelRepository(db.connection()).live();
    const std::optional<qint64> liveId = live ? std::optional<qint64>(live->id) : std::nullopt;
    if (liveId == m_liveModelId)
        return false;
    adopt(parseLive(live, db.filePath()), db);
    return true;
}

void ScoringEngine::adopt(const LiveModel &live, Database &db)
{
    setModel(live.model, db); // throws before anything changes: the next look tries again
    m_liveModelId = live.id;
}

int ScoringEngine::addActivity(qint64 leadId, int typeId, qint64 occurredAt)
{
    const auto row = m_leads.rowOf(leadId);
    const int type = m_catalogue.indexOfId(typeId);
    if (!row || type < 0)
        return -1;
    countActivity(*row, type, occurredAt);
    m_scores->refreshRow(*row);
    return *row;
}

qint64 ScoringEngine::countStored(Database &db, qint64 afterId, qint64 upToId)
{
    qint64 read = 0;
    std::vector<int> touched;
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64 at) {
                ++read;
                const auto row = m_leads.rowOf(leadId);
                const int type = m_catalogue.indexOfId(typeId);
                if (!row || type < 0)
                    return;
                countActivity(*row, type, at);
                touched.push_back(*row);
            },
            afterId, upToId);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    if (touched.size() > size_t(m_leads.size()) / 4) {
        m_scores->refreshAll();
    } else {
        for (const int row : touched)
            m_scores->refreshRow(row);
    }
    return read;
}

int ScoringEngine::upsertLead(const Lead &lead, const QMap<QString, QString> &custom)
{
    if (const auto row = m_leads.rowOf(lead.id)) {
        m_leads.update(*row, lead);
        m_leads.setCustomFields(*row, custom);
        m_scores->refreshRow(*row);
        return *row;
    }
    const int row = m_leads.append(lead);
    m_leads.setCustomFields(row, custom);
    m_index.resize(m_leads.size());
    m_lastIntentAt.resize(m_leads.size(), 0);
    m_scores->refreshRow(row);
    return row;
}

namespace {
// What the index's columns were counted under: each type's id and kind, in column order.
std::vector<qint32> catalogueSignature(const ActivityCatalogue &catalogue)
{
    std::vector<qint32> signature;
    for (const ActivityType &t : catalogue.types())
        signature.insert(signature.end(), {qint32(t.id), qint32(t.kind)});
    return signature;
}
} // namespace

void ScoringEngine::saveState(StateWriter &out) const
{
    out.value(quint8(m_liveModelId.has_value()));
    out.value(m_liveModelId.value_or(0));
    out.array(catalogueSignature(m_catalogue));
    m_leads.save(out);
    m_index.save(out);
    m_lastIntentAt.save(out, m_leads.size());
}

void ScoringEngine::restoreState(StateReader &in, Database &db, qint64 now)
{
    const bool hasModel = in.value<quint8>() != 0;
    const auto modelId = in.value<qint64>();
    ScoringModel model = ScoringModel::standard();
    if (hasModel) {
        const auto record = ModelRepository(db.connection()).find(modelId);
        if (!record)
            in.refuse(tr("made under scoring model version %1, which is gone").arg(modelId));
        model = parseLive(record, db.filePath()).model;
    }
    m_partial = false;
    m_liveModelId = hasModel ? std::optional(modelId) : std::nullopt;
    m_catalogue = ActivityCatalogue(ActivityRepository(db.connection()).types());
    std::vector<qint32> types;
    in.array(types, size_t(1) << 16);
    if (types != catalogueSignature(m_catalogue))
        in.refuse(tr("counted under activity types that have changed since"));
    m_leads.restore(in);
    m_index.restore(in, now, m_catalogue.count(), m_leads.size());
    m_lastIntentAt = {};
    m_lastIntentAt.resize(m_leads.size(), 0);
    m_lastIntentAt.restore(in, m_leads.size());
    if (m_index.halfLifeDays() != model.halfLifeDays)
        in.refuse(tr("counted under another half-life than its scoring model's"));
    in.finish();
    m_scores = std::make_unique<ScoreBoard>(m_leads, m_index, m_catalogue);
    m_scores->setModel(model);
}

void ScoringEngine::advanceTo(qint64 now)
{
    m_index.advanceTo(now);
    m_scores->refreshAll();
}

} // namespace handoff
