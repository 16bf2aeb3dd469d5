#pragma once

// Every lead's activities in time order, held compactly in memory (type and time per event,
// lead by lead): what the backtest replays to see when a model would have made a lead an MQL,
// and what a feature index under another half-life is built from without reading the
// database again. About 5 bytes per activity (6 when the database has more than 256 types).

#include <functional>
#include <limits>
#include <span>
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
    struct Events
    {
        std::span<const quint32> at; // seconds since the epoch, oldest first
        // The dense type index (ActivityCatalogue) of the event at.[i].
        int type(size_t i) const { return narrow.empty() ? int(wide[i]) : int(narrow[i]); }
        std::span<const quint8> narrow; // the types, when a byte holds them
        std::span<const quint16> wide;  // otherwise
    };

    // Told how far a read got; returning false cancels it (read() then throws Error).
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Which activities to read: those stored up to `upToId`. `counted`, when given, is an
    // index that counted exactly those (a console's): its counts lay the timeline out, so
    // the activities are read once; when they do not match the database, they are counted
    // in a first pass after all.
    struct Source
    {
        qint64 upToId = std::numeric_limits<qint64>::max();
        const FeatureIndex *counted = nullptr;
    };

    ActivityTimeline() = default;
    // The activities of the leads in `leads`, read in one read transaction.
    static ActivityTimeline read(Database &db, const LeadTable &leads,
                                 const ActivityCatalogue &types, const Source &source,
                                 const Progress &progress = {});
    // From (row, type, time) triples in any order: for tests and callers with data at hand.
    static ActivityTimeline build(int rows, const std::vector<int> &row,
                                  const std::vector<quint16> &type, const std::vector<qint64> &at);

    int rows() const { return m_offsets.empty() ? 0 : int(m_offsets.size()) - 1; }
    qint64 eventCount() const { return qint64(m_at.size()); }
    Events events(int row) const;
    // read() laid the timeline out from the index's counts and read the activities once (they
    // were counted in a first pass when the counts did not fit the database).
    bool readOnce() const { return m_readOnce; }
    // A feature index of every event, under `halfLifeDays`, seen from `referenceTime`.
    FeatureIndex index(int typeCount, double halfLifeDays, qint64 referenceTime) const;
    // `counted` (which counted exactly these events: readOnce()) under `halfLifeDays`, sharing
    // with it all but the decayed sums; a whole index of its own otherwise.
    FeatureIndex index(const FeatureIndex &counted, double halfLifeDays) const;

private:
    // Places the activities up to `upToId` into the slots m_offsets lays out, reading half of
    // them on another thread with a connection of its own; false when they do not fit it
    // exactly.
    bool placeInTwoHalves(Database &db, const LeadTable &leads, const ActivityCatalogue &types,
                          qint64 firstId, qint64 upToId, const std::function<void()> &tick,
                          const std::function<bool()> &keepGoing);
    // Activities after `afterId` up to `upToId`, of the leads and types known.
    struct Range
    {
        const LeadTable &leads;
        const ActivityCatalogue &types;
        qint64 afterId;
        qint64 upToId;
    };
    // Writes each into its lead's next slot, from the front of its slots or from the back,
    // `placed[row]` counting what it placed there. False when a lead has more than its slots.
    bool fill(Database &db, const Range &range, std::vector<quint32> &placed, bool fromBack,
              const std::function<void()> &tick);
    // Whether what was placed from the front and from the back (none when empty) fills every
    // lead's slots exactly.
    bool filledBy(const std::vector<quint32> &front, const std::vector<quint32> &back) const;
    void sortEachLead();
    // Room for `events` events, their types a byte each unless `wide`.
    void allocate(size_t events, bool wide);
    int typeAt(size_t slot) const
    {
        return m_wide ? int(m_wideTypes[slot]) : int(m_narrowTypes[slot]);
    }
    // Atomic: the two halves of a read may write next to each other.
    void setType(size_t slot, int type);
    void reverse(size_t begin, size_t end);

    std::vector<qint64> m_offsets; // rows + 1 entries
    bool m_readOnce = false;
    std::vector<quint32> m_at;
    // Most databases have a few dozen types: a byte each halves what the types take.
    bool m_wide = false;
    std::vector<quint8> m_narrowTypes;
    std::vector<quint16> m_wideTypes;
};

} // namespace handoff
