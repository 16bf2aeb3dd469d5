#include "scoring/recentactivity.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

#include <QCoreApplication>

#include "scoring/statestream.h"

namespace handoff {

void RecentActivity::add(int row, int type, qint64 at)
{
    if (!m_final) {
        if (m_building.empty())
            m_epoch = m_referenceTime;
        if (m_building.empty() || m_building.back().size() == PendingBlock) {
            m_building.emplace_back();
            m_building.back().reserve(PendingBlock);
        }
        m_building.back().push_back({offset(at), qint32(row), qint16(type)});
        return;
    }
    m_late.push_back({at, qint32(row), qint16(type)});
    ++m_lateRows[row];
}

void RecentActivity::finalize(int leadCount)
{
    if (m_building.empty())
        m_epoch = m_referenceTime;
    // Counted into place lead by lead (each block given back once placed), then each lead's
    // few activities sorted by type and time.
    Packed packed;
    std::vector<qint32> &start = packed.start;
    start.assign(size_t(leadCount) + 1, 0);
    for (const std::vector<Pending> &block : m_building) {
        for (const Pending &p : block) {
            if (unsigned(p.row) < unsigned(leadCount))
                ++start[size_t(p.row) + 1];
            packed.wide = packed.wide || p.type > 255;
        }
    }
    std::partial_sum(start.cbegin(), start.cend(), start.begin());
    packed.at.resize(size_t(start.back()));
    packed.resizeTypes(size_t(start.back()));
    std::vector<qint32> next(start.cbegin(), start.cend() - 1);
    for (std::vector<Pending> &block : m_building) {
        for (const Pending &p : block) {
            if (unsigned(p.row) < unsigned(leadCount)) {
                const auto i = size_t(next[size_t(p.row)]++);
                packed.at[i] = p.at;
                packed.setType(i, p.type);
            }
        }
        std::vector<Pending>().swap(block);
    }
    std::vector<std::vector<Pending>>().swap(m_building);
    std::vector<std::pair<int, qint32>> lead;
    for (int row = 0; row < leadCount; ++row) {
        const auto from = size_t(start[size_t(row)]);
        const auto to = size_t(start[size_t(row) + 1]);
        if (to - from < 2)
            continue;
        lead.clear();
        for (size_t i = from; i < to; ++i)
            lead.emplace_back(packed.typeOf(i), packed.at[i]);
        std::sort(lead.begin(), lead.end());
        for (size_t i = from; i < to; ++i) {
            packed.setType(i, lead[i - from].first);
            packed.at[i] = lead[i - from].second;
        }
    }
    m_packed = std::make_shared<const Packed>(std::move(packed));
    m_final = true;
}

qint32 RecentActivity::offset(qint64 at) const
{
    // Recent activities lie within a window of the epoch; one dated decades ahead is as
    // fresh as one a second ahead.
    return qint32(std::clamp<qint64>(at - m_epoch, std::numeric_limits<qint32>::min(),
                                     std::numeric_limits<qint32>::max()));
}

size_t RecentActivity::packedBytes() const
{
    return m_packed->start.capacity() * sizeof(qint32) + m_packed->at.capacity() * sizeof(qint32) +
           m_packed->narrowType.capacity() + m_packed->wideType.capacity() * sizeof(qint16);
}

size_t RecentActivity::memoryBytes() const
{
    size_t building = 0;
    for (const std::vector<Pending> &block : m_building)
        building += block.capacity() * sizeof(Pending);
    return building + packedBytes() + m_late.capacity() * sizeof(Event) +
           size_t(m_lateRows.size()) * 16;
}

void RecentActivity::save(StateWriter &out, int leadCount) const
{
    // The sorted part and the late list merged, lead by lead, without what has left the window.
    std::vector<Event> late = m_late;
    std::sort(late.begin(), late.end(),
              [](const Event &a, const Event &b) { return a.row < b.row; });
    const qint64 from = m_referenceTime - m_window;
    std::vector<qint32> start(size_t(leadCount) + 1, 0);
    std::vector<qint32> at;
    std::vector<qint16> type;
    const Packed &packed = *m_packed;
    size_t l = 0;
    for (int row = 0; row < leadCount; ++row) {
        start[size_t(row)] = qint32(at.size());
        const bool built = size_t(row) + 1 < packed.start.size(); // not a lead added since
        for (qint32 i = built ? packed.start[size_t(row)] : 0;
             built && i < packed.start[size_t(row) + 1]; ++i) {
            if (m_epoch + packed.at[size_t(i)] >= from) {
                at.push_back(packed.at[size_t(i)]);
                type.push_back(qint16(packed.typeOf(size_t(i))));
            }
        }
        for (; l < late.size() && late[l].row <= row; ++l) {
            if (late[l].row == row && late[l].at >= from) {
                at.push_back(offset(late[l].at));
                type.push_back(late[l].type);
            }
        }
    }
    start[size_t(leadCount)] = qint32(at.size());
    out.value(m_epoch);
    out.array(start);
    out.array(at);
    out.array(type); // two bytes each, as states have always held them
}

void RecentActivity::restore(StateReader &in, int leadCount, int typeCount)
{
    m_epoch = in.value<qint64>();
    Packed packed;
    in.array(packed.start, size_t(leadCount) + 1);
    in.array(packed.at, size_t(std::numeric_limits<qint32>::max()));
    const auto refuse = [&in] {
        in.refuse(QCoreApplication::translate("StartState", "damaged (the recent activity)"));
    };
    const std::vector<qint32> &start = packed.start;
    if (start.size() != size_t(leadCount) + 1 || start.front() != 0 ||
        size_t(start.back()) != packed.at.size() || !std::is_sorted(start.cbegin(), start.cend()))
        refuse();
    // The types, two bytes each in the file, read a block at a time into the width held.
    const size_t count = in.count(packed.at.size(), sizeof(qint16));
    if (count != packed.at.size())
        refuse();
    packed.wide = typeCount > 256;
    packed.resizeTypes(count);
    std::vector<qint16> block(size_t(1) << 16);
    for (size_t done = 0; done < count; done += block.size()) {
        const size_t n = std::min(block.size(), count - done);
        in.values(block.data(), n);
        for (size_t i = 0; i < n; ++i) {
            if (block[i] < 0 || block[i] >= typeCount)
                refuse();
            packed.setType(done + i, block[i]);
        }
    }
    m_packed = std::make_shared<const Packed>(std::move(packed));
    m_building.clear();
    m_late.clear();
    m_lateRows.clear();
    m_final = true;
}

} // namespace handoff
