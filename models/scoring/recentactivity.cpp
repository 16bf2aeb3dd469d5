#include "scoring/recentactivity.h"

#include <algorithm>
#include <limits>

#include <QCoreApplication>

#include "scoring/statestream.h"

namespace handoff {

void RecentActivity::add(int row, int type, qint64 at)
{
    if (!m_final) {
        m_building.push_back({at, qint32(row), qint16(type)});
        return;
    }
    m_late.push_back({at, qint32(row), qint16(type)});
    ++m_lateRows[row];
}

void RecentActivity::finalize(int leadCount)
{
    std::sort(m_building.begin(), m_building.end(), [](const Event &a, const Event &b) {
        if (a.row != b.row)
            return a.row < b.row;
        return a.type != b.type ? a.type < b.type : a.at < b.at;
    });
    m_start.assign(size_t(leadCount) + 1, 0);
    m_epoch = m_referenceTime;
    m_at.resize(m_building.size());
    m_type.resize(m_building.size());
    size_t e = 0;
    for (int row = 0; row <= leadCount; ++row) {
        m_start[size_t(row)] = qint32(e);
        while (e < m_building.size() && m_building[e].row == row) {
            m_at[e] = offset(m_building[e].at);
            m_type[e] = m_building[e].type;
            ++e;
        }
    }
    m_building = {};
    m_final = true;
}

qint32 RecentActivity::offset(qint64 at) const
{
    // Recent activities lie within a window of the epoch; one dated decades ahead is as
    // fresh as one a second ahead.
    return qint32(std::clamp<qint64>(at - m_epoch, std::numeric_limits<qint32>::min(),
                                     std::numeric_limits<qint32>::max()));
}

size_t RecentActivity::memoryBytes() const
{
    return m_building.capacity() * sizeof(Event) + m_start.capacity() * sizeof(qint32) +
           m_at.capacity() * sizeof(qint32) + m_type.capacity() * sizeof(qint16) +
           m_late.capacity() * sizeof(Event) + size_t(m_lateRows.size()) * 16;
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
    size_t l = 0;
    for (int row = 0; row < leadCount; ++row) {
        start[size_t(row)] = qint32(at.size());
        const bool built = size_t(row) + 1 < m_start.size(); // not a lead added since
        for (qint32 i = built ? m_start[size_t(row)] : 0; built && i < m_start[size_t(row) + 1];
             ++i) {
            if (m_epoch + m_at[size_t(i)] >= from) {
                at.push_back(m_at[size_t(i)]);
                type.push_back(m_type[size_t(i)]);
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
    out.array(type);
}

void RecentActivity::restore(StateReader &in, int leadCount, int typeCount)
{
    m_epoch = in.value<qint64>();
    in.array(m_start, size_t(leadCount) + 1);
    in.array(m_at, size_t(std::numeric_limits<qint32>::max()));
    in.array(m_type, m_at.size());
    const bool fits = m_start.size() == size_t(leadCount) + 1 && m_type.size() == m_at.size() &&
                      m_start.front() == 0 && size_t(m_start.back()) == m_at.size() &&
                      std::is_sorted(m_start.cbegin(), m_start.cend()) &&
                      std::all_of(m_type.cbegin(), m_type.cend(),
                                  [typeCount](qint16 t) { return t >= 0 && t < typeCount; });
    if (!fits)
        in.refuse(QCoreApplication::translate("StartState", "damaged (the recent activity)"));
    m_building.clear();
    m_late.clear();
    m_lateRows.clear();
    m_final = true;
}

} // namespace handoff
