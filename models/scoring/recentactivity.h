#pragma once

// Per lead and activity type, the decayed sums and counts of the activities within a recent
// window (7 days) before the reference time, so a score can be compared with what it was a
// window ago. Few leads are active in any week and each in few types, so the sums are kept
// sparse: entries sorted by lead with an offset per lead, plus a small table for what
// arrives after the build. An activity that ages out of the window while the console runs
// stays counted until the next load.

#include <vector>

#include <QHash>

namespace handoff {

class RecentActivity
{
public:
    void setWindow(qint64 seconds) { m_window = seconds; }
    qint64 window() const { return m_window; }

    // One activity at `at`, weighing `weight` at the reference time.
    void add(int row, int type, float weight, qint64 at);
    // Ends the build: sorts and merges what add() collected.
    void finalize(int leadCount);
    // Every sum fades by the same factor as the reference time moves.
    void fade(float factor);

    // Calls visit(type, decayedSum, count) for each type the lead did in the window.
    template <typename Visit> void forEach(int row, Visit visit) const
    {
        if (size_t(row) + 1 < m_start.size()) {
            for (qint32 i = m_start[size_t(row)]; i < m_start[size_t(row) + 1]; ++i)
                visit(int(m_entries[size_t(i)].type), m_entries[size_t(i)].decayed,
                      int(m_entries[size_t(i)].count));
        }
        if (m_lateRows.contains(row)) {
            for (auto it = m_late.cbegin(); it != m_late.cend(); ++it) {
                if (it->row == row)
                    visit(int(it->type), it->decayed, int(it->count));
            }
        }
    }

    size_t memoryBytes() const;

    // The activities counted, as a saved start state keeps them to count them again at a
    // later reference time (some will have left the window by then).
    struct Event
    {
        qint64 at;
        qint32 row;
        qint16 type;
    };
    const std::vector<Event> &events() const { return m_events; }

private:
    struct Entry
    {
        qint32 row;
        qint16 type;
        quint16 count;
        float decayed;
    };

    qint64 m_window = 0;
    bool m_final = false;
    std::vector<Entry> m_entries;
    std::vector<qint32> m_start;  // per row, its first entry; one past the last row at the end
    QHash<quint64, Entry> m_late; // (row, type) added after finalize()
    QHash<int, int> m_lateRows;   // rows with late entries, and how many
    std::vector<Event> m_events;
};

} // namespace handoff
