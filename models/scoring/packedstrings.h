#pragma once

// A column of mostly distinct texts (names, e-mail addresses) kept as UTF-8 in one buffer
// with an offset per row: a few bytes per row instead of a QString each. Rewriting a row
// appends the new text; the old bytes stay until the table is rebuilt.

#include <limits>
#include <vector>

#include <QByteArray>
#include <QString>

#include "scoring/statestream.h"

namespace handoff {

class PackedStrings
{
public:
    void append(const QString &text)
    {
        m_offsets.push_back(quint32(m_bytes.size()));
        m_bytes.append(text.toUtf8());
        m_ends.push_back(quint32(m_bytes.size()));
    }
    void set(int row, const QString &text)
    {
        m_offsets[size_t(row)] = quint32(m_bytes.size());
        m_bytes.append(text.toUtf8());
        m_ends[size_t(row)] = quint32(m_bytes.size());
    }
    QString at(int row) const
    {
        const quint32 from = m_offsets[size_t(row)];
        return QString::fromUtf8(m_bytes.constData() + from, qsizetype(m_ends[size_t(row)] - from));
    }
    void reserve(int rows, qint64 bytes)
    {
        m_offsets.reserve(size_t(rows));
        m_ends.reserve(size_t(rows));
        m_bytes.reserve(qsizetype(bytes));
    }
    // Gives back what reserve() and growth set aside beyond what is used.
    void squeeze()
    {
        // A copy holds the texts twice for a moment: not for a few bytes set aside too many.
        if (m_bytes.capacity() - m_bytes.size() > m_bytes.size() / 64)
            m_bytes.squeeze();
        m_offsets.shrink_to_fit();
        m_ends.shrink_to_fit();
    }
    void save(StateWriter &out) const
    {
        out.bytes(m_bytes);
        out.array(m_offsets);
        out.array(m_ends);
    }
    // Reads what save() wrote for `rows` rows; throws Error when it does not fit together.
    void restore(StateReader &in, size_t rows)
    {
        m_bytes = in.bytes(std::numeric_limits<quint32>::max());
        in.array(m_offsets, rows);
        in.array(m_ends, rows);
        if (m_offsets.size() != rows || m_ends.size() != rows)
            in.refuse(QStringLiteral("damaged (a text column's length)"));
        for (size_t r = 0; r < rows; ++r) {
            if (m_offsets[r] > m_ends[r] || m_ends[r] > quint32(m_bytes.size()))
                in.refuse(QStringLiteral("damaged (a text's place)"));
        }
    }
    size_t memoryBytes() const
    {
        return size_t(m_bytes.capacity()) + (m_offsets.capacity() + m_ends.capacity()) * 4;
    }

private:
    QByteArray m_bytes;
    std::vector<quint32> m_offsets;
    std::vector<quint32> m_ends;
};

} // namespace handoff
