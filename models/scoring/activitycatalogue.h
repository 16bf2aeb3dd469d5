#pragma once

// The activity types of one database with dense indexes 0..count()-1, so per-type data can
// live in plain arrays. Looks types up by database id or by code.

#include <optional>
#include <vector>

#include <QHash>
#include <QList>

#include "store/activitytype.h"

namespace handoff {

class ActivityCatalogue
{
public:
    ActivityCatalogue() = default;
    explicit ActivityCatalogue(const QList<ActivityType> &types);

    int count() const { return int(m_types.size()); }
    const ActivityType &type(int index) const { return m_types[index]; }
    const QList<ActivityType> &types() const { return m_types; }
    // Dense index of a database id or a code; -1 when unknown.
    int indexOfId(int typeId) const
    {
        return typeId >= 0 && size_t(typeId) < m_indexById.size() ? m_indexById[size_t(typeId)]
                                                                  : -1;
    }
    int indexOfCode(const QString &code) const { return m_indexByCode.value(code, -1); }

private:
    QList<ActivityType> m_types;
    std::vector<int> m_indexById;
    QHash<QString, int> m_indexByCode;
};

} // namespace handoff
