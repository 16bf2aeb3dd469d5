#pragma once

// One text column of the in-memory lead table, stored as small integer ids into a dictionary
// of distinct values. Rules are evaluated once per distinct value rather than once per lead,
// and a million titles cost four bytes each. Copies share the ids' blocks and the dictionary
// until one of them writes (scoring/sharedblocks.h).

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
    int size() const { return m_ids.size(); }
    quint32 valueId(int row) const { return m_ids[row]; }
    const QString &value(int row) const { return m_dictionary[m_ids[row]]; }
    const QStringList &dictionary() const { return m_dictionary; }
    // How many rows have a value (not the empty one).
    int filledCount() const;
    size_t memoryBytes() const;
    void save(StateWriter &out) const;
    // Reads what save() wrote for `rows` rows; throws Error when it does not fit together.
    void restore(StateReader &in, int rows);

private:
    quint32 intern(const QString &value);

    SharedBlocks<quint32> m_ids;
    QStringList m_dictionary;
    QHash<QString, quint32> m_lookup;
};

} // namespace handoff
