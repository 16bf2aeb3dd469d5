#pragma once

// A column of mostly distinct texts (names, e-mail addresses) kept as UTF-8 in chunks of
// 1 MiB with a place and a length per row: five bytes per row besides the text instead of a
// QString each. A length takes a byte; the few texts of 255 bytes or more keep theirs apart. Copies
// share the chunks and the places' blocks (scoring/sharedblocks.h) until one of them writes: a text
// added goes to the last chunk, so only that one is copied. Rewriting a row adds the new
// text; the old bytes stay until the table is rebuilt.

#include <algorithm>
#include <limits>
#include <vector>

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
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
        return QString::fromUtf8(chunk + (from & ChunkMask), qsizetype(length(row)));
    }

    void save(StateWriter &out) const
    {
        out.value(quint64(m_chunks.size()));
        for (const QByteArray &chunk : m_chunks)
            out.bytes(chunk);
        m_begins.save(out, size());
        // Where each text ends, as states have always held it (four bytes a row).
        out.value(quint64(size()));
        std::vector<quint32> ends(static_cast<size_t>(SharedBlocks<quint32>::BlockSize));
        m_begins.forEachBlock(size(), [&](int first, const quint32 *begins, int n) {
            for (int i = 0; i < n; ++i)
                ends[size_t(i)] = begins[i] + length(first + i);
            out.values(ends.data(), size_t(n));
        });
    }
    // Reads what save() wrote for `rows` rows; throws Error when it does not fit together.
    void restore(StateReader &in, int rows)
    {
        *this = PackedStrings();
        m_chunks.resize(in.count((MaxPlace >> ChunkShift) + 1, sizeof(quint64)));
        for (QByteArray &chunk : m_chunks)
            chunk = in.bytes(MaxPlace);
        m_begins.resize(rows, 0);
        m_lengths.resize(rows, 0);
        m_begins.restore(in, rows);
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
        if (m_end > MaxPlace + 1)
            in.refuse(QStringLiteral("damaged (a text column's length)"));
        if (in.value<quint64>() != quint64(rows))
            in.refuse(QStringLiteral("damaged (a column's length)"));
        std::vector<quint32> ends(static_cast<size_t>(SharedBlocks<quint32>::BlockSize));
        m_lengths.forEachBlockToWrite(rows, [&](int first, quint8 *lengths, int n) {
            in.values(ends.data(), size_t(n));
            for (int i = 0; i < n; ++i) {
                const quint32 from = m_begins[first + i];
                const quint32 to = ends[size_t(i)];
                if (!fits(from, to))
                    in.refuse(QStringLiteral("damaged (a text's place)"));
                lengths[i] = quint8(std::min<quint32>(to - from, LongText));
                if (to - from >= LongText)
                    m_long.insert(first + i, to - from);
            }
        });
    }
    size_t memoryBytes() const
    {
        size_t bytes =
            m_begins.memoryBytes() + m_lengths.memoryBytes() + size_t(m_long.size()) * 16;
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
    // A length byte that says the text's length is kept apart (m_long).
    static constexpr quint32 LongText = 255;

    quint32 length(int row) const
    {
        const quint8 bytes = m_lengths[row];
        return bytes < LongText ? bytes : m_long.value(row);
    }

    void place(int row, const QString &text)
    {
        m_begins.resize(row + 1, 0);
        m_lengths.resize(row + 1, 0);
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
        m_lengths.write(row) = quint8(std::min<quint64>(size, LongText));
        if (size >= LongText)
            m_long.insert(row, quint32(size));
        else if (!m_long.isEmpty())
            m_long.remove(row); // a long text rewritten shorter
        m_end += size;
        if ((m_end >> ChunkShift) > chunk) // past its chunk's range: the next text starts anew
            m_end = roundedUp(m_end);
    }
    static quint64 roundedUp(quint64 place) { return (place + ChunkMask) & ~ChunkMask; }

    // Chunk c holds the text placed at c * ChunkBytes onwards; one after a long text is empty.
    std::vector<QByteArray> m_chunks;
    quint64 m_end = 0; // where the next text goes
    SharedBlocks<quint32> m_begins;
    SharedBlocks<quint8> m_lengths;
    QHash<int, quint32> m_long; // rows whose length byte is LongText: their lengths
};

} // namespace handoff
