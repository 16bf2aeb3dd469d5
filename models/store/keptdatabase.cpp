#include "store/keptdatabase.h"

#include "store/database.h"

namespace handoff {

KeptDatabase::KeptDatabase(QString location)
    : m_location(std::move(location))
{}

KeptDatabase::~KeptDatabase() = default;

Database &KeptDatabase::get()
{
    if (!m_db)
        m_db = std::make_unique<Database>(m_location, Database::Open::Existing);
    else if (!m_db->isConnectedAfterIdle())
        m_db->reconnect();
    return *m_db;
}

} // namespace handoff
