#include "scoring/featureindex.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QCoreApplication>

#include "scoring/statestream.h"

namespace handoff {

namespace {
constexpr double SecondsPerDay = 86400.0;
}

FeatureIndex::FeatureIndex(int typeCount, double halfLifeDays, qint64 referenceTime)
    : m_typeCount(typeCount)
    , m_halfLifeDays(halfLifeDays)
    , m_referenceTime(referenceTime)
    , m_storedAt(referenceTime)
    , m_decayed(size_t(typeCount))
    , m_counts(size_t(typeCount))
{
    m_recent.setClock(referenceTime, halfLifeDays);
}

double FeatureIndex::decayFactor(double ageSeconds, double halfLifeDays)
{
    if (halfLifeDays <= 0)
        return 1.0;
    return std::exp2(-std::max(0.0, ageSeconds) / (halfLifeDays * SecondsPerDay));
}

DecayedSums::DecayedSums(int typeCount, int rows, double halfLifeDays, qint64 referenceTime)
    : m_typeCount(typeCount)
    , m_rows(rows)
    , m_capacity(rows)
    , m_halfLifeDays(halfLifeDays)
    , m_referenceTime(referenceTime)
    , m_values(size_t(typeCount) * size_t(rows), 0.0f)
{}

void DecayedSums::resize(int rows)
{
    if (rows <= m_capacity) {
        m_rows = std::max(m_rows, rows);
        return;
    }
    std::vector<float> values(size_t(m_typeCount) * size_t(rows), 0.0f);
    for (int t = 0; t < m_typeCount; ++t)
        std::copy_n(column(t), m_rows, values.data() + size_t(t) * size_t(rows));
    m_values.swap(values);
    m_rows = m_capacity = rows;
}

void DecayedSums::add(int row, int type, qint64 occurredAt)
{
    column(type)[row] +=
        float(FeatureIndex::decayFactor(double(m_referenceTime - occurredAt), m_halfLifeDays));
}

void DecayedSums::advanceTo(qint64 referenceTime)
{
    if (referenceTime <= m_referenceTime)
        return;
    const auto factor =
        float(FeatureIndex::decayFactor(double(referenceTime - m_referenceTime), m_halfLifeDays));
    m_referenceTime = referenceTime;
    if (factor == 1.0f)
        return;
    for (float &value : m_values)
        value *= factor;
}

void FeatureIndex::takeDecay(DecayedSums sums)
{
    Q_ASSERT(sums.m_typeCount == m_typeCount && sums.m_rows <= m_leadCount);
    sums.resize(m_leadCount);
    sums.advanceTo(m_referenceTime);
    setDecayClock(sums.m_halfLifeDays);
    for (int t = 0; t < m_typeCount; ++t) {
        const float *from = sums.column(t);
        m_decayed[size_t(t)].build(m_leadCount, [&](int first, float *values, int n) {
            std::copy_n(from + first, n, values);
        });
        m_decayed[size_t(t)].shareOffsetsWith(m_counts[size_t(t)]);
    }
}

void FeatureIndex::compact()
{
    for (int t = 0; t < m_typeCount; ++t) {
        m_decayed[size_t(t)].compact();
        m_counts[size_t(t)].compact();
        m_decayed[size_t(t)].shareOffsetsWith(m_counts[size_t(t)]);
    }
}

void FeatureIndex::startDecayedSums(double halfLifeDays)
{
    // Only a lead with a count has a sum: sparse where the counts are (and the old sums may
    // be a copy's still).
    for (int t = 0; t < m_typeCount; ++t)
        m_decayed[size_t(t)].startShapedLike(m_counts[size_t(t)]);
    setDecayClock(halfLifeDays);
}

void FeatureIndex::setDecayClock(double halfLifeDays)
{
    m_storedAt = m_referenceTime;
    m_fade = 1;
    m_halfLifeDays = halfLifeDays;
    m_recent.setClock(m_referenceTime, halfLifeDays);
}

void FeatureIndex::resize(int leadCount)
{
    if (leadCount <= m_leadCount)
        return;
    for (int t = 0; t < m_typeCount; ++t) {
        m_decayed[size_t(t)].resize(leadCount, 0.0f);
        m_counts[size_t(t)].resize(leadCount, 0);
    }
    m_lastActivity.resize(leadCount, 0);
    m_lastType.resize(leadCount, -1);
    m_leadCount = leadCount;
}

void FeatureIndex::add(int row, int type, qint64 occurredAt)
{
    // Stored as of m_storedAt: divided by the fade from then to the reference time.
    const double weight = decayFactor(double(m_referenceTime - occurredAt), m_halfLifeDays);
    m_decayed[size_t(type)].write(row) += float(m_fade == 1 ? weight : weight / m_fade);
    quint8 &count = m_counts[size_t(type)].write(row);
    if (count < LargeCount - 1) {
        ++count;
    } else if (count == LargeCount - 1) {
        count = LargeCount;
        m_largeCounts.insert(largeCountKey(type, row), LargeCount);
    } else {
        const qint64 key = largeCountKey(type, row);
        const quint16 large = m_largeCounts.value(key, LargeCount);
        if (large < std::numeric_limits<quint16>::max())
            m_largeCounts.insert(key, quint16(large + 1));
    }
    if (occurredAt >= m_lastActivity[row]) {
        m_lastActivity.write(row) = occurredAt;
        m_lastType.write(row) = qint16(type);
    }
    if (m_recent.window() > 0 && occurredAt >= m_referenceTime - m_recent.window())
        m_recent.add(row, type, occurredAt);
}

void FeatureIndex::advanceTo(qint64 referenceTime)
{
    if (referenceTime <= m_referenceTime)
        return;
    m_referenceTime = referenceTime;
    m_recent.setClock(referenceTime, m_halfLifeDays);
    m_fade = float(decayFactor(double(referenceTime - m_storedAt), m_halfLifeDays));
    // Far below 1 the stored sums of new activities grow as large as the fade is small, and
    // a float keeps 24 bits: written into the sums well before that matters.
    constexpr float SmallestFade = 1.0f / 65536;
    if (m_fade < SmallestFade)
        applyFade();
}

void FeatureIndex::applyFade()
{
    for (SharedBlocks<float> &column : m_decayed)
        column.changeEachValue([this](float &value) { value *= m_fade; });
    m_storedAt = m_referenceTime;
    m_fade = 1;
}

void FeatureIndex::save(StateWriter &out) const
{
    out.value(qint32(m_typeCount));
    out.value(qint32(m_leadCount));
    out.value(m_halfLifeDays);
    out.value(m_referenceTime);
    out.value(m_recent.window());
    const float fade = m_fade; // the sums at the reference time, as a build then holds them
    for (int t = 0; t < m_typeCount; ++t) {
        m_decayed[size_t(t)].saveCompact(out, m_leadCount,
                                         [fade](float stored) { return stored * fade; });
        saveCounts(out, t);
    }
    m_lastActivity.save(out, m_leadCount);
    m_lastType.save(out, m_leadCount);
    m_recent.save(out, m_leadCount);
}

// A byte each as held (a rare type's compact), then the type's large counts by row.
void FeatureIndex::saveCounts(StateWriter &out, int type) const
{
    m_counts[size_t(type)].saveCompact(out, m_leadCount);
    std::vector<qint32> rows;
    for (auto it = m_largeCounts.cbegin(); it != m_largeCounts.cend(); ++it) {
        if (it.key() >> 32 == type)
            rows.push_back(qint32(it.key() & 0xffffffff));
    }
    std::sort(rows.begin(), rows.end());
    std::vector<quint16> counts;
    counts.reserve(rows.size());
    for (const qint32 row : rows)
        counts.push_back(largeCount(type, row));
    out.array(rows);
    out.values(counts.data(), counts.size());
}

void FeatureIndex::restoreCounts(StateReader &in, int type)
{
    const auto refuse = [&in] {
        in.refuse(QStringLiteral("damaged (the activity index's counts)"));
    };
    SharedBlocks<quint8> &small = m_counts[size_t(type)];
    small.restoreCompact(in, m_leadCount);
    // A large count takes some 24 bytes held apart for its 6 in the file: a damaged or
    // hostile file of large counts could ask for many times its size. Leads that did one
    // thing 255 times are a few; past an eighth of them the state is not used (it is a cache:
    // the console counts from the database instead).
    std::vector<qint32> rows;
    in.array(rows, size_t(m_leadCount / 8 + 1024));
    std::vector<quint16> counts(rows.size());
    in.values(counts.data(), counts.size());
    for (size_t k = 0; k < rows.size(); ++k) {
        const qint32 row = rows[k];
        if (row < 0 || row >= m_leadCount || (k > 0 && row <= rows[k - 1]) ||
            counts[k] < LargeCount || small[row] != LargeCount)
            refuse();
        m_largeCounts.insert(largeCountKey(type, row), counts[k]);
    }
}

void FeatureIndex::restore(StateReader &in, qint64 referenceTime, int typeCount, int leadCount)
{
    const auto refuse = [&in] {
        in.refuse(QCoreApplication::translate("StartState", "damaged (the activity index)"));
    };
    const auto typesSaved = in.value<qint32>();
    const auto leadsSaved = in.value<qint32>();
    const auto halfLifeDays = in.value<double>();
    const auto savedAt = in.value<qint64>();
    const auto window = in.value<qint64>();
    // The columns every lead has in full are in the file: refused before anything is
    // allocated for leads it cannot hold.
    constexpr qint64 BytesPerLead = sizeof(qint64) + sizeof(qint16); // last activity, its type
    if (typesSaved != typeCount || leadsSaved != leadCount || window < 0 ||
        BytesPerLead * leadCount > in.remaining())
        refuse();
    *this = FeatureIndex(typeCount, halfLifeDays, savedAt);
    m_recent.setWindow(window);
    // The type columns are built as they are read (sparse where few leads have the type),
    // not set aside dense first.
    m_leadCount = leadCount;
    m_lastActivity.resize(leadCount, 0);
    m_lastType.resize(leadCount, -1);
    for (int t = 0; t < m_typeCount; ++t) {
        m_decayed[size_t(t)].restoreCompact(in, leadCount);
        restoreCounts(in, t);
        // A sum where there is a count: their sparse blocks' offsets held once.
        m_decayed[size_t(t)].shareOffsetsWith(m_counts[size_t(t)]);
    }
    m_lastActivity.restore(in, leadCount);
    m_lastType.restore(in, leadCount);
    if (!m_lastType.allOf(leadCount, [typeCount](qint16 t) { return t >= -1 && t < typeCount; }))
        refuse();
    m_recent.restore(in, leadCount, typeCount);
    advanceTo(referenceTime);
}

size_t FeatureIndex::memoryBytes() const
{
    size_t bytes = m_lastActivity.memoryBytes() + m_lastType.memoryBytes() + m_recent.memoryBytes();
    for (int t = 0; t < m_typeCount; ++t)
        bytes += m_decayed[size_t(t)].memoryBytes(&m_counts[size_t(t)]) +
                 m_counts[size_t(t)].memoryBytes();
    return bytes + size_t(m_largeCounts.size()) * 32; // key, count and the hash's own
}

size_t FeatureIndex::bytesSharedWith(const FeatureIndex &other) const
{
    size_t bytes = m_lastActivity.bytesSharedWith(other.m_lastActivity) +
                   m_lastType.bytesSharedWith(other.m_lastType) +
                   m_recent.bytesSharedWith(other.m_recent);
    for (size_t t = 0; t < std::min(m_decayed.size(), other.m_decayed.size()); ++t) {
        bytes += m_decayed[t].bytesSharedWith(other.m_decayed[t], &m_counts[t]) +
                 m_counts[t].bytesSharedWith(other.m_counts[t]);
    }
    return bytes;
}

} // namespace handoff
