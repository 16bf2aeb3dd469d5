#include "store/analyticsrepository.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <future>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>

#include <QFileInfo>
#include <QHash>
#include <QSqlError>

#include <QSqlQuery>
#include <QVariant>

#include "store/businesscalendarrepository.h"
#include "store/error.h"
#include "store/rowscanner.h"
#include "store/secondconnection.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// The first time a lead reached a funnel stage, as read; applied once the leads are in.
struct StageChange
{
    qint64 leadId = 0;
    qint64 changedAt = 0;
    int field = 0; // index into journeyFields
    bool undated = false;
};

constexpr qint64 LeadJourney::*journeyFields[] = {&LeadJourney::mqlAt, &LeadJourney::sqlAt,
                                                  &LeadJourney::opportunityAt, &LeadJourney::wonAt};

void readLeads(const QSqlDatabase &db, AnalyticsDataset &data)
{
    {
        RowScanner last(db, QStringLiteral("SELECT max(id) FROM leads"));
        last.run();
        if (last.next())
            data.leads.reserve(size_t(std::max<qint64>(0, last.integer(0)))); // ids are dense
    }
    RowScanner leads(db, QStringLiteral("SELECT id, source, channel, company_size, "
                                        "created_at, created_undated FROM leads ORDER BY id"));
    leads.run();
    // Channels are a dozen values repeated a million times: compare bytes with the ones
    // seen so far, without a QString or an allocation per row.
    std::vector<std::pair<QByteArray, quint16>> channels;
    while (leads.next()) {
        LeadJourney lead;
        lead.id = leads.integer(0);
        lead.marketing = leads.utf8(1) != QByteArrayView("sales");
        const QByteArrayView channel = leads.utf8(2);
        auto it = std::find_if(channels.begin(), channels.end(),
                               [&](const auto &c) { return QByteArrayView(c.first) == channel; });
        if (it == channels.end()) {
            channels.emplace_back(channel.toByteArray(),
                                  data.internChannel(QString::fromUtf8(channel)));
            it = channels.end() - 1;
        }
        lead.channel = it->second;
        lead.companySize =
            leads.isNull(3) ? -1 : qint32(std::min<qint64>(leads.integer(3), INT32_MAX));
        lead.createdAt = leads.integer(4);
        lead.createdUndated = leads.integer(5) != 0;
        data.leads.push_back(lead);
    }
}

std::vector<StageChange> readStageChanges(const QSqlDatabase &db)
{
    // Every row rather than WHERE to_stage IN (...): the planner would walk the to_stage
    // index and fetch rows in random order, five times slower on a million leads.
    RowScanner history(db, QStringLiteral("SELECT lead_id, to_stage, changed_at, undated "
                                          "FROM stage_history ORDER BY id"));
    history.run();
    std::vector<StageChange> result;
    while (history.next()) {
        const QByteArrayView stage = history.utf8(1);
        const int field = stage == QByteArrayView("mql")           ? 0
                          : stage == QByteArrayView("sql")         ? 1
                          : stage == QByteArrayView("opportunity") ? 2
                          : stage == QByteArrayView("won")         ? 3
                                                                   : -1;
        if (field >= 0)
            result.push_back(
                {history.integer(0), history.integer(2), field, history.integer(3) != 0});
    }
    return result;
}

// HandoffFact::lead holds nothing yet: the lead ids come back in `leadIds`, in step.
// Only touches data.reasons, so it may run while readLeads() fills data.leads and channels.
std::vector<HandoffFact> readHandoffs(const QSqlDatabase &db, AnalyticsDataset &data,
                                      std::vector<qint64> &leadIds)
{
    RowScanner handoffs(db, QStringLiteral("SELECT lead_id, trigger, model_id, raised_at, "
                                           "first_contact_at, outcome, outcome_at, reason, "
                                           "sla_exempt, id FROM handoffs ORDER BY id"));
    handoffs.run();
    std::vector<HandoffFact> result;
    QHash<qint64, size_t> positions; // handoff id -> its place in result
    // A dozen distinct reasons: compare the raw bytes with those seen so far.
    std::vector<std::pair<QByteArray, quint16>> reasons;
    while (handoffs.next()) {
        HandoffFact h;
        h.intent = handoffs.utf8(1) == QByteArrayView("intent");
        h.modelId = handoffs.integer(2);
        h.raisedAt = handoffs.integer(3);
        h.firstContactAt = handoffs.integer(4);
        const QByteArrayView outcome = handoffs.utf8(5);
        h.outcome = outcome == QByteArrayView("accepted")   ? HandoffFact::Outcome::Accepted
                    : outcome == QByteArrayView("rejected") ? HandoffFact::Outcome::Rejected
                                                            : HandoffFact::Outcome::Open;
        h.outcomeAt = handoffs.integer(6);
        h.slaExempt = handoffs.integer(8) != 0;
        if (h.outcome == HandoffFact::Outcome::Rejected) {
            const QByteArrayView reason = handoffs.utf8(7).trimmed();
            auto it = std::find_if(reasons.begin(), reasons.end(), [&](const auto &r) {
                return QByteArrayView(r.first) == reason;
            });
            if (it == reasons.end()) {
                reasons.emplace_back(reason.toByteArray(),
                                     data.internReason(QString::fromUtf8(reason)));
                it = reasons.end() - 1;
            }
            h.reason = it->second;
        }
        leadIds.push_back(handoffs.integer(0));
        positions.insert(handoffs.integer(9), result.size());
        result.push_back(h);
    }
    // The SLA ladder's steps (schema version 14), onto their handoffs.
    RowScanner steps(db, QStringLiteral("SELECT handoff_id, kind, due_at FROM routing_events "
                                        "WHERE kind IN ('sla_passed', 'sla_escalated')"));
    steps.run();
    while (steps.next()) {
        const auto at = positions.constFind(steps.integer(0));
        if (at == positions.cend())
            continue; // its handoff went with its lead
        HandoffFact &h = result[*at];
        (steps.utf8(1) == QByteArrayView("sla_passed") ? h.slaBreachDueAt : h.escalationDueAt) =
            steps.integer(2);
    }
    return result;
}

