#include "io/keyindex.h"

#include <bit>
#include <cstring>

#include <QHashFunctions>

namespace handoff {

namespace {

constexpr size_t MinSlots = 1024;
constexpr qsizetype MaxKeyBytes = (1 << 16) - 1;

quint64 tagOf(quint64 hash)
{
    return hash >> 58;
}

} // namespace

QByteArrayView KeyIndex::utf8(QStringView key) const
{
    // Keys are mostly ASCII: copy those bytes straight into the reused buffer.
    m_scratch.resize(key.size());
    char *out = m_scratch.data();
    for (const QChar c : key) {
        if (c.unicode() >= 0x80) {
            m_scratch = key.toUtf8();
            return m_scratch;
        }
        *out++ = char(c.unicode());
    }
    return m_scratch;
}

quint64 KeyIndex::hashOf(QByteArrayView key)
{
    return qHashBits(key.data(), size_t(key.size()));
}

size_t KeyIndex::probe(quint64 hash, QByteArrayView key, bool *found) const
{
    const quint64 tag = tagOf(hash);
    const size_t mask = m_slots.size() - 1;
    size_t reusable = m_slots.size();
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.state == Empty) {
            *found = false;
            return reusable < m_slots.size() ? reusable : i;
        }
        if (slot.state == Removed) {
            reusable = std::min(reusable, i);
            continue;
        }
        if (slot.tag == tag && qsizetype(slot.length) == key.size() &&
            std::memcmp(m_keys.constData() + slot.offset, key.data(), size_t(key.size())) == 0) {
            *found = true;
            return i;
        }
    }
}

std::optional<qint64> KeyIndex::find(QStringView key) const
{
    if (m_size == 0)
        return std::nullopt;
    const QByteArrayView bytes = utf8(key);
    bool found = false;
    const size_t i = probe(hashOf(bytes), bytes, &found);
    return found ? std::optional(m_slots[i].value) : std::nullopt;
}

void KeyIndex::insert(QStringView key, qint64 value)
{
    // At most 70% of the slots in use (removed ones count), so probes stay short.
    if (size_t(m_size + m_removed + 1) * 10 > m_slots.size() * 7)
        rehash(std::max(MinSlots, std::bit_ceil(size_t(m_size + 1) * 2)));
    const QByteArrayView bytes = utf8(key);
    if (bytes.size() > MaxKeyBytes)
        return; // no id or e-mail address is 64 KB long; such a key finds nothing
    const quint64 hash = hashOf(bytes);
    bool found = false;
    const size_t i = probe(hash, bytes, &found);
    Slot &slot = m_slots[i];
    if (found) {
        slot.value = value;
        return;
    }
    if (slot.state == Removed)
        --m_removed;
    slot.tag = tagOf(hash);
    slot.value = value;
    slot.offset = quint64(m_keys.size());
    slot.length = quint64(bytes.size());
    slot.state = Used;
    m_keys.append(bytes);
    ++m_size;
}

void KeyIndex::remove(QStringView key)
{
    if (m_size == 0)
        return;
    const QByteArrayView bytes = utf8(key);
    bool found = false;
    const size_t i = probe(hashOf(bytes), bytes, &found);
    if (!found)
        return;
    m_slots[i].state = Removed;
    --m_size;
    ++m_removed;
}

void KeyIndex::reserve(qsizetype keys)
{
    const size_t wanted = std::max(MinSlots, std::bit_ceil(size_t(keys) * 10 / 7 + 1));
    if (wanted > m_slots.size())
        rehash(wanted);
}

void KeyIndex::rehash(size_t slotCount)
{
    std::vector<Slot> old(slotCount);
    old.swap(m_slots);
    const size_t mask = m_slots.size() - 1;
    for (const Slot &slot : old) {
        if (slot.state != Used)
            continue;
        // Slots keep only a few bits of the hash: work it out again from the key.
        size_t i =
            hashOf(QByteArrayView(m_keys.constData() + slot.offset, qsizetype(slot.length))) & mask;
        while (m_slots[i].state != Empty)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
    m_removed = 0;
}

size_t KeyIndex::memoryBytes() const
{
    return size_t(m_keys.capacity()) + m_slots.capacity() * sizeof(Slot);
}

} // namespace handoff
