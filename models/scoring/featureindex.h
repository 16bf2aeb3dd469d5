#pragma once

// Per lead and per activity type: how many activities there were and their decayed sum at
// the reference time, sum(0.5 ^ (age / half-life)). Built once from the database, then fed
// each new activity. A weight change rescores from these numbers without touching SQL.
// Stored type by type (one column per type) so a change to one type's weight reads only that
// type's column; copies share the columns' blocks until one of them writes.

#include <cstdint>
#include <vector>

#include <QHash>
#include <QtGlobal>

#include "scoring/recentactivity.h"
#include "scoring/sharedblocks.h"

namespace handoff {

class StateReader;
class StateWriter;

// Decayed sums under another half-life, per type and lead, counted apart (in the background)
// and taken by FeatureIndex::takeDecay: a new half-life changes nothing else an index holds
// (counts, latest activity, the recent week), so only these are counted again.
class DecayedSums
{
public:
    DecayedSums() = default;
    DecayedSums(int typeCount, int rows, double halfLifeDays, qint64 referenceTime);

    int rows() const { return m_rows; }
    double halfLifeDays() const { return m_halfLifeDays; }
    qint64 referenceTime() const { return m_referenceTime; }
    // New rows start at 0.
    void resize(int rows);
    // The same weight FeatureIndex::add gives it.
    void add(int row, int type, qint64 occurredAt);
    // Fades every sum to a later reference time.
    void advanceTo(qint64 referenceTime);

private:
    friend class FeatureIndex;
    float *column(int type) { return m_values.data() + size_t(type) * size_t(m_capacity); }

    int m_typeCount = 0;
    int m_rows = 0;
    int m_capacity = 0;
    double m_halfLifeDays = 0;
    qint64 m_referenceTime = 0;
    std::vector<float> m_values; // typeCount columns of m_capacity rows
};

class FeatureIndex
{
public:
    FeatureIndex() = default;
    FeatureIndex(int typeCount, double halfLifeDays, qint64 referenceTime);

    int typeCount() const { return m_typeCount; }
    int leadCount() const { return m_leadCount; }
    double halfLifeDays() const { return m_halfLifeDays; }
    qint64 referenceTime() const { return m_referenceTime; }

    // Makes room for rows up to leadCount - 1; new rows start empty.
    void resize(int leadCount);
    // Counts one activity. One that lies after the reference time counts as fresh (age 0).
    void add(int row, int type, qint64 occurredAt);
    // Moves the reference time forward: every decayed sum fades by the same factor.
    void advanceTo(qint64 referenceTime);
    // Takes sums counted under another half-life for the same activities and rows, at this
    // index's reference time: the index is then under that half-life.
    void takeDecay(DecayedSums sums);

    float decayedSum(int type, int row) const { return m_decayed[size_t(type)][row] * m_fade; }
    // Saturates at 65535.
    quint16 count(int type, int row) const
    {
        const quint8 small = m_counts[size_t(type)][row];
        return small < LargeCount ? small : largeCount(type, row);
    }
    // Calls visit(row, decayedSum, count) for rows 0 .. rows - 1 (those the index holds), in
    // order: a whole type's column at the speed of an array, the same sums decayedSum() gives.
    template <typename Visit> void forEachRow(int type, int rows, Visit visit) const
    {
        for (int first = 0; first < rows; first += BlockSize)
            forEachRowOfBlock(type, first, std::min(BlockSize, rows - first), visit);
    }
    // The same for rows first .. first + n - 1, within one block of BlockSize rows (`first` a
    // multiple of it): what a caller that keeps its own columns in such blocks visits them by.
    static constexpr int BlockSize = SharedBlocks<float>::BlockSize;
    template <typename Visit> void forEachRowOfBlock(int type, int first, int n, Visit visit) const
    {
        n = std::min(n, m_leadCount - first);
        if (n <= 0)
            return;
        // A rare type's blocks are mostly sparse: laid out here for the visit.
        float decayedRoom[BlockSize];
        quint8 countRoom[BlockSize];
        const float *decayed = m_decayed[size_t(type)].readBlock(first, decayedRoom);
        const quint8 *count = m_counts[size_t(type)].readBlock(first, countRoom);
        const float fade = m_fade;
        for (int i = 0; i < n; ++i) {
            visit(first + i, decayed[i] * fade,
                  count[i] < LargeCount ? quint16(count[i]) : largeCount(type, first + i));
        }
    }
    qint64 lastActivityAt(int row) const { return m_lastActivity[row]; }
    // Every lead's latest activity, to share (a copy costs a pointer per block).
    const SharedBlocks<qint64> &lastActivityColumn() const { return m_lastActivity; }
    // The type of the lead's latest activity; -1 when it has none.
    int lastActivityType(int row) const { return m_lastType[row]; }

