#pragma once

// A column of mostly distinct texts (names, e-mail addresses) kept as UTF-8 in chunks of
// 1 MiB with a place per row: a few bytes per row instead of a QString each. Copies share the
// chunks and the places' blocks (scoring/sharedblocks.h) until one of them writes: a text
// added goes to the last chunk, so only that one is copied. Rewriting a row adds the new
// text; the old bytes stay until the table is rebuilt.

#include <limits>
#include <vector>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include "scoring/sharedblocks.h"
#include "scoring/statestream.h"
#include "store/error.h"

namespace handoff {

class PackedStrings
{
public:
    int size() const { return m_begins.size(); }
    // Rows up to a new one are empty.
    void set(int row, const QString &text) { place(row, text); }
    QString at(int row) const
    {
        const quint32 from = m_begins[row];
        const char *chunk = m_chunks[from >> ChunkShift].constData();
        return QString::fromUtf8(chunk + (from & ChunkMask), qsizetype(m_ends[row] - from));
    }

    void save(StateWriter &out) const
    {
        out.value(quint64(m_chunks.size()));
        for (const QByteArray &chunk : m_chunks)
            out.bytes(chunk);
        m_begins.save(out, size());
        m_ends.save(out, size());
    }
    // Reads what save() wrote for `rows` rows; throws Error when it does not fit together.
    void restore(StateReader &in, int rows)
    {
        *this = PackedStrings();
        m_chunks.resize(in.count((MaxPlace >> ChunkShift) + 1, sizeof(quint64)));
        for (QByteArray &chunk : m_chunks)
            chunk = in.bytes(MaxPlace);
        m_begins.resize(rows, 0);
        m_ends.resize(rows, 0);
        m_begins.restore(in, rows);
        m_ends.restore(in, rows);
        const auto fits = [this](quint32 from, quint32 to) {
            const size_t chunk = from >> ChunkShift;
            return from <= to && chunk < m_chunks.size() &&
                   to - (quint64(chunk) << ChunkShift) <= quint64(m_chunks[chunk].size());
        };
        // The next text goes after the last chunk's, or after the next edge when that chunk
        // is full (or holds one long text).
        if (!m_chunks.empty()) {
            const auto last = quint64(m_chunks.back().size());
            m_end = (quint64(m_chunks.size() - 1) << ChunkShift) + last;
            if (last >= ChunkBytes)
                m_end = roundedUp(m_end);
        }
        const bool placed = m_end <= MaxPlace + 1;
        for (int row = 0; placed && row < rows; ++row) {
            if (!fits(m_begins[row], m_ends[row]))
                in.refuse(QStringLiteral("damaged (a text's place)"));
        }
        if (!placed)
            in.refuse(QStringLiteral("damaged (a text column's length)"));
    }
    size_t memoryBytes() const
    {
        size_t bytes = m_begins.memoryBytes() + m_ends.memoryBytes();
        for (const QByteArray &chunk : m_chunks)
            bytes += size_t(chunk.capacity());
        return bytes;
    }

private:
    static constexpr int ChunkShift = 20;
    static constexpr quint64 ChunkBytes = quint64(1) << ChunkShift;
    static constexpr quint64 ChunkMask = ChunkBytes - 1;
    // Places are 32-bit: 4 GiB of text in a column at most.
    static constexpr quint64 MaxPlace = std::numeric_limits<quint32>::max();

    void place(int row, const QString &text)
    {
        m_begins.resize(row + 1, 0);
        m_ends.resize(row + 1, 0);
        const QByteArray utf8 = text.toUtf8();
        const auto size = quint64(utf8.size());
        // A text lies in one chunk: one that does not fit what is left of the last chunk
        // starts the next, and one longer than a chunk has a chunk of its own.
        if ((m_end & ChunkMask) != 0 && size > ChunkBytes - (m_end & ChunkMask))
            m_end = roundedUp(m_end);
        if (m_end + size > MaxPlace)
            throw Error(QCoreApplication::translate(
                "LeadTable", "More than 4 GiB of lead names, e-mail addresses or external ids "
                             "to hold in memory"));
        const size_t chunk = m_end >> ChunkShift;
        if (chunk >= m_chunks.size())
            m_chunks.resize(chunk + 1);
        QByteArray &bytes = m_chunks[chunk];
        // Grown by doubling up to a chunk's size, and copied at its own size when shared.
        const qsizetype needed = bytes.size() + utf8.size();
        if (needed > bytes.capacity()) {
            bytes.reserve(
                std::max(needed, std::min(2 * bytes.capacity() + 256, qsizetype(ChunkBytes))));
        } else if (!bytes.isDetached()) {
            bytes.reserve(bytes.capacity());
        }
        bytes.append(utf8);
        m_begins.write(row) = quint32(m_end);
        m_end += size;
        m_ends.write(row) = quint32(m_end);
        if ((m_end >> ChunkShift) > chunk) // past its chunk's range: the next text starts anew
            m_end = roundedUp(m_end);
    }
    static quint64 roundedUp(quint64 place) { return (place + ChunkMask) & ~ChunkMask; }

    // Chunk c holds the text placed at c * ChunkBytes onwards; one after a long text is empty.
    std::vector<QByteArray> m_chunks;
    quint64 m_end = 0; // where the next text goes
    SharedBlocks<quint32> m_begins;
    SharedBlocks<quint32> m_ends;
};

} // namespace handoff
