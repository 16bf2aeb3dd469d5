#include "scoring/statestream.h"

#include <cstdint>
#include <cstring>

#include <sys/mman.h>

#include <QCoreApplication>
#include <QIODevice>

#include <xxhash.h>

#include "store/error.h"

namespace handoff {

struct StateWriter::Hash
{
    XXH3_state_t *state = XXH3_createState();
    ~Hash() { XXH3_freeState(state); }
};

StateWriter::StateWriter(QIODevice &device)
    : m_device(device)
    , m_hash(std::make_unique<Hash>())
{
    XXH3_64bits_reset(m_hash->state);
}

StateWriter::~StateWriter() = default;

void StateWriter::raw(const void *data, size_t size)
{
    XXH3_64bits_update(m_hash->state, data, size);
    const char *at = static_cast<const char *>(data);
    while (size > 0 && !m_failed) {
        const qint64 written = m_device.write(at, qint64(size));
        m_failed = written <= 0;
        at += std::max<qint64>(written, 0);
        size -= size_t(std::max<qint64>(written, 0));
    }
}

void StateWriter::texts(const QStringList &list)
{
    value(quint64(list.size()));
    for (const QString &t : list)
        text(t);
}

void StateWriter::finish()
{
    // The trailer: how long the content is, then its hash.
    const quint64 length = quint64(m_device.pos());
    raw(&length, sizeof length);
    const quint64 digest = XXH3_64bits_digest(m_hash->state);
    raw(&digest, sizeof digest);
    if (m_failed)
        throw Error(m_device.errorString());
}

StateReader::StateReader(QIODevice &device, QString filePath, std::function<bool()> keepGoing)
    : m_device(device)
    , m_filePath(std::move(filePath))
    , m_keepGoing(std::move(keepGoing))
{
    const qint64 size = m_device.size();
    constexpr qint64 Trailer = 2 * sizeof(quint64); // the content's length, the hash
    quint64 length = 0;
    if (size < Trailer || !m_device.seek(size - Trailer) ||
        m_device.read(reinterpret_cast<char *>(&length), sizeof length) != sizeof length)
        refuse(QCoreApplication::translate("StartState", "cut off"));
    m_contentEnd = size - Trailer;
    if (length > quint64(m_contentEnd))
        refuse(QCoreApplication::translate("StartState", "cut off (%1 of %2 bytes)")
                   .arg(m_contentEnd)
                   .arg(length));
    if (length != quint64(m_contentEnd) || !m_device.seek(0))
        refuse(QCoreApplication::translate("StartState", "damaged (its length is wrong)"));
    // One pass to check, one to read: both from the page cache, and nothing is built from
    // bytes that are not known to be what was written.
    const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> hash(XXH3_createState(),
                                                                        &XXH3_freeState);
    XXH3_state_t *state = hash.get();
    XXH3_64bits_reset(state);
    QByteArray chunk(1 << 22, Qt::Uninitialized);
    qint64 left = m_contentEnd + qint64(sizeof length);
    while (left > 0) {
        const qint64 got = m_device.read(chunk.data(), std::min<qint64>(left, chunk.size()));
        if (got <= 0)
            break;
        XXH3_64bits_update(state, chunk.constData(), size_t(got));
        left -= got;
        askToGoOn(size_t(got));
    }
    const quint64 expected = XXH3_64bits_digest(state);
    quint64 stored = 0;
    if (left > 0 ||
        m_device.read(reinterpret_cast<char *>(&stored), sizeof stored) != sizeof stored)
        refuse(QCoreApplication::translate("StartState", "cut off"));
    if (stored != expected)
        refuse(QCoreApplication::translate("StartState", "damaged (its checksum is wrong)"));
    if (!m_device.seek(0))
        refuse(m_device.errorString());
}

void StateReader::refuse(const QString &why) const
{
    throw Error(why, ErrorWhere::inFile(m_filePath));
}

void StateReader::askToGoOn(size_t bytes)
{
    constexpr size_t Every = 8 << 20;
    m_sinceAsked += bytes;
    if (m_sinceAsked < Every || !m_keepGoing)
        return;
    m_sinceAsked = 0;
    if (!m_keepGoing())
        refuse(QCoreApplication::translate("StartState", "not read further: cancelled"));
}

namespace {
// The pages a large read goes into, made present in one call: written for the first time by
// the read, each costs a fault of its own, and on a virtual machine a fault is dear (a
// million leads' texts, read into chunks no one wrote yet). Advice only: without it, as before.
void populate(void *data, size_t size)
{
#ifdef MADV_POPULATE_WRITE
    constexpr std::uintptr_t Page = 4096;
    constexpr size_t Worth = 256 << 10;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + Page - 1) & ~(Page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(Page - 1);
    if (end > begin && end - begin >= Worth)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#else
    Q_UNUSED(data);
    Q_UNUSED(size);
#endif
}
} // namespace

void StateReader::raw(void *data, size_t size)
{
    constexpr size_t BufferSize = 64 << 10;
    if (size == 0)
        return; // an empty array's data() may be null, which memcpy must not be given
    askToGoOn(size);
    if (m_position + qint64(size) > m_contentEnd)
        refuse(QCoreApplication::translate("StartState", "damaged (it ends too early)"));
    m_position += qint64(size);
    char *at = static_cast<char *>(data);
    size_t left = size;
    const auto fromBuffer = [&] {
        const size_t n = std::min(left, m_bufferEnd - m_bufferAt);
        std::memcpy(at, m_buffer.get() + m_bufferAt, n);
        m_bufferAt += n;
        at += n;
        left -= n;
    };
    const auto readInto = [&](char *into, size_t wanted) {
        const qint64 got = m_device.read(into, qint64(wanted));
        if (got <= 0)
            refuse(QCoreApplication::translate("StartState", "cut off"));
        return size_t(got);
    };
    if (m_buffer)
        fromBuffer();
    if (left >= BufferSize / 2) {
        // Straight into place: an array's bytes, the most of the file.
        populate(at, left);
        while (left > 0) {
            const size_t got = readInto(at, left);
            at += got;
            left -= got;
        }
        return;
    }
    if (!m_buffer)
        m_buffer = std::make_unique<char[]>(BufferSize);
    while (left > 0) {
        // Never into the hash behind the content: the device stays where the content ends.
        const auto ahead =
            size_t(std::min<qint64>(qint64(BufferSize), m_contentEnd - m_device.pos()));
        m_bufferAt = 0;
        m_bufferEnd = readInto(m_buffer.get(), ahead);
        fromBuffer();
    }
}

size_t StateReader::count(size_t limit, size_t size)
{
    const auto n = value<quint64>();
    if (n > limit || n > quint64(remaining()) / std::max<size_t>(size, 1))
        refuse(QCoreApplication::translate("StartState", "damaged (a count of %1)").arg(n));
    return size_t(n);
}

qint64 StateReader::remaining() const
{
    return m_contentEnd - m_position;
}

QByteArray StateReader::bytes(size_t limit)
{
    QByteArray b(qsizetype(count(limit)), Qt::Uninitialized);
    raw(b.data(), size_t(b.size()));
    return b;
}

QStringList StateReader::texts(size_t limit)
{
    QStringList list;
    const size_t n = count(limit, sizeof(quint64)); // each text at least its length
    list.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        list.append(text());
    return list;
}

void StateReader::finish()
{
    if (m_position != m_contentEnd)
        refuse(QCoreApplication::translate("StartState", "damaged (its length is wrong)"));
}

} // namespace handoff
