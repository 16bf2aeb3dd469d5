#pragma once

// Finds a lead by a text key (its external id, or its case-folded e-mail address) during an
// import of a million leads. Keys sit as UTF-8 back to back in one buffer; the table holds,
// in 16 bytes a slot, the value, where the key is and a few bits of its hash: 50 to 85 bytes
// for a 22-character key where a QHash<QString, qint64> takes some 120, and a lookup from a
// QStringView allocates nothing for ASCII keys. Removing a key leaves its
// bytes in the buffer (imports rarely change a lead's keys).

#include <optional>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace handoff {

class KeyIndex
{
public:
    std::optional<qint64> find(QStringView key) const;
    bool contains(QStringView key) const { return find(key).has_value(); }
    // Adds the key, or gives it a new value.
    void insert(QStringView key, qint64 value);
    void remove(QStringView key);
    void reserve(qsizetype keys);
    qsizetype size() const { return m_size; }
    size_t memoryBytes() const;

private:
    enum State : quint8 { Empty, Used, Removed };
    struct Slot
    {
        qint64 value = 0;
        quint64 offset : 40 = 0; // where the key's bytes start in m_keys
        quint64 length : 16 = 0;
        quint64 tag : 6 = 0; // the hash's top bits: most other keys differ here already
        quint64 state : 2 = Empty;
    };
    static_assert(sizeof(Slot) == 16);

    QByteArrayView utf8(QStringView key) const;
    static quint64 hashOf(QByteArrayView key);
    // The slot holding `key`, else the one it would go in; *found says which.
    size_t probe(quint64 hash, QByteArrayView key, bool *found) const;
    void rehash(size_t slotCount);

    QByteArray m_keys;
    std::vector<Slot> m_slots;
    qsizetype m_size = 0;
    qsizetype m_removed = 0;
    mutable QByteArray m_scratch; // the key being looked up, as UTF-8
};

} // namespace handoff
