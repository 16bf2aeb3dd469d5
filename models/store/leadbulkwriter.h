#pragma once

// Creates many leads, and records their stage changes, inside the caller's transaction: an
// import's new leads. On SQLite each goes straight through LeadRepository (its native
// statements cost microseconds). On a team server one INSERT a lead cost a round trip each,
// two thirds of an import's time beside the COPY of its activities: there the ids are drawn
// from the leads' identity a block at a time, and the rows are held back and go by COPY
// (PostgresCopy), leads first. Whatever reads or writes a lead held back calls flush() first;
// so does anything that writes rows naming one (ActivityBulkWriter's beforeWrite).

#include <memory>
#include <vector>

#include <QSqlDatabase>

#include "store/lead.h"

namespace handoff {

class LeadRepository;

class LeadBulkWriter
{
public:
    explicit LeadBulkWriter(QSqlDatabase db);
    ~LeadBulkWriter();
    LeadBulkWriter(const LeadBulkWriter &) = delete;
    LeadBulkWriter &operator=(const LeadBulkWriter &) = delete;

    // The new lead's id; the lead is in the database by the time of flush() at the latest.
    qint64 insert(const Lead &lead);
    // Written after the leads held back, in the order recorded.
    void recordStageChange(const StageChange &change);
    // Writes what is held back; throws Error when the server refuses it (the caller's
    // transaction is then aborted: roll it back).
    void flush();

private:
    qint64 drawId();
    void copyLeads();
    void copyStageChanges();

    QSqlDatabase m_db;
    std::unique_ptr<LeadRepository> m_direct; // SQLite: no holding back
    std::vector<Lead> m_leads;                // a team server's, held back with their ids
    std::vector<StageChange> m_stageChanges;
    std::vector<qint64> m_ids; // drawn and not yet given, highest first
    int m_block = 64;          // ids drawn a round trip, doubling up to a limit
};

} // namespace handoff
