#include "scoring/activitytimeline.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <numeric>
#include <optional>

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

namespace {

// Bits that hold a dense type index below `count`.
int typeBitsFor(int count)
{
    return std::max(1, int(std::bit_width(unsigned(std::max(1, count) - 1))));
}

QString cancelledMessage()
{
    return QCoreApplication::translate("ActivityTimeline", "Cancelled");
}

} // namespace

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
            throw Error(cancelledMessage());
    };
    ActivityTimeline t;
    if (source.counted && source.counted->leadCount() >= leads.size()) {
        const FeatureIndex &index = *source.counted;
        t.startCounts(leads.size());
        for (int type = 0; type < index.typeCount(); ++type) {
            index.forEachRow(type, leads.size(),
                             [&](int row, float, quint16 count) { t.count(row, count); });
        }
        t.layOut();
        // Packed: each time counts back from its lead's latest activity, which the index holds.
        t.m_latest = index.lastActivityColumn();
        t.m_typeBits = typeBitsFor(types.count());
        // This thread reads the older half of the activities (and reports for both).
        t.m_readOnce = t.placeInTwoHalves(
            db, leads, types, firstId, upToId, [&] { tick(), tick(); }, keepGoing);
        if (t.m_readOnce)
            return t;
        // The index counted something else (a count saturated, history was rewritten since),
        // or a lead's history is too long for a word: count them here, then place them
        // unpacked, both in one read transaction.
        total = done + 2 * perPass;
        t = {};
    }
    Transaction snapshot(db.connection(), Transaction::Kind::Read);
    t.startCounts(leads.size());
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64) {
                tick();
                const auto row = leads.rowOf(leadId);
                if (row && types.indexOfId(typeId) >= 0)
                    t.count(*row, 1);
            },
            upToId);
    t.layOut();
    t.allocate(t.eventCount(), 0, types.count() > 256);
    std::vector<quint32> placed(size_t(leads.size()), 0);
    if (!t.fill(db, {leads, types, std::numeric_limits<qint64>::min(), upToId}, placed, false,
                tick) ||
        !t.filledBy(placed, std::vector<quint32>()))
        throw Error(QCoreApplication::translate("ActivityTimeline",
                                                "The activities changed while they were read"),
                    ErrorWhere::inFile(db.filePath()));
    t.sortEachLead();
    return t;
}

void ActivityTimeline::startCounts(int rows)
{
    m_offsets.assign(size_t(rows) + 1, 0);
    m_counted = 0;
}

void ActivityTimeline::count(int row, quint32 events)
{
    // Checked as they come: a lead's count in four bytes must not wrap before the total does.
    m_counted += events;
    if (m_counted > std::numeric_limits<quint32>::max())
        throw Error(QCoreApplication::translate("ActivityTimeline",
                                                "Over 4 billion activities: too many to hold"));
    m_offsets[size_t(row) + 1] += events;
}

void ActivityTimeline::layOut()
{
    // The counts' running sum, in place: the total fits, so every partial sum does.
    std::partial_sum(m_offsets.begin(), m_offsets.end(), m_offsets.begin());
}

bool ActivityTimeline::placeInTwoHalves(Database &db, const LeadTable &leads,
                                        const ActivityCatalogue &types, qint64 firstId,
                                        qint64 upToId, const std::function<void()> &tick,
                                        const std::function<bool()> &keepGoing)
{
    allocate(eventCount(), m_typeBits, types.count() > 256);
    // Each lead's slots fill from the front with the older half and from the back with the
    // newer one; counted right, the two meet exactly. The index counts to 65,535 a type, so
    // two bytes count a half as a rule; a lead with more is read again, unpacked.
    std::vector<quint16> front(m_offsets.size() - 1, 0);
    std::vector<quint16> back(m_offsets.size() - 1, 0);
    // Ids may start anywhere (deletions, undone imports): halve the range they cover.
    const qint64 middle = firstId + (upToId - firstId) / 2;
    BesideWork<bool> newer([&](const std::atomic<bool> &stop) {
        Database own(db.location(), Database::Open::ReadOnly); // reads, on this thread
        own.readOnceInOrder();
        return fill(own, {leads, types, middle, upToId}, back, true, [&] {
            if (stop.load(std::memory_order_relaxed))
                throw Error(cancelledMessage());
        });
    });
    const bool olderFits =
        fill(db, {leads, types, std::numeric_limits<qint64>::min(), middle}, front, false, tick);
    const bool fits =
        newer.get(keepGoing, cancelledMessage()) && olderFits && filledBy(front, back);
    if (!fits)
        return false;
    // The newer half went in backwards: turned round, most leads are in order already.
    for (size_t row = 0; row < back.size(); ++row)
        reverse(m_offsets[row + 1] - back[row], m_offsets[row + 1]);
    sortEachLead();
    return true;
}

template <typename Count>
bool ActivityTimeline::filledBy(const std::vector<Count> &front,
                                const std::vector<Count> &back) const
{
    for (size_t row = 0; row < front.size(); ++row) {
        const qint64 fromBack = back.empty() ? 0 : back[row];
        if (qint64(front[row]) + fromBack != qint64(m_offsets[row + 1]) - m_offsets[row])
            return false;
    }
    return true;
}

