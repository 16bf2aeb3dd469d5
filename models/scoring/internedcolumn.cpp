#include "scoring/internedcolumn.h"

#include <algorithm>

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
    m_ids.push_back(id);
    return id;
}

void InternedColumn::set(int row, const QString &value)
{
    m_ids[size_t(row)] = intern(value);
}

int InternedColumn::filledCount() const
{
    return int(std::count_if(m_ids.cbegin(), m_ids.cend(), [](quint32 id) { return id != 0; }));
}

size_t InternedColumn::memoryBytes() const
{
    size_t bytes = m_ids.capacity() * sizeof(quint32);
    for (const QString &s : m_dictionary)
        bytes += sizeof(QString) + size_t(s.capacity()) * sizeof(QChar) + 32; // + hash node
    return bytes;
}

} // namespace handoff
