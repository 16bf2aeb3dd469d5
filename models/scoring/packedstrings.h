#pragma once

// A column of mostly distinct texts (names, e-mail addresses) kept as UTF-8 in one buffer
// with offsets: a few bytes per row instead of a QString each. Rewriting a row appends the
// new text; the old bytes stay until the table is rebuilt.

#include <vector>

#include <QByteArray>
#include <QString>

class PackedStrings
{
public:
    void append(const QString &text)
    {
        m_offsets.push_back(quint32(m_bytes.size()));
        m_lengths.push_back(quint32(write(text)));
    }
    void set(int row, const QString &text)
    {
        m_offsets[size_t(row)] = quint32(m_bytes.size());
        m_lengths[size_t(row)] = quint32(write(text));
    }
    QString at(int row) const
    {
        return QString::fromUtf8(m_bytes.constData() + m_offsets[size_t(row)],
                                 qsizetype(m_lengths[size_t(row)]));
    }
    void reserve(int rows, int bytesPerRow)
    {
        m_offsets.reserve(size_t(rows));
        m_lengths.reserve(size_t(rows));
        m_bytes.reserve(qsizetype(rows) * bytesPerRow);
    }
    size_t memoryBytes() const
    {
        return size_t(m_bytes.capacity()) + (m_offsets.capacity() + m_lengths.capacity()) * 4;
    }

private:
    qsizetype write(const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        m_bytes.append(utf8);
        return utf8.size();
    }

    QByteArray m_bytes;
    std::vector<quint32> m_offsets;
    std::vector<quint32> m_lengths;
};
