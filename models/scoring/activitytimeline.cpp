#include "scoring/activitytimeline.h"

#include <algorithm>
#include <atomic>
#include <numeric>

#include <QCoreApplication>

#include "scoring/activitycatalogue.h"
#include "scoring/besidework.h"
#include "scoring/featureindex.h"
#include "scoring/leadtable.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"
#include "store/transaction.h"

namespace handoff {

ActivityTimeline ActivityTimeline::read(Database &db, const LeadTable &leads,
                                        const ActivityCatalogue &types, const Source &source,
                                        const Progress &progress)
{
    const ActivityRepository activities(db.connection());
    const qint64 firstId = activities.minId();
    const qint64 upToId = std::min(source.upToId, activities.maxId());
    const qint64 perPass = std::max<qint64>(0, upToId - firstId + 1); // about: ids have gaps
    qint64 total = source.counted ? perPass : 2 * perPass;
    qint64 done = 0;
    const auto keepGoing = [&] { return !progress || progress(done, total); };
    const auto tick = [&] {
        if ((++done & 0x3fff) == 0 && !keepGoing())
            throw Error(QCoreApplication::translate("ActivityTimeline", "Cancelled"));
    };
    ActivityTimeline t;
    t.m_offsets.assign(size_t(leads.size()) + 1, 0);
    if (source.counted) {
        const FeatureIndex &index = *source.counted;
        const int rows = std::min(leads.size(), index.leadCount());
        for (int type = 0; type < index.typeCount(); ++type) {
            index.forEachRow(type, rows, [&](int row, float, quint16 count) {
                t.m_offsets[size_t(row) + 1] += count;
            });
        }
        std::partial_sum(t.m_offsets.begin(), t.m_offsets.end(), t.m_offsets.begin());
        // This thread reads the older half of the activities (and reports for both).
        t.m_readOnce = t.placeInTwoHalves(
            db, leads, types, firstId, upToId, [&] { tick(), tick(); }, keepGoing);
        if (t.m_readOnce)
            return t;
        // The index counted something else (a count saturated, history was rewritten since):
        // count them here, then place them, both in one read transaction.
        total = done + 2 * perPass;
        std::fill(t.m_offsets.begin(), t.m_offsets.end(), 0);
    }
    Transaction snapshot(db.connection(), Transaction::Kind::Read);
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64) {
                tick();
                const auto row = leads.rowOf(leadId);
                if (row && types.indexOfId(typeId) >= 0)
                    ++t.m_offsets[size_t(*row) + 1];
            },
            upToId);
    std::partial_sum(t.m_offsets.begin(), t.m_offsets.end(), t.m_offsets.begin());
    t.allocate(size_t(t.m_offsets.back()), types.count() > 256);
    std::vector<quint32> placed(size_t(leads.size()), 0);
    if (!t.fill(db, {leads, types, std::numeric_limits<qint64>::min(), upToId}, placed, false,
                tick) ||
        !t.filledBy(placed, {}))
        throw Error(QCoreApplication::translate("ActivityTimeline",
                                                "The activities changed while they were read"),
                    ErrorWhere::inFile(db.filePath()));
    t.sortEachLead();
    return t;
}

bool ActivityTimeline::placeInTwoHalves(Database &db, const LeadTable &leads,
                                        const ActivityCatalogue &types, qint64 firstId,
                                        qint64 upToId, const std::function<void()> &tick,
                                        const std::function<bool()> &keepGoing)
{
    allocate(size_t(m_offsets.back()), types.count() > 256);
    // Each lead's slots fill from the front with the older half and from the back with the
    // newer one; counted right, the two meet exactly.
    std::vector<quint32> front(m_offsets.size() - 1, 0);
    std::vector<quint32> back(m_offsets.size() - 1, 0);
    // Ids may start anywhere (deletions, undone imports): halve the range they cover.
    const qint64 middle = firstId + (upToId - firstId) / 2;
    const QString cancelled = QCoreApplication::translate("ActivityTimeline", "Cancelled");
    BesideWork<bool> newer([&](const std::atomic<bool> &stop) {
        Database own(db.location(), Database::Open::ReadOnly); // reads, on this thread
        return fill(own, {leads, types, middle, upToId}, back, true, [&] {
            if (stop.load(std::memory_order_relaxed))
                throw Error(cancelled);
        });
    });
    const bool olderFits =
        fill(db, {leads, types, std::numeric_limits<qint64>::min(), middle}, front, false, tick);
    const bool fits = newer.get(keepGoing, cancelled) && olderFits && filledBy(front, back);
    if (!fits)
        return false;
    // The newer half went in backwards: turned round, most leads are in order already.
    for (size_t row = 0; row < back.size(); ++row)
        reverse(size_t(m_offsets[row + 1]) - back[row], size_t(m_offsets[row + 1]));
    sortEachLead();
    return true;
}

bool ActivityTimeline::filledBy(const std::vector<quint32> &front,
                                const std::vector<quint32> &back) const
{
    for (size_t row = 0; row < front.size(); ++row) {
        const quint32 fromBack = back.empty() ? 0 : back[row];
        if (qint64(front[row]) + fromBack != m_offsets[row + 1] - m_offsets[row])
            return false;
    }
    return true;
}

