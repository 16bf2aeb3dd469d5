#include "scoring/internedcolumn.h"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <vector>

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

namespace {

// The same values in a column of another width (each known to fit it).
template <typename To, typename From> SharedBlocks<To> converted(const SharedBlocks<From> &from)
{
    SharedBlocks<To> to;
    to.resize(from.size(), 0);
    to.forEachBlockToWrite(from.size(), [&from](int first, To *values, int n) {
        const From *source = from.blockOf(first);
        std::transform(source, source + n, values, [](From v) { return To(v); });
    });
    return to;
}

} // namespace

quint32 InternedColumn::append(const QString &value)
{
    const quint32 id = intern(value);
    place(size(), id);
    return id;
}

void InternedColumn::set(int row, const QString &value)
{
    place(row, intern(value));
}

void InternedColumn::place(int row, quint32 id)
{
    makeRoomFor(id);
    withIds([&](auto &ids) {
        ids.resize(row + 1, 0); // rows before a new one are empty
        ids.write(row) = std::remove_reference_t<decltype(ids.write(row))>(id);
    });
}

InternedColumn::Width InternedColumn::widthFor(quint32 id)
{
    return id <= std::numeric_limits<quint8>::max()    ? Width::Byte
           : id <= std::numeric_limits<quint16>::max() ? Width::Short
                                                       : Width::Word;
}

void InternedColumn::makeRoomFor(quint32 id)
{
    const Width needed = widthFor(id);
    if (needed <= m_width)
        return;
    const SharedBlocks<quint32> words =
        withIds([](const auto &ids) { return converted<quint32>(ids); });
    m_width = needed;
    hold(words);
}

void InternedColumn::hold(const SharedBlocks<quint32> &ids)
{
    m_byteIds = {};
    m_shortIds = {};
    m_wordIds = {};
    switch (m_width) {
    case Width::Byte:
        m_byteIds = converted<quint8>(ids);
        break;
    case Width::Short:
        m_shortIds = converted<quint16>(ids);
        break;
    case Width::Word:
        m_wordIds = ids;
        break;
    }
}

int InternedColumn::filledCount() const
{
    int filled = 0;
    withIds([&filled](const auto &column) {
        column.forEachBlock(column.size(), [&filled](int, const auto *ids, int n) {
            filled += int(std::count_if(ids, ids + n, [](auto id) { return id != 0; }));
        });
    });
    return filled;
}

void InternedColumn::save(StateWriter &out) const
{
    out.texts(m_dictionary);
    // Four bytes each whatever the width held: the file does not change with it.
    withIds([&out](const auto &ids) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(ids)>, SharedBlocks<quint32>>)
            ids.save(out, ids.size());
        else
            converted<quint32>(ids).save(out, ids.size());
    });
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
    const auto distinct = quint32(m_dictionary.size());
    if (in.value<quint64>() != quint64(rows))
        in.refuse(QStringLiteral("damaged (a column's length)"));
    m_width = widthFor(distinct - 1);
    m_byteIds = {};
    m_shortIds = {};
    m_wordIds = {};
    // Four bytes each in the file, read a block at a time into the width held (not all of
    // them held at four bytes first: a million leads' ten columns, 40 MB touched for nothing).
    std::vector<quint32> file(static_cast<size_t>(SharedBlocks<quint32>::BlockSize));
    bool fit = true;
    withIds([&](auto &ids) {
        ids.resize(rows, 0);
        ids.forEachBlockToWrite(rows, [&](int, auto *values, int n) {
            using Id = std::remove_pointer_t<decltype(values)>;
            in.values(file.data(), size_t(n));
            for (int i = 0; i < n; ++i) {
                fit = fit && file[size_t(i)] < distinct;
                values[i] = Id(file[size_t(i)]);
            }
        });
    });
    if (!fit)
        in.refuse(QStringLiteral("damaged (a column's values)"));
}

size_t InternedColumn::memoryBytes() const
{
    size_t bytes = withIds([](const auto &ids) { return ids.memoryBytes(); });
    for (const QString &s : m_dictionary)
        bytes += sizeof(QString) + size_t(s.capacity()) * sizeof(QChar) + 32; // + hash node
    return bytes;
}

} // namespace handoff
