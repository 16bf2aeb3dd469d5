#include "scoring/activitycatalogue.h"

namespace handoff {

ActivityCatalogue::ActivityCatalogue(const QList<ActivityType> &types)
    : m_types(types)
{
    for (int i = 0; i < int(m_types.size()); ++i) {
        const int id = m_types[i].id;
        if (id >= 0) {
            if (size_t(id) >= m_indexById.size())
                m_indexById.resize(size_t(id) + 1, -1);
            m_indexById[size_t(id)] = i;
        }
        m_indexByCode.insert(m_types[i].code, i);
    }
}

} // namespace handoff