bool ActivityTimeline::fill(Database &db, const Range &range, std::vector<quint32> &placed,
                            bool fromBack, const std::function<void()> &tick)
{
    // When the counts were wrong the other half may write the same slot: atomic stores keep
    // that a defined (and detected) outcome rather than a data race.
    bool fits = true;
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64 occurredAt) {
                tick();
                const auto row = range.leads.rowOf(leadId);
                const int type = range.types.indexOfId(typeId);
                if (!row || type < 0)
                    return;
                quint32 &done = placed[size_t(*row)];
                const qint64 begin = m_offsets[size_t(*row)];
                const qint64 end = m_offsets[size_t(*row) + 1];
                if (done == end - begin) {
                    fits = false;
                    return;
                }
                ++done;
                const auto slot = size_t(fromBack ? end - done : begin + done - 1);
                std::atomic_ref(m_at[slot])
                    .store(quint32(std::max<qint64>(0, occurredAt)), std::memory_order_relaxed);
                setType(slot, type);
            },
            range.afterId, range.upToId);
    return fits;
}

ActivityTimeline ActivityTimeline::build(int rows, const std::vector<int> &row,
                                         const std::vector<quint16> &type,
                                         const std::vector<qint64> &at)
{
    ActivityTimeline t;
    t.m_offsets.assign(size_t(rows) + 1, 0);
    for (int r : row)
        ++t.m_offsets[size_t(r) + 1];
    std::partial_sum(t.m_offsets.begin(), t.m_offsets.end(), t.m_offsets.begin());
    t.allocate(row.size(),
               std::any_of(type.begin(), type.end(), [](quint16 x) { return x > 255; }));
    std::vector<qint64> next(t.m_offsets.begin(), t.m_offsets.end() - 1);
    for (size_t i = 0; i < row.size(); ++i) {
        const qint64 slot = next[size_t(row[i])]++;
        t.m_at[size_t(slot)] = quint32(std::max<qint64>(0, at[i]));
        t.setType(size_t(slot), type[i]);
    }
    t.sortEachLead();
    return t;
}

void ActivityTimeline::sortEachLead()
{
    // Oldest first within each lead; leads have a handful to a few hundred events.
    std::vector<std::pair<quint32, int>> scratch;
    for (size_t r = 0; r + 1 < m_offsets.size(); ++r) {
        const auto begin = m_offsets[r];
        const auto end = m_offsets[r + 1];
        if (std::is_sorted(m_at.begin() + begin, m_at.begin() + end))
            continue;
        scratch.clear();
        for (auto i = begin; i < end; ++i)
            scratch.emplace_back(m_at[size_t(i)], typeAt(size_t(i)));
        std::sort(scratch.begin(), scratch.end());
        for (auto i = begin; i < end; ++i) {
            m_at[size_t(i)] = scratch[size_t(i - begin)].first;
            setType(size_t(i), scratch[size_t(i - begin)].second);
        }
    }
}

ActivityTimeline::Events ActivityTimeline::events(int row) const
{
    const size_t begin = size_t(m_offsets[size_t(row)]);
    const size_t count = size_t(m_offsets[size_t(row) + 1]) - begin;
    Events e{std::span<const quint32>(m_at.data() + begin, count), {}, {}};
    if (m_wide)
        e.wide = std::span<const quint16>(m_wideTypes.data() + begin, count);
    else
        e.narrow = std::span<const quint8>(m_narrowTypes.data() + begin, count);
    return e;
}

void ActivityTimeline::allocate(size_t events, bool wide)
{
    m_at.assign(events, 0);
    m_wide = wide;
    m_narrowTypes.assign(wide ? 0 : events, 0);
    m_wideTypes.assign(wide ? events : 0, 0);
}

void ActivityTimeline::setType(size_t slot, int type)
{
    if (m_wide)
        std::atomic_ref(m_wideTypes[slot]).store(quint16(type), std::memory_order_relaxed);
    else
        std::atomic_ref(m_narrowTypes[slot]).store(quint8(type), std::memory_order_relaxed);
}

void ActivityTimeline::reverse(size_t begin, size_t end)
{
    std::reverse(m_at.begin() + qsizetype(begin), m_at.begin() + qsizetype(end));
    if (m_wide)
        std::reverse(m_wideTypes.begin() + qsizetype(begin), m_wideTypes.begin() + qsizetype(end));
    else
        std::reverse(m_narrowTypes.begin() + qsizetype(begin),
                     m_narrowTypes.begin() + qsizetype(end));
}

FeatureIndex ActivityTimeline::index(int typeCount, double halfLifeDays, qint64 referenceTime) const
{
    FeatureIndex index(typeCount, halfLifeDays, referenceTime);
    index.resize(rows());
    for (int r = 0; r < rows(); ++r) {
        const Events e = events(r);
        for (size_t i = 0; i < e.at.size(); ++i)
            index.add(r, e.type(i), e.at[i]);
    }
    index.finishBuild();
    return index;
}

FeatureIndex ActivityTimeline::index(const FeatureIndex &counted, double halfLifeDays) const
{
    const auto ownIndex = [&] {
        return index(counted.typeCount(), halfLifeDays, counted.referenceTime());
    };
    if (!m_readOnce || counted.leadCount() != rows())
        return ownIndex();
    // readOnce() says each lead has as many events as `counted` counted; their types must
    // agree too, or the shared counts would not be these events' (an activity retyped since).
    bool sameTypes = true;
    FeatureIndex shared = counted.underHalfLife(halfLifeDays, [&](const auto &add) {
        std::vector<int> tally(size_t(counted.typeCount()), 0);
        for (int r = 0; r < rows(); ++r) {
            const Events e = events(r);
            for (size_t i = 0; i < e.at.size(); ++i) {
                ++tally[size_t(e.type(i))];
                add(r, e.type(i), e.at[i]);
            }
            for (size_t i = 0; i < e.at.size(); ++i) {
                int &n = tally[size_t(e.type(i))];
                sameTypes =
                    sameTypes && (n == 0 || std::min(n, 65535) == counted.count(e.type(i), r));
                n = 0;
            }
        }
    });
    return sameTypes ? shared : ownIndex();
}

} // namespace handoff
