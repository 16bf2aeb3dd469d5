#include "scoring/internedcolumn.h"

#include <algorithm>
#include <limits>

#include "scoring/statestream.h"

namespace handoff {

InternedColumn::InternedColumn()
{
    intern(QString()); // id 0 is always the empty value
}

quint32 InternedColumn::intern(const QString &value)
{
    const auto it = m_lookup.constFind(value);
    if (it != m_lookup.cend())
        return it.value();
    const auto id = quint32(m_dictionary.size());
    m_dictionary.append(value);
    m_lookup.insert(value, id);
    return id;
}

quint32 InternedColumn::append(const QString &value)
{
    const quint32 id = intern(value);
    const int row = m_ids.size();
    m_ids.resize(row + 1, 0);
    m_ids.write(row) = id;
    return id;
}

void InternedColumn::set(int row, const QString &value)
{
    m_ids.resize(row + 1, 0); // rows before a new one are empty
    m_ids.write(row) = intern(value);
}

int InternedColumn::filledCount() const
{
    int filled = 0;
    m_ids.forEachBlock(m_ids.size(), [&filled](int, const quint32 *ids, int n) {
        filled += int(std::count_if(ids, ids + n, [](quint32 id) { return id != 0; }));
    });
    return filled;
}

void InternedColumn::save(StateWriter &out) const
{
    out.texts(m_dictionary);
    m_ids.save(out, m_ids.size());
}

void InternedColumn::restore(StateReader &in, int rows)
{
    m_dictionary = in.texts(std::numeric_limits<qint32>::max());
    if (m_dictionary.isEmpty() || !m_dictionary.first().isEmpty())
        in.refuse(QStringLiteral("damaged (a column's dictionary)"));
    m_lookup.clear();
    m_lookup.reserve(m_dictionary.size());
    for (qsizetype id = 0; id < m_dictionary.size(); ++id)
        m_lookup.insert(m_dictionary[id], quint32(id));
    m_ids = {};
    m_ids.resize(rows, 0);
    m_ids.restore(in, rows);
    const auto distinct = quint32(m_dictionary.size());
    if (!m_ids.allOf(rows, [distinct](quint32 id) { return id < distinct; }))
        in.refuse(QStringLiteral("damaged (a column's values)"));
}

size_t InternedColumn::memoryBytes() const
{
    size_t bytes = m_ids.memoryBytes();
    for (const QString &s : m_dictionary)
        bytes += sizeof(QString) + size_t(s.capacity()) * sizeof(QChar) + 32; // + hash node
    return bytes;
}

} // namespace handoff
