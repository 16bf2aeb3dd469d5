#include "scoring/recentactivity.h"

#include <algorithm>
#include <limits>

namespace handoff {

void RecentActivity::add(int row, int type, float weight, qint64 at)
{
    m_events.push_back({at, qint32(row), qint16(type)});
    if (!m_final) {
        m_entries.push_back({qint32(row), qint16(type), 1, weight});
        return;
    }
    const quint64 key = (quint64(quint32(row)) << 16) | quint16(type);
    auto it = m_late.find(key);
    if (it == m_late.end()) {
        // A lead and type already in the sorted part are added to the late table too; both
        // parts are visited, so their sums add up.
        m_late.insert(key, {qint32(row), qint16(type), 1, weight});
        ++m_lateRows[row];
        return;
    }
    it->decayed += weight;
    if (it->count < std::numeric_limits<quint16>::max())
        ++it->count;
}

void RecentActivity::finalize(int leadCount)
{
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        return a.row != b.row ? a.row < b.row : a.type < b.type;
    });
    // Merge repeats of the same lead and type.
    size_t out = 0;
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (out > 0 && m_entries[out - 1].row == m_entries[i].row &&
            m_entries[out - 1].type == m_entries[i].type) {
            m_entries[out - 1].decayed += m_entries[i].decayed;
            const int count = int(m_entries[out - 1].count) + int(m_entries[i].count);
            m_entries[out - 1].count =
                quint16(std::min(count, int(std::numeric_limits<quint16>::max())));
        } else {
            m_entries[out++] = m_entries[i];
        }
    }
    m_entries.resize(out);
    m_entries.shrink_to_fit();
    m_start.assign(size_t(leadCount) + 1, 0);
    size_t e = 0;
    for (int row = 0; row <= leadCount; ++row) {
        while (e < m_entries.size() && m_entries[e].row < row)
            ++e;
        m_start[size_t(row)] = qint32(e);
    }
    m_final = true;
}

void RecentActivity::fade(float factor)
{
    for (Entry &e : m_entries)
        e.decayed *= factor;
    for (Entry &e : m_late)
        e.decayed *= factor;
}

size_t RecentActivity::memoryBytes() const
{
    return m_entries.capacity() * sizeof(Entry) + m_start.capacity() * sizeof(qint32) +
           size_t(m_late.size()) * (sizeof(Entry) + 32) + m_events.capacity() * sizeof(Event);
}

} // namespace handoff
