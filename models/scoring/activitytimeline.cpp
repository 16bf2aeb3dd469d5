#include "scoring/activitytimeline.h"

#include <algorithm>
#include <atomic>
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

namespace handoff {

ActivityTimeline::ActivityTimeline()
{
    std::vector<Event> none;
    m_parts[0].appendLead(none); // at 0, where every lead without events points
}

ActivityTimeline ActivityTimeline::read(Database &db, const LeadTable &leads,
                                        const ActivityCatalogue &types, const Source &source,
                                        const Progress &progress)
{
    const ActivityRepository activities(db.connection());
    const qint64 upToId = std::min(source.upToId, activities.maxId());
    // About: ids have gaps. This thread reports for both.
    const qint64 total = std::max<qint64>(0, upToId - activities.minId() + 1);
    qint64 done = 0;
    const auto keepGoing = [&] { return !progress || progress(done, total); };
    const QString cancelled = QCoreApplication::translate("ActivityTimeline", "Cancelled");
    ActivityTimeline t;
    t.m_offsets.assign(size_t(leads.size()), 0);
    // The newer half of the leads (by id) on another thread, the older one on this.
    const qint64 middle = leads.size() > 0 ? leads.id(leads.size() / 2) : 0;
    constexpr qint64 Lowest = std::numeric_limits<qint64>::min();
    constexpr qint64 Highest = std::numeric_limits<qint64>::max();
    BesideWork<bool> newer([&](const std::atomic<bool> &stop) {
        Database own(db.location(), Database::Open::ReadOnly); // reads, on this thread
        t.readPart(own, {leads, types, middle, Highest, upToId}, 1, [&] {
            if (stop.load(std::memory_order_relaxed))
                throw Error(cancelled);
        });
        return true;
    });
    t.readPart(db, {leads, types, Lowest, middle, upToId}, 0, [&] {
        done += 2;
        if ((done & 0x3fff) == 0 && !keepGoing())
            throw Error(cancelled);
    });
    newer.get(keepGoing, cancelled);
    for (int row = 0; row < t.rows(); ++row)
        t.m_eventCount += qint64(t.events(row).size());
    t.m_countedBy = source.counted && t.hasTheCountsOf(*source.counted);
    return t;
}

void ActivityTimeline::readPart(Database &db, const Range &range, int part,
                                const std::function<void()> &tick)
{
    Bytes &bytes = m_parts[size_t(part)];
    std::vector<Event> lead;
    std::optional<qint64> leadId;
    std::optional<int> row;
    const auto writeLead = [&] {
        if (row && !lead.empty())
            m_offsets[size_t(*row)] = (qint64(part) << PartShift) | qint64(bytes.appendLead(lead));
        lead.clear();
    };
    ActivityRepository(db.connection())
        .scanByLead(
            [&](qint64 id, int typeId, qint64 occurredAt) {
                tick();
                if (id != leadId) {
                    writeLead();
                    leadId = id;
                    row = range.leads.rowOf(id);
                }
                const int type = range.types.indexOfId(typeId);
                if (row && type >= 0)
                    lead.push_back({qint64(quint32(std::max<qint64>(0, occurredAt))), type});
            },
            range.fromLeadId, range.toLeadId, range.upToId);
    writeLead();
}

bool ActivityTimeline::hasTheCountsOf(const FeatureIndex &counted) const
{
    if (counted.leadCount() != rows())
        return false;
    std::vector<quint32> counts(size_t(rows()), 0);
    for (int type = 0; type < counted.typeCount(); ++type) {
        counted.forEachRow(type, rows(),
                           [&](int row, float, quint16 count) { counts[size_t(row)] += count; });
    }
    for (int row = 0; row < rows(); ++row) {
        if (counts[size_t(row)] != events(row).size())
            return false;
    }
    return true;
}

ActivityTimeline ActivityTimeline::build(int rows, const std::vector<int> &row,
                                         const std::vector<quint16> &type,
                                         const std::vector<qint64> &at)
{
    std::vector<std::vector<Event>> leads(static_cast<size_t>(rows));
    for (size_t i = 0; i < row.size(); ++i)
        leads[size_t(row[i])].push_back({qint64(quint32(std::max<qint64>(0, at[i]))), type[i]});
    ActivityTimeline t;
    t.m_offsets.assign(size_t(rows), 0);
    for (size_t r = 0; r < leads.size(); ++r) {
        if (!leads[r].empty())
            t.m_offsets[r] = qint64(t.m_parts[0].appendLead(leads[r]));
        t.m_eventCount += qint64(leads[r].size());
    }
    return t;
}

ActivityTimeline::Events ActivityTimeline::events(int row) const
{
    const qint64 offset = m_offsets[size_t(row)];
    const Bytes &part = m_parts[size_t(offset >> PartShift)];
    return Events(part.data() + (offset & ((qint64(1) << PartShift) - 1)));
}

size_t ActivityTimeline::Bytes::appendLead(std::vector<Event> &events)
{
    const auto earlier = [](const Event &a, const Event &b) {
        return a.at != b.at ? a.at < b.at : a.type < b.type;
    };
    // Read in time order, then by type id: only ties of the dense index's order move.
    if (!std::is_sorted(events.begin(), events.end(), earlier))
        std::sort(events.begin(), events.end(), earlier);
    reserve(5 + events.size() * 10); // at most 5 bytes a number
    const size_t start = m_size;
    writeNumber(quint32(events.size()));
    qint64 previous = 0;
    for (const Event &e : events) {
        writeNumber(quint32(e.type));
        writeNumber(quint32(e.at - previous));
        previous = e.at;
    }
    return start;
}

void ActivityTimeline::Bytes::reserve(size_t more)
{
    if (m_size + more <= m_capacity)
        return;
    const size_t capacity = std::max({m_capacity * 2, m_size + more, size_t(1) << 16});
    auto *grown = static_cast<quint8 *>(std::realloc(m_data.get(), capacity));
    if (!grown)
        throw std::bad_alloc();
    (void)m_data.release();
    m_data.reset(grown);
    m_capacity = capacity;
}

void ActivityTimeline::Bytes::writeNumber(quint32 value)
{
    quint8 *p = m_data.get() + m_size;
    for (; value >= 0x80; value >>= 7)
        *p++ = quint8(value | 0x80);
    *p++ = quint8(value);
    m_size = size_t(p - m_data.get());
}

FeatureIndex ActivityTimeline::index(int typeCount, double halfLifeDays, qint64 referenceTime) const
{
    FeatureIndex index(typeCount, halfLifeDays, referenceTime);
    index.resize(rows());
    for (int r = 0; r < rows(); ++r) {
        for (const Event &e : events(r))
            index.add(r, e.type, e.at);
    }
    index.finishBuild();
    return index;
}

FeatureIndex ActivityTimeline::index(const FeatureIndex &counted, double halfLifeDays) const
{
    const auto ownIndex = [&] {
        return index(counted.typeCount(), halfLifeDays, counted.referenceTime());
    };
    if (!m_countedBy || counted.leadCount() != rows())
        return ownIndex();
    // countedBy() says each lead has as many events as `counted` counted; their types must
    // agree too, or the shared counts would not be these events' (an activity retyped since).
    bool sameTypes = true;
    FeatureIndex shared = counted.underHalfLife(halfLifeDays, [&](const auto &add) {
        std::vector<int> tally(size_t(counted.typeCount()), 0);
        for (int r = 0; r < rows(); ++r) {
            const Events events = this->events(r);
            for (const Event &e : events) {
                ++tally[size_t(e.type)];
                add(r, e.type, e.at);
            }
            for (const Event &e : events) {
                int &n = tally[size_t(e.type)];
                sameTypes = sameTypes && (n == 0 || std::min(n, 65535) == counted.count(e.type, r));
                n = 0;
            }
        }
    });
    return sameTypes ? shared : ownIndex();
}

} // namespace handoff
