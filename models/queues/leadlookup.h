#pragma once

// Lead details for display, fetched from the store on first use and kept in a bounded cache,
// so a queue of a million rows only ever reads the leads someone scrolls to.

#include <QCache>

#include "store/lead.h"
#include "store/leadrepository.h"

namespace handoff {

class LeadLookup
{
public:
    explicit LeadLookup(QSqlDatabase db, int capacity = 20000);

    // An empty Lead (id 0) when the lead does not exist.
    Lead lead(qint64 id) const;
    void forget(qint64 id) { m_cache.remove(id); }
    void clear() { m_cache.clear(); }

private:
    LeadRepository m_repository;
    mutable QCache<qint64, Lead> m_cache;
};

} // namespace handoff