void readModelNames(const QSqlDatabase &db, AnalyticsDataset &data)
{
    RowScanner models(db, QStringLiteral("SELECT id, name FROM scoring_models"));
    models.run();
    while (models.next())
        data.modelNames.insert(models.integer(0), models.text(1));
}

// Rows of leads that are gone (another console deleted them mid-read) are dropped.
void join(AnalyticsDataset &data, const std::vector<StageChange> &changes,
          std::vector<HandoffFact> handoffs, const std::vector<qint64> &handoffLeads)
{
    int last = -1;
    qint64 lastId = 0;
    for (const StageChange &change : changes) {
        if (change.leadId != lastId) {
            last = data.indexOf(change.leadId);
            lastId = change.leadId;
        }
        if (last < 0)
            continue;
        if (change.undated) { // reached, at no known time: in no week
            data.leads[size_t(last)].undatedStages |= quint8(1u << change.field);
            ++data.undatedStageChanges;
            continue;
        }
        qint64 &at = data.leads[size_t(last)].*journeyFields[change.field];
        if (at == 0 || change.changedAt < at)
            at = change.changedAt; // the first time it got there
    }
    data.handoffs.reserve(handoffs.size());
    for (size_t i = 0; i < handoffs.size(); ++i) {
        handoffs[i].lead = data.indexOf(handoffLeads[i]);
        if (handoffs[i].lead >= 0)
            data.handoffs.push_back(handoffs[i]);
    }
}

qint64 dataVersion(const QSqlDatabase &db)
{
    RowScanner version(db, QStringLiteral("PRAGMA data_version"));
    version.run();
    return version.next() ? version.integer(0) : 0;
}

// A second, read-only connection to the same file for the thread that calls this, read in one
// snapshot; closed and removed on return.
//
// Why std::async here and not the windows' background helper (queues/backgroundtask.h): this is
// fork-join inside one call, not work handed off. The caller waits for the second reader
// before it returns (a std::async future joins even when the main read throws), its
// Error is rethrown to the caller by get(), and nothing is delivered to any thread
// afterwards; so no thread outlives the call. The store is the bottom layer and cannot use
// the UI's helper anyway.
void onOwnConnection(const QString &filePath, const std::function<void(const QSqlDatabase &)> &work)
{
    withSecondConnection(filePath,
                         QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"),
                         [&](const QSqlDatabase &db) {
                             Transaction snapshot(db, Transaction::Kind::Read);
                             work(db);
                             snapshot.commit();
                         });
}

std::vector<ActivityTouch> readTouches(const QSqlDatabase &db,
                                       std::vector<qint64>::const_iterator from,
                                       std::vector<qint64>::const_iterator to,
                                       const QHash<qint64, QString> &labels)
{
    std::vector<ActivityTouch> result;
    RowScanner activities(db, QStringLiteral("SELECT type_id, asset, occurred_at "
                                             "FROM activities WHERE lead_id = ?"));
    // A few dozen distinct assets over a hundred thousand rows: looked up by their bytes
    // (std::hash, far cheaper than qHash's SipHash), one QString and one copy per asset.
    std::deque<std::string> assetBytes; // the keys' storage; a deque never moves them
    std::unordered_map<std::string_view, QString> assets;
    for (auto leadId = from; leadId != to; ++leadId) {
        activities.bind(1, *leadId);
        activities.run();
        while (activities.next()) {
            ActivityTouch touch;
            touch.leadId = *leadId;
            touch.type = labels.value(activities.integer(0));
            const QByteArrayView bytes = activities.utf8(1);
            auto it = assets.find(std::string_view(bytes.data(), size_t(bytes.size())));
            if (it == assets.end())
                it = assets
                         .emplace(assetBytes.emplace_back(bytes.data(), size_t(bytes.size())),
                                  QString::fromUtf8(bytes))
                         .first;
            touch.asset = it->second;
            touch.occurredAt = activities.integer(2);
            result.push_back(std::move(touch));
        }
    }
    return result;
}

} // namespace

