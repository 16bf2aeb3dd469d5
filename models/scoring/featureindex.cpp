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
    for (int t = 0; t < m_typeCount; ++t)
        std::copy_n(sums.column(t), m_leadCount, m_decayed.data() + column(t));
    m_halfLifeDays = sums.m_halfLifeDays;
    m_recent.setClock(m_referenceTime, m_halfLifeDays);
}

void FeatureIndex::grow(int capacity)
{
    // Columns are laid out back to back, so growing re-lays every column.
    std::vector<float> decayed(size_t(m_typeCount) * size_t(capacity), 0.0f);
    std::vector<quint16> counts(size_t(m_typeCount) * size_t(capacity), 0);
    for (int t = 0; t < m_typeCount; ++t) {
        std::copy_n(m_decayed.data() + column(t), m_leadCount,
                    decayed.data() + size_t(t) * size_t(capacity));
        std::copy_n(m_counts.data() + column(t), m_leadCount,
                    counts.data() + size_t(t) * size_t(capacity));
    }
    m_decayed.swap(decayed);
    m_counts.swap(counts);
    m_capacity = capacity;
    m_lastActivity.resize(size_t(capacity), 0);
    m_lastType.resize(size_t(capacity), -1);
}

void FeatureIndex::resize(int leadCount)
{
    if (leadCount > m_capacity)
        grow(std::max(leadCount, m_capacity + m_capacity / 2));
    m_leadCount = std::max(m_leadCount, leadCount);
}

void FeatureIndex::add(int row, int type, qint64 occurredAt)
{
    const size_t at = column(type) + size_t(row);
    const auto weight = float(decayFactor(double(m_referenceTime - occurredAt), m_halfLifeDays));
    m_decayed[at] += weight;
    if (m_counts[at] < std::numeric_limits<quint16>::max())
        ++m_counts[at];
    if (occurredAt >= m_lastActivity[size_t(row)]) {
        m_lastActivity[size_t(row)] = occurredAt;
        m_lastType[size_t(row)] = qint16(type);
    }
    if (m_recent.window() > 0 && occurredAt >= m_referenceTime - m_recent.window())
        m_recent.add(row, type, occurredAt);
}

void FeatureIndex::advanceTo(qint64 referenceTime)
{
    if (referenceTime <= m_referenceTime)
        return;
    const auto factor = float(decayFactor(double(referenceTime - m_referenceTime), m_halfLifeDays));
    m_referenceTime = referenceTime;
    m_recent.setClock(referenceTime, m_halfLifeDays);
    if (factor == 1.0f)
        return;
    for (int t = 0; t < m_typeCount; ++t) {
        float *values = m_decayed.data() + column(t);
        for (int row = 0; row < m_leadCount; ++row)
            values[row] *= factor;
    }
}

void FeatureIndex::save(StateWriter &out) const
{
    out.value(qint32(m_typeCount));
    out.value(qint32(m_leadCount));
    out.value(m_halfLifeDays);
    out.value(m_referenceTime);
    out.value(m_recent.window());
    for (int t = 0; t < m_typeCount; ++t) {
        out.array(m_decayed.data() + column(t), size_t(m_leadCount));
        out.array(m_counts.data() + column(t), size_t(m_leadCount));
    }
    out.array(m_lastActivity.data(), size_t(m_leadCount));
    out.array(m_lastType.data(), size_t(m_leadCount));
    m_recent.save(out, m_leadCount);
}

void FeatureIndex::restore(StateReader &in, qint64 referenceTime)
{
    const auto refuse = [&in] {
        in.refuse(QCoreApplication::translate("StartState", "damaged (the activity index)"));
    };
    const auto typeCount = in.value<qint32>();
    const auto leadCount = in.value<qint32>();
    const auto halfLifeDays = in.value<double>();
    const auto savedAt = in.value<qint64>();
    const auto window = in.value<qint64>();
    // Every column is in the file: refused before anything is allocated for counts it cannot
    // hold.
    constexpr qint64 BytesPerLeadAndType = sizeof(float) + sizeof(quint16);
    constexpr qint64 BytesPerLead = sizeof(qint64) + sizeof(qint16); // last activity, its type
    if (typeCount < 0 || typeCount > 1 << 15 || leadCount < 0 || window < 0 ||
        (qint64(typeCount) * BytesPerLeadAndType + BytesPerLead) * leadCount > in.remaining())
        refuse();
    *this = FeatureIndex(typeCount, halfLifeDays, savedAt);
    m_recent.setWindow(window);
    resize(leadCount);
    for (int t = 0; t < m_typeCount; ++t) {
        in.exactly(m_decayed.data() + column(t), size_t(leadCount));
        in.exactly(m_counts.data() + column(t), size_t(leadCount));
    }
    in.array(m_lastActivity, size_t(leadCount));
    in.array(m_lastType, size_t(leadCount));
    if (m_lastActivity.size() != size_t(leadCount) || m_lastType.size() != size_t(leadCount) ||
        std::any_of(m_lastType.cbegin(), m_lastType.cend(),
                    [typeCount](qint16 t) { return t < -1 || t >= typeCount; }))
        refuse();
    m_recent.restore(in, leadCount, typeCount);
    advanceTo(referenceTime);
}

size_t FeatureIndex::memoryBytes() const
{
    return m_decayed.capacity() * sizeof(float) + m_counts.capacity() * sizeof(quint16) +
           m_lastActivity.capacity() * sizeof(qint64) + m_lastType.capacity() * sizeof(qint16) +
           m_recent.memoryBytes();
}

} // namespace handoff
