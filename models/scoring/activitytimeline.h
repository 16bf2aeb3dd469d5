#pragma once

// Every lead's activities in time order, held compactly in memory (type and time per event,
// lead by lead): what the backtest replays to see when a model would have made a lead an MQL,
// and what a feature index under another half-life is built from without reading the
// database again. 4 bytes per activity when laid out from a console's index and each lead's
// history fits (below); otherwise 5 (6 when the database has more than 256 types).

#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include <QtGlobal>

#include "scoring/sharedblocks.h"

namespace handoff {

class ActivityCatalogue;
class Database;
class FeatureIndex;
class LeadTable;

class ActivityTimeline
{
public:
    // One lead's events, oldest first (undated ones, at UndatedTime, before the rest).
    class Events
    {
    public:
        size_t size() const { return m_count; }
        // Seconds since the epoch.
        qint64 at(size_t i) const
        {
            if (m_typeBits == 0)
                return m_words[i];
            const quint32 code = m_words[i] >> m_typeBits;
            return code == 0 ? 0 : m_codeBase + code;
        }
        // The dense type index (ActivityCatalogue) of event i.
        int type(size_t i) const
        {
            if (m_typeBits != 0)
                return int(m_words[i] & ((1u << m_typeBits) - 1));
            return m_narrow ? int(m_narrow[i]) : int(m_wide[i]);
        }

    private:
        friend class ActivityTimeline;
        size_t m_count = 0;
        // Packed (m_typeBits > 0): each word is a time code above a type. Otherwise the times.
        const quint32 *m_words = nullptr;
        int m_typeBits = 0;
        qint64 m_codeBase = 0; // the time of code 0 (code 0 itself means undated)
        const quint8 *m_narrow = nullptr;
        const quint16 *m_wide = nullptr;
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
    qint64 eventCount() const { return m_offsets.empty() ? 0 : qint64(m_offsets.back()); }
    Events events(int row) const;
    // read() laid the timeline out from the index's counts and read the activities once (they
    // were counted in a first pass when the counts did not fit the database).
    bool readOnce() const { return m_readOnce; }
    // Each event in one word: its type in the low bits, and above them its time as seconds
    // before its lead's latest activity (the index's, shared with it). read() packs when laid
    // out from an index and every lead's dated history spans less than the bits left (4.2
    // years with up to 32 types, 388 days with up to 128); else it reads them again unpacked.
    bool packed() const { return m_typeBits != 0; }
    // A feature index of every event, under `halfLifeDays`, seen from `referenceTime`.
    FeatureIndex index(int typeCount, double halfLifeDays, qint64 referenceTime) const;
    // `counted` (which counted exactly these events: readOnce()) under `halfLifeDays`, sharing
    // with it all but the decayed sums; a whole index of its own otherwise.
    FeatureIndex index(const FeatureIndex &counted, double halfLifeDays) const;

private:
    // Places the activities up to `upToId` into the slots m_offsets lays out, reading half of
    // them on another thread with a connection of its own; false when they do not fit it
    // exactly (or, packed, a time does not fit its word).
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
    // `placed[row]` counting what it placed there. False when a lead has more than its slots
    // (or than `placed` counts), or a time does not fit a packed word.
    template <typename Count>
    bool fill(Database &db, const Range &range, std::vector<Count> &placed, bool fromBack,
              const std::function<void()> &tick);
    // Whether what was placed from the front and from the back (none when empty) fills every
    // lead's slots exactly.
    template <typename Count>
    bool filledBy(const std::vector<Count> &front, const std::vector<Count> &back) const;
    // Lays out the slots: each lead's events counted first, straight into m_offsets (from
    // index 1; no wider list of counts beside it at the read's peak), then summed in place.
    void startCounts(int rows);
    void count(int row, quint32 events);
    void layOut();
    void sortEachLead();
    // Room for `events` events: packed words when `typeBits` > 0, else times and types (a
    // byte each unless `wide`).
    void allocate(size_t events, int typeBits, bool wide);
    // The word that holds `type` at `at` among `row`'s events, unless the time does not fit.
    std::optional<quint32> packedWord(int row, qint64 at, int type) const;
    // Writes the event into `slot`; false when packed and its time does not fit. Atomic: the
    // two halves of a read may write next to each other.
    bool place(size_t slot, int row, qint64 at, int type);
    void reverse(size_t begin, size_t end);
    size_t begin(int row) const { return m_offsets[size_t(row)]; }
    size_t end(int row) const { return m_offsets[size_t(row) + 1]; }

    // Where each lead's events begin (rows + 1 entries): 4 bytes, as a process holds far
    // fewer than 4 billion activities (read() refuses more).
    std::vector<quint32> m_offsets;
    quint64 m_counted = 0; // while counting
    bool m_readOnce = false;
    // Packed: the words, and each lead's latest activity their times count back from.
    int m_typeBits = 0;
    SharedBlocks<qint64> m_latest;
    // Unpacked: the times, and the types (most databases have a few dozen: a byte each).
    std::vector<quint32> m_words;
    bool m_wide = false;
    std::vector<quint8> m_narrowTypes;
    std::vector<quint16> m_wideTypes;
};

} // namespace handoff
