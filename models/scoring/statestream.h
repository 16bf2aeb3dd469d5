#pragma once

// The binary streams a start state (scoring/startstate.h) is written and read through:
// numbers and arrays as they lie in memory (the file is a cache for this build on this
// machine, which its header checks, not an exchange format), every byte hashed with XXH3 so
// a damaged or cut-off file is told from a good one before anything read from it is used.

#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace handoff {

class StateWriter
{
public:
    explicit StateWriter(QIODevice &device);
    ~StateWriter();

    template <typename T> void value(const T &v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        raw(&v, sizeof v);
    }
    template <typename T> void array(const T *data, size_t count)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        value(quint64(count));
        raw(data, count * sizeof(T));
    }
    template <typename T> void array(const std::vector<T> &v) { array(v.data(), v.size()); }
    // Values without their count: the rest of an array whose count value() wrote, written
    // piece by piece.
    template <typename T> void values(const T *data, size_t count)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        raw(data, count * sizeof(T));
    }
    void bytes(const QByteArray &b) { array(b.constData(), size_t(b.size())); }
    void text(const QString &t) { bytes(t.toUtf8()); }
    void texts(const QStringList &list);
    // Writes the hash of everything before it. Throws Error when the device failed.
    void finish();

private:
    void raw(const void *data, size_t size);

    struct Hash;
    QIODevice &m_device;
    std::unique_ptr<Hash> m_hash;
    bool m_failed = false;
};

// Reads what a StateWriter wrote. The constructor reads the whole file once and checks its
// hash first, so nothing is built from a damaged file; a read past the end or a count beyond
// what `limit` allows throws Error all the same.
class StateReader
{
public:
    // `device` is open and at its start. Throws Error when the hash does not match, or when
    // `keepGoing`, asked every few megabytes read, returns false.
    StateReader(QIODevice &device, QString filePath, std::function<bool()> keepGoing = {});

    template <typename T> T value()
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T v;
        raw(&v, sizeof v);
        return v;
    }
    template <typename T> void array(std::vector<T> &v, size_t limit)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        v.resize(count(limit, sizeof(T)));
        raw(v.data(), v.size() * sizeof(T));
    }
    // Values without their count, as StateWriter::values() wrote them.
    template <typename T> void values(T *data, size_t count)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        raw(data, count * sizeof(T));
    }
    QByteArray bytes(size_t limit);
    QString text() { return QString::fromUtf8(bytes(MaxText)); }
    QStringList texts(size_t limit);
    // A count of things `size` bytes each read from the file, refused when beyond `limit` or
    // beyond what the rest of the file can hold (so nothing is allocated for a count a
    // damaged or hostile file made up).
    size_t count(size_t limit, size_t size = 1);
    // The bytes left before the hash.
    qint64 remaining() const;
    // Throws Error unless everything but the hash has been read.
    void finish();
    // Throws Error saying the file is `why` (damaged, made by another version ...).
    [[noreturn]] void refuse(const QString &why) const;

    static constexpr size_t MaxText = 1 << 20;

private:
    void raw(void *data, size_t size);
    // Asks m_keepGoing once `bytes` more make a few megabytes since it was last asked.
    void askToGoOn(size_t bytes);

    QIODevice &m_device;
    QString m_filePath;
    std::function<bool()> m_keepGoing;
    size_t m_sinceAsked = 0;
    qint64 m_contentEnd = 0; // where the hash begins
    qint64 m_position = 0;   // of the next byte raw() gives, where the device may be ahead
    // Small reads (a count, a short text) come from here, filled 64 KiB at a time: a
    // system call each, a million leads' texts made 58,000 of them.
    std::unique_ptr<char[]> m_buffer;
    size_t m_bufferAt = 0, m_bufferEnd = 0;
};

} // namespace handoff
