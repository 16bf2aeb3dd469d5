#pragma once

// One text column of the in-memory lead table, stored as small integer ids into a dictionary
// of distinct values. Rules are evaluated once per distinct value rather than once per lead.
// The ids take the fewest bytes the dictionary allows: a byte each while it has at most 256
// values (seniority, country, industry), two up to 65,536, four beyond. Copies share the ids'
// blocks and the dictionary until one of them writes (scoring/sharedblocks.h).

#include <type_traits>
#include <utility>

#include <QHash>
#include <QStringList>

#include "scoring/sharedblocks.h"

namespace handoff {

class StateReader;
class StateWriter;

class InternedColumn
{
public:
    InternedColumn();

    quint32 append(const QString &value);
    // Rows up to a new one are empty.
    void set(int row, const QString &value);
    int size() const;
    quint32 valueId(int row) const;
    const QString &value(int row) const { return m_dictionary[valueId(row)]; }
    const QStringList &dictionary() const { return m_dictionary; }
    // How many rows have a value (not the empty one).
    int filledCount() const;
    size_t memoryBytes() const;
    void save(StateWriter &out) const;
    // Reads what save() wrote for `rows` rows; throws Error when it does not fit together.
    void restore(StateReader &in, int rows);

private:
    enum class Width { Byte, Short, Word };

    quint32 intern(const QString &value);
    void place(int row, quint32 id);
    // The narrowest width that holds `id`.
    static Width widthFor(quint32 id);
    // Widens the ids, once, when the dictionary outgrows them.
    void makeRoomFor(quint32 id);
    // Holds `ids` in the narrowest width for the dictionary (their values are known to fit).
    void hold(const SharedBlocks<quint32> &ids);
    template <typename Visit> decltype(auto) withIds(Visit visit) const
    {
        switch (m_width) {
        case Width::Byte:
            return visit(m_byteIds);
        case Width::Short:
            return visit(m_shortIds);
        case Width::Word:
            break;
        }
        return visit(m_wordIds);
    }
    template <typename Visit> decltype(auto) withIds(Visit visit)
    {
        return std::as_const(*this).withIds([&](const auto &ids) {
            return visit(const_cast<std::remove_cvref_t<decltype(ids)> &>(ids));
        });
    }

    Width m_width = Width::Byte; // only that width's column holds ids
    SharedBlocks<quint8> m_byteIds;
    SharedBlocks<quint16> m_shortIds;
    SharedBlocks<quint32> m_wordIds;
    QStringList m_dictionary;
    QHash<QString, quint32> m_lookup;
};

inline int InternedColumn::size() const
{
    return withIds([](const auto &ids) { return ids.size(); });
}

inline quint32 InternedColumn::valueId(int row) const
{
    return withIds([row](const auto &ids) { return quint32(ids[row]); });
}

} // namespace handoff
