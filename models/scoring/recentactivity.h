#pragma once

// Per lead, the activities within a recent window (7 days) before the reference time, so a
// score can be compared with what it was a window ago. Few leads are active in any week, so
// they are kept sparse: each activity's type and time, grouped by lead (an offset per lead),
// plus a small list of what arrives after the build. Weights and the window are applied when
// read, at the reference time of that moment: moving the reference time costs nothing, an
// activity that has aged out of the window stops counting, and a saved state read days later
// holds exactly what a fresh build would.

#include <cmath>
#include <memory>
#include <vector>

#include <QHash>

namespace handoff {

class StateReader;
class StateWriter;

class RecentActivity
{
public:
    void setWindow(qint64 seconds) { m_window = seconds; }
    qint64 window() const { return m_window; }
    // The reference time weights are computed for, and the half-life they fade with.
    void setClock(qint64 referenceTime, double halfLifeDays)
    {
        m_referenceTime = referenceTime;
        m_halfLifeDays = halfLifeDays;
    }

    void add(int row, int type, qint64 at);
    // Ends the build: sorts what add() collected by lead.
    void finalize(int leadCount);

    // Calls visit(type, weight, 1) for each activity of the lead within the window, its
    // weight 1 when fresh and 0.5 a half-life before the reference time.
    template <typename Visit> void forEach(int row, Visit visit) const
    {
        const qint64 from = m_referenceTime - m_window;
        const Packed &packed = *m_packed;
        if (size_t(row) + 1 < packed.start.size()) {
            for (qint32 i = packed.start[size_t(row)]; i < packed.start[size_t(row) + 1]; ++i) {
                const qint64 at = m_epoch + packed.at[size_t(i)];
                if (at >= from)
                    visit(packed.typeOf(size_t(i)), weight(at), 1);
            }
        }
        if (m_lateRows.contains(row)) {
            for (const Event &e : m_late) {
                if (e.row == row && e.at >= from)
                    visit(int(e.type), weight(e.at), 1);
            }
        }
    }

    size_t memoryBytes() const;
    // What this one holds in the same memory as `other` (a copy, or its original).
    size_t bytesSharedWith(const RecentActivity &other) const
    {
        return m_packed == other.m_packed ? packedBytes() : 0;
    }
    // What is inside the window now for `leadCount` leads, for a saved state
    // (scoring/startstate.h).
    void save(StateWriter &out, int leadCount) const;
    // Reads what save() wrote for `leadCount` leads and `typeCount` types; throws Error when
    // it does not fit together.
    void restore(StateReader &in, int leadCount, int typeCount);

private:
    struct Event
    {
        qint64 at;
        qint32 row;
        qint16 type;
    };

    qint32 offset(qint64 at) const;
    size_t packedBytes() const;
    float weight(qint64 at) const
    {
        if (m_halfLifeDays <= 0)
            return 1.0f;
        const double age = double(std::max<qint64>(0, m_referenceTime - at));
        return float(std::exp2(-age / (m_halfLifeDays * 86400.0)));
    }

    qint64 m_window = 0;
    qint64 m_referenceTime = 0;
    double m_halfLifeDays = 0;
    bool m_final = false;
    // Until finalize(): what add() collected, in blocks so that growing never copies (nor
    // holds twice) what a million leads' recent week adds up to.
    struct Pending
    {
        qint32 at; // seconds from m_epoch
        qint32 row;
        qint16 type;
    };
    static constexpr size_t PendingBlock = 1 << 16;
    std::vector<std::vector<Pending>> m_building;
    // By lead: its activities are start[row] .. start[row + 1] - 1, by type, then time. Never
    // changed once built, so copies of the index share it.
    struct Packed
    {
        std::vector<qint32> start;
        std::vector<qint32> at;
        // Each activity's type: a byte while there are at most 256 types (millions of
        // activities in a busy week), else two.
        bool wide = false;
        std::vector<quint8> narrowType;
        std::vector<qint16> wideType;
        int typeOf(size_t i) const { return wide ? int(wideType[i]) : int(narrowType[i]); }
        void setType(size_t i, int type)
        {
            if (wide)
                wideType[i] = qint16(type);
            else
                narrowType[i] = quint8(type);
        }
        void resizeTypes(size_t count)
        {
            if (wide)
                wideType.resize(count);
            else
                narrowType.resize(count);
        }
    };
    std::shared_ptr<const Packed> m_packed = std::make_shared<const Packed>();
    qint64 m_epoch = 0;         // times are kept as seconds from this one (the build's time)
    std::vector<Event> m_late;  // added after finalize()
    QHash<int, int> m_lateRows; // rows with late activities, and how many
};

} // namespace handoff