    // Activities within `seconds` before the reference time are also summed apart, so a
    // score can be compared with what it was that long ago. Set it before adding activities
    // and call finishBuild() once the initial activities are in.
    void setRecentWindow(qint64 seconds) { m_recent.setWindow(seconds); }
    // (It also keeps sparse the blocks of sums and counts that are mostly empty.)
    void finishBuild()
    {
        m_recent.finalize(m_leadCount);
        compact();
    }
    const RecentActivity &recent() const { return m_recent; }

    // This index under another half-life, sharing with it what a half-life does not change
    // (counts, latest activity, the recent week): `replay(add)` calls add(row, type, time)
    // for each activity this index counted, and only the decayed sums are counted again.
    template <typename Replay> FeatureIndex underHalfLife(double halfLifeDays, Replay replay) const
    {
        FeatureIndex other = *this;
        other.startDecayedSums(halfLifeDays);
        replay([&other](int row, int type, qint64 occurredAt) {
            other.m_decayed[size_t(type)].write(row) += float(
                decayFactor(double(other.m_referenceTime - occurredAt), other.m_halfLifeDays));
        });
        return other;
    }

    // The weight of one activity of this age: 1 when fresh, 0.5 after one half-life.
    static double decayFactor(double ageSeconds, double halfLifeDays);

    size_t memoryBytes() const;
    // What this index holds in the same memory as `other`, a copy of it or its original:
    // shared until one of them counts an activity into a block.
    size_t bytesSharedWith(const FeatureIndex &other) const;
    void save(StateWriter &out) const;
    // Replaces the index with what save() wrote, faded to `referenceTime` (when later than
    // the saved one) exactly as advanceTo() fades; the recent window is counted again from
    // the activities kept with it. Throws Error when it does not fit together or holds
    // another number of types or leads than expected (checked before anything is set aside
    // for them).
    void restore(StateReader &in, qint64 referenceTime, int typeCount, int leadCount);

private:
    // A count column holds counts below this; from it on the count is in m_largeCounts.
    static constexpr quint8 LargeCount = 255;
    static qint64 largeCountKey(int type, int row) { return (qint64(type) << 32) | quint32(row); }
    quint16 largeCount(int type, int row) const
    {
        return m_largeCounts.value(largeCountKey(type, row), LargeCount);
    }
    // Every decayed sum 0 in blocks of this index's own, counted afresh under `halfLifeDays`
    // from the reference time on; the rest of the index unchanged.
    void startDecayedSums(double halfLifeDays);
    // The sums as stored now are the sums at the reference time, under `halfLifeDays`.
    void setDecayClock(double halfLifeDays);
    // Keeps sparse the blocks of sums and counts that hold few leads (a rare activity type's).
    void compact();
    void saveCounts(StateWriter &out, int type) const;
    void restoreCounts(StateReader &in, int type);
    // Writes the fade into every stored sum (when it has grown too small to keep apart).
    void applyFade();

    int m_typeCount = 0;
    int m_leadCount = 0;
    double m_halfLifeDays = 0;
    qint64 m_referenceTime = 0;
    // The sums are stored as they were at m_storedAt and read times m_fade, their fade from
    // then to the reference time: moving the clock changes one number, not every block a
    // copy shares (scoring/sharedblocks.h).
    qint64 m_storedAt = 0;
    float m_fade = 1;
    std::vector<SharedBlocks<float>> m_decayed; // by type, a value per row
    // A byte per lead and type: few leads do one thing 255 times or more, and those counts are
    // kept apart (a hash a copy shares until either side writes to it).
    std::vector<SharedBlocks<quint8>> m_counts;
    QHash<qint64, quint16> m_largeCounts; // by largeCountKey(); saturates at 65535
    SharedBlocks<qint64> m_lastActivity;
    SharedBlocks<qint16> m_lastType;
    RecentActivity m_recent;
};

} // namespace handoff