template <typename Count>
bool ActivityTimeline::fill(Database &db, const Range &range, std::vector<Count> &placed,
                            bool fromBack, const std::function<void()> &tick)
{
    bool fits = true;
    ActivityRepository(db.connection())
        .scan(
            [&](qint64 leadId, int typeId, qint64 occurredAt) {
                tick();
                const auto row = range.leads.rowOf(leadId);
                const int type = range.types.indexOfId(typeId);
                if (!row || type < 0 || !fits)
                    return;
                Count &done = placed[size_t(*row)];
                const size_t first = begin(*row);
                const size_t last = end(*row);
                if (done == last - first || done == std::numeric_limits<Count>::max()) {
                    fits = false;
                    return;
                }
                ++done;
                fits = place(fromBack ? last - done : first + done - 1, *row, occurredAt, type);
            },
            range.afterId, range.upToId);
    return fits;
}

ActivityTimeline ActivityTimeline::build(int rows, const std::vector<int> &row,
                                         const std::vector<quint16> &type,
                                         const std::vector<qint64> &at)
{
    ActivityTimeline t;
    t.startCounts(rows);
    for (int r : row)
        t.count(r, 1);
    t.layOut();
    t.allocate(row.size(), 0,
               std::any_of(type.begin(), type.end(), [](quint16 x) { return x > 255; }));
    std::vector<quint32> next(t.m_offsets.begin(), t.m_offsets.end() - 1);
    for (size_t i = 0; i < row.size(); ++i)
        t.place(next[size_t(row[i])]++, row[i], at[i], type[i]);
    t.sortEachLead();
    return t;
}

void ActivityTimeline::sortEachLead()
{
    // Oldest first within each lead; leads have a handful to a few hundred events. A packed
    // word orders by time, then type, as the pairs below do.
    std::vector<std::pair<quint32, int>> scratch;
    for (int r = 0; r < rows(); ++r) {
        const auto first = m_words.begin() + qsizetype(begin(r));
        const auto last = m_words.begin() + qsizetype(end(r));
        if (std::is_sorted(first, last))
            continue;
        if (packed()) {
            std::sort(first, last);
            continue;
        }
        scratch.clear();
        for (size_t i = begin(r); i < end(r); ++i)
            scratch.emplace_back(m_words[i], m_wide ? m_wideTypes[i] : m_narrowTypes[i]);
        std::sort(scratch.begin(), scratch.end());
        for (size_t i = begin(r); i < end(r); ++i)
            place(i, r, scratch[i - begin(r)].first, scratch[i - begin(r)].second);
    }
}

ActivityTimeline::Events ActivityTimeline::events(int row) const
{
    Events e;
    e.m_count = end(row) - begin(row);
    e.m_words = m_words.data() + begin(row);
    if (packed()) {
        e.m_typeBits = m_typeBits;
        const qint64 largestCode = (qint64(1) << (32 - m_typeBits)) - 1;
        e.m_codeBase = m_latest[row] - largestCode;
    } else if (m_wide) {
        e.m_wide = m_wideTypes.data() + begin(row);
    } else {
        e.m_narrow = m_narrowTypes.data() + begin(row);
    }
    return e;
}

void ActivityTimeline::allocate(size_t events, int typeBits, bool wide)
{
    m_typeBits = typeBits;
    m_words.assign(events, 0);
    m_wide = !packed() && wide;
    m_narrowTypes.assign(packed() || wide ? 0 : events, 0);
    m_wideTypes.assign(m_wide ? events : 0, 0);
}

std::optional<quint32> ActivityTimeline::packedWord(int row, qint64 at, int type) const
{
    // Code 0 is undated; a dated time is its lead's latest minus up to the largest code - 1.
    const qint64 largestCode = (qint64(1) << (32 - m_typeBits)) - 1;
    qint64 code = 0;
    if (at > 0) {
        code = at - (m_latest[row] - largestCode);
        if (code < 1 || code > largestCode)
            return std::nullopt;
    }
    return quint32(code) << m_typeBits | quint32(type);
}

bool ActivityTimeline::place(size_t slot, int row, qint64 at, int type)
{
    // When the counts were wrong the other half may write the same slot: atomic stores keep
    // that a defined (and detected) outcome rather than a data race.
    at = std::max<qint64>(0, at); // before 1970: undated, as ever
    if (packed()) {
        const std::optional<quint32> word = packedWord(row, at, type);
        if (word)
            std::atomic_ref(m_words[slot]).store(*word, std::memory_order_relaxed);
        return word.has_value();
    }
    std::atomic_ref(m_words[slot])
        .store(quint32(std::min<qint64>(at, 0xffffffff)), std::memory_order_relaxed);
    if (m_wide)
        std::atomic_ref(m_wideTypes[slot]).store(quint16(type), std::memory_order_relaxed);
    else
        std::atomic_ref(m_narrowTypes[slot]).store(quint8(type), std::memory_order_relaxed);
    return true;
}

void ActivityTimeline::reverse(size_t first, size_t last)
{
    std::reverse(m_words.begin() + qsizetype(first), m_words.begin() + qsizetype(last));
    if (m_wide)
        std::reverse(m_wideTypes.begin() + qsizetype(first), m_wideTypes.begin() + qsizetype(last));
    else if (!packed())
        std::reverse(m_narrowTypes.begin() + qsizetype(first),
                     m_narrowTypes.begin() + qsizetype(last));
}

FeatureIndex ActivityTimeline::index(int typeCount, double halfLifeDays, qint64 referenceTime) const
{
    FeatureIndex index(typeCount, halfLifeDays, referenceTime);
    index.resize(rows());
    for (int r = 0; r < rows(); ++r) {
        const Events e = events(r);
        for (size_t i = 0; i < e.size(); ++i)
            index.add(r, e.type(i), e.at(i));
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
            for (size_t i = 0; i < e.size(); ++i) {
                ++tally[size_t(e.type(i))];
                add(r, e.type(i), e.at(i));
            }
            for (size_t i = 0; i < e.size(); ++i) {
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
