#pragma once

// Every lead's activities in time order, held compactly in memory (type and time per event,
// lead by lead): what the backtest replays to see when a model would have made a lead an MQL,
// and what a feature index under another half-life is built from without reading the
// database again. A lead's events are their number, then each event's type and the seconds
// since the lead's event before, in bytes of seven bits (about 4 bytes an activity on the
// million-lead demo, 5 with the time in full); they are read lead by lead, in time order,
// and written as they come, so no larger layout is ever held, and walked in order as the
// backtest walks them.

#include <array>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <vector>

#include <QtGlobal>

namespace handoff {

class ActivityCatalogue;
class Database;
class FeatureIndex;
class LeadTable;

class ActivityTimeline
{
public:
    struct Event
    {
        qint64 at = 0; // seconds since the epoch; 0 (UndatedTime) for an undated activity
        int type = 0;  // the dense type index (ActivityCatalogue)
        bool operator==(const Event &) const = default;
    };
    // One lead's events, oldest first (the undated ones first of all), decoded as walked.
    class Events
    {
    public:
        class Iterator
        {
        public:
            using value_type = Event;
            using difference_type = std::ptrdiff_t;
            Iterator() = default;
            Iterator(const quint8 *next, quint32 left)
                : m_next(next)
                , m_left(left)
            {
                ++*this;
            }
            const Event &operator*() const { return m_event; }
            const Event *operator->() const { return &m_event; }
            Iterator &operator++()
            {
                m_done = m_left == 0;
                if (!m_done) {
                    --m_left;
                    m_event.type = int(readNumber(m_next));
                    m_event.at += qint64(readNumber(m_next));
                }
                return *this;
            }
            void operator++(int) { ++*this; }
            bool operator==(std::default_sentinel_t) const { return m_done; }

        private:
            const quint8 *m_next = nullptr;
            quint32 m_left = 0;
            Event m_event;
            bool m_done = true;
        };

        explicit Events(const quint8 *lead)
            : m_first(lead)
            , m_count(readNumber(m_first))
        {}
        Iterator begin() const { return {m_first, m_count}; }
        std::default_sentinel_t end() const { return {}; }
        bool empty() const { return m_count == 0; }
        size_t size() const { return m_count; }

    private:
        const quint8 *m_first;
        quint32 m_count;
    };

    // Told how far a read got; returning false cancels it (read() then throws Error).
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Which activities to read: those stored up to `upToId`. `counted`, when given, is an
    // index that counted exactly those (a console's): whether the events read are the ones
    // it counted is then known (countedBy()).
    struct Source
    {
        qint64 upToId = std::numeric_limits<qint64>::max();
        const FeatureIndex *counted = nullptr;
    };

    ActivityTimeline();
    // The activities of the leads in `leads`: half of the leads read on another thread with a
    // connection of its own.
    static ActivityTimeline read(Database &db, const LeadTable &leads,
                                 const ActivityCatalogue &types, const Source &source,
                                 const Progress &progress = {});
    // From (row, type, time) triples in any order: for tests and callers with data at hand.
    static ActivityTimeline build(int rows, const std::vector<int> &row,
                                  const std::vector<quint16> &type, const std::vector<qint64> &at);

    int rows() const { return int(m_offsets.size()); }
    qint64 eventCount() const { return m_eventCount; }
    Events events(int row) const;
    // Each lead has as many events as the Source's `counted` index counted for it: the index
    // under another half-life can share its counts (when their types agree too).
    bool countedBy() const { return m_countedBy; }
    // A feature index of every event, under `halfLifeDays`, seen from `referenceTime`.
    FeatureIndex index(int typeCount, double halfLifeDays, qint64 referenceTime) const;
    // `counted` (which counted exactly these events: countedBy()) under `halfLifeDays`,
    // sharing with it all but the decayed sums; a whole index of its own otherwise.
    FeatureIndex index(const FeatureIndex &counted, double halfLifeDays) const;

private:
    // Seven bits a byte, low first; the high bit says another byte follows.
    static quint32 readNumber(const quint8 *&p)
    {
        quint32 value = *p & 0x7f;
        for (int shift = 7; *p++ & 0x80; shift += 7)
            value |= quint32(*p & 0x7f) << shift;
        return value;
    }

    // A growing byte buffer. realloc, not a vector: glibc moves a large block's pages
    // (mremap) instead of copying them, so growing never holds the old and the new at once.
    class Bytes
    {
    public:
        const quint8 *data() const { return m_data.get(); }
        size_t size() const { return m_size; }
        // Writes a lead's events, sorted in place by time then type; returns where they start.
        size_t appendLead(std::vector<Event> &events);

    private:
        void reserve(size_t more);
        void writeNumber(quint32 value);
        struct Free
        {
            void operator()(quint8 *p) const { std::free(p); }
        };
        std::unique_ptr<quint8, Free> m_data;
        size_t m_size = 0;
        size_t m_capacity = 0;
    };

    // The leads with ids in [fromLeadId, toLeadId), up to `upToId`, into `part`.
    struct Range
    {
        const LeadTable &leads;
        const ActivityCatalogue &types;
        qint64 fromLeadId;
        qint64 toLeadId;
        qint64 upToId;
    };
    void readPart(Database &db, const Range &range, int part, const std::function<void()> &tick);
    bool hasTheCountsOf(const FeatureIndex &counted) const;

    // Where each lead's events start: the part in the top bits, the place in it below.
    static constexpr int PartShift = 62;
    std::vector<qint64> m_offsets;
    // Two parts, one per reading thread; part 0 starts with the empty lead every lead
    // without events points at.
    std::array<Bytes, 2> m_parts;
    qint64 m_eventCount = 0;
    bool m_countedBy = false;
};

} // namespace handoff
