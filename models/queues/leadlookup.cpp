#include "queues/leadlookup.h"

namespace handoff {

LeadLookup::LeadLookup(QSqlDatabase db, int capacity)
    : m_repository(std::move(db))
    , m_cache(capacity)
{}

Lead LeadLookup::lead(qint64 id) const
{
    if (const Lead *cached = m_cache.object(id))
        return *cached;
    const auto found = m_repository.find(id);
    if (!found)
        return {};
    m_cache.insert(id, new Lead(*found));
    return *found;
}

} // namespace handoff