AnalyticsRepository::AnalyticsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

AnalyticsDataset AnalyticsRepository::load() const
{
    // On an SQLite file the leads are read on a second connection in another thread while
    // this one reads the stage history and the handoffs: the scans are SQLite-bound, and
    // this roughly halves the wall time on two cores. The two snapshots agree when nothing
    // was committed from start to end (data_version); otherwise it reads again, on one.
    const QString path = m_db.databaseName();
    if (m_db.driverName() == QLatin1String("QSQLITE") && QFileInfo(path).isFile()) {
        const qint64 before = dataVersion(m_db);
        AnalyticsDataset data;
        std::vector<StageChange> changes;
        std::vector<qint64> handoffLeads;
        std::vector<HandoffFact> handoffs;
        {
            auto leads = std::async(std::launch::async, [&] {
                onOwnConnection(path, [&](const QSqlDatabase &db) { readLeads(db, data); });
            });
            Transaction snapshot(m_db, Transaction::Kind::Read);
            changes = readStageChanges(m_db);
            handoffs = readHandoffs(m_db, data, handoffLeads);
            readModelNames(m_db, data);
            data.calendar = BusinessCalendarRepository(m_db).load();
            snapshot.commit();
            leads.get(); // rethrows the reader's Error
        }
        if (dataVersion(m_db) == before) {
            join(data, changes, std::move(handoffs), handoffLeads);
            return data;
        }
    }
    AnalyticsDataset data;
    Transaction snapshot(m_db, Transaction::Kind::Read);
    readLeads(m_db, data);
    const std::vector<StageChange> changes = readStageChanges(m_db);
    std::vector<qint64> handoffLeads;
    std::vector<HandoffFact> handoffs = readHandoffs(m_db, data, handoffLeads);
    readModelNames(m_db, data);
    data.calendar = BusinessCalendarRepository(m_db).load();
    snapshot.commit();
    join(data, changes, std::move(handoffs), handoffLeads);
    return data;
}

std::vector<ActivityTouch> AnalyticsRepository::touches(const std::vector<qint64> &leadIds) const
{
    QHash<qint64, QString> labels;
    {
        RowScanner types(m_db, QStringLiteral("SELECT id, label FROM activity_types"));
        types.run();
        while (types.next())
            labels.insert(types.integer(0), types.text(1));
    }
    // A lookup per lead, SQLite-bound: on an SQLite file the first half of the leads is read
    // on a second connection in another thread, as in load().
    const QString path = m_db.databaseName();
    const auto middle = leadIds.begin() + std::ptrdiff_t(leadIds.size() / 2);
    if (m_db.driverName() == QLatin1String("QSQLITE") && QFileInfo(path).isFile() &&
        leadIds.size() >= 64) {
        std::vector<ActivityTouch> first;
        auto reader = std::async(std::launch::async, [&] {
            onOwnConnection(path, [&](const QSqlDatabase &db) {
                first = readTouches(db, leadIds.begin(), middle, labels);
            });
        });
        std::vector<ActivityTouch> second;
        {
            Transaction snapshot(m_db, Transaction::Kind::Read);
            second = readTouches(m_db, middle, leadIds.end(), labels);
            snapshot.commit();
        }
        reader.get(); // rethrows the reader's Error
        first.insert(first.end(), std::make_move_iterator(second.begin()),
                     std::make_move_iterator(second.end()));
        return first;
    }
    Transaction snapshot(m_db, Transaction::Kind::Read);
    std::vector<ActivityTouch> result = readTouches(m_db, leadIds.begin(), leadIds.end(), labels);
    snapshot.commit();
    return result;
}

std::vector<RejectedHandoff> AnalyticsRepository::rejectedHandoffs(qint64 from, qint64 to) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT h.id, h.lead_id, l.first_name, l.last_name, l.company, "
                             "h.trigger, h.outcome_by, h.outcome_at, h.reason, h.note "
                             "FROM handoffs h "
                             "JOIN leads l ON l.id = h.lead_id WHERE h.outcome = 'rejected' AND "
                             "h.outcome_at >= :from AND h.outcome_at < :to "
                             "ORDER BY h.outcome_at, h.id"));
    q.setForwardOnly(true);
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":to"), to);
    sql::exec(q);
    std::vector<RejectedHandoff> result;
    while (sql::next(q)) {
        RejectedHandoff r;
        r.handoffId = q.value(0).toLongLong();
        r.leadId = q.value(1).toLongLong();
        r.lead =
            QStringLiteral("%1 %2").arg(q.value(2).toString(), q.value(3).toString()).trimmed();
        r.company = q.value(4).toString();
        r.intent = q.value(5).toString() == QLatin1String("intent");
        r.rejectedBy = q.value(6).toString();
        r.rejectedAt = q.value(7).toLongLong();
        r.reason = q.value(8).toString().trimmed();
        r.note = q.value(9).toString().trimmed();
        result.push_back(r);
    }
    return result;
}

} // namespace handoff
