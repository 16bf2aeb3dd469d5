#include "store/leadbulkwriter.h"

#include <algorithm>
#include <functional>

#include <QDateTime>

#include "store/dialect.h"
#include "store/error.h"
#include "store/leadfield.h"
#include "store/leadrepository.h"
#include "store/postgrescopy.h"
#include "store/sqlquery.h"

namespace handoff {

namespace {

// Held back before a COPY: a round trip's worth, a few megabytes at most.
constexpr size_t CopyLeads = 10'000;
constexpr int LargestBlock = 4096;

} // namespace

LeadBulkWriter::LeadBulkWriter(QSqlDatabase db)
    : m_db(std::move(db))
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        m_direct = std::make_unique<LeadRepository>(m_db);
}

LeadBulkWriter::~LeadBulkWriter() = default;

qint64 LeadBulkWriter::insert(const Lead &lead)
{
    if (m_direct)
        return m_direct->insert(lead);
    if (m_leads.size() == CopyLeads)
        flush();
    Lead held = lead;
    held.id = drawId();
    held.updatedAt = QDateTime::currentMSecsSinceEpoch();
    m_leads.push_back(std::move(held));
    return m_leads.back().id;
}

void LeadBulkWriter::recordStageChange(const StageChange &change)
{
    if (m_direct)
        return m_direct->recordStageChange(change);
    m_stageChanges.push_back(change);
}

void LeadBulkWriter::flush()
{
    if (m_direct)
        return;
    copyLeads();
    copyStageChanges();
}

// Ids come from the identity the database would have used, so a lead written elsewhere
// meanwhile gets another; a block's unused ids are gaps, as a rolled-back insert leaves.
qint64 LeadBulkWriter::drawId()
{
    if (m_ids.empty()) {
        // The sequence named once, not once an id (a catalogue lookup each: 4x the time).
        auto draw = sql::prepare(
            m_db, QStringLiteral("WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('leads', "
                                 "'id')::regclass AS seq) SELECT nextval(s.seq) FROM s, "
                                 "generate_series(1, :n)"));
        draw.bindValue(QStringLiteral(":n"), m_block);
        sql::exec(draw);
        while (sql::next(draw))
            m_ids.push_back(draw.value(0).toLongLong());
        std::sort(m_ids.begin(), m_ids.end(), std::greater<>());
        m_block = std::min(m_block * 2, LargestBlock);
        if (m_ids.empty())
            throw Error(QObject::tr("%1: no lead id drawn").arg(m_db.databaseName()));
    }
    const qint64 id = m_ids.back();
    m_ids.pop_back();
    return id;
}

void LeadBulkWriter::copyLeads()
{
    if (m_leads.empty())
        return;
    // The change number every lead this transaction writes carries (Transaction drew it).
    auto current = sql::prepare(m_db, QStringLiteral("SELECT value FROM change_sequence "
                                                     "WHERE id = 1"));
    sql::exec(current);
    const qint64 changeSeq = sql::next(current) ? current.value(0).toLongLong() : 0;

    QStringList columns = {QStringLiteral("id")};
    for (const LeadField &f : leadFields())
        columns.append(f.name());
    columns += {QStringLiteral("email_folded"), QStringLiteral("updated_at"),
                QStringLiteral("change_seq")};
    PostgresCopy copy(m_db, m_db.databaseName(), QStringLiteral("leads"), columns);
    for (const Lead &lead : m_leads) {
        copy.addInteger(lead.id);
        for (const LeadField &f : leadFields()) {
            const QVariant value = f.bound(lead);
            if (value.isNull())
                copy.addNull();
            else if (value.typeId() == QMetaType::QString)
                copy.addText(value.toString().toUtf8());
            else
                copy.addInteger(value.toLongLong());
        }
        copy.addText(lead.email.trimmed().toCaseFolded().toUtf8());
        copy.addInteger(lead.updatedAt);
        copy.addInteger(changeSeq);
        copy.endRow();
    }
    if (const auto refusal = copy.finish())
        throw Error(QObject::tr("%1: the server refused the new leads: %2")
                        .arg(m_db.databaseName(), refusal->text()));
    m_leads.clear();
}

void LeadBulkWriter::copyStageChanges()
{
    if (m_stageChanges.empty())
        return;
    PostgresCopy copy(m_db, m_db.databaseName(), QStringLiteral("stage_history"),
                      {QStringLiteral("lead_id"), QStringLiteral("from_stage"),
                       QStringLiteral("to_stage"), QStringLiteral("changed_at"),
                       QStringLiteral("changed_by"), QStringLiteral("reason"),
                       QStringLiteral("import_batch_id"), QStringLiteral("undated")});
    for (const StageChange &change : m_stageChanges) {
        copy.addInteger(change.leadId);
        if (change.from)
            copy.addText(stage::toString(*change.from).toUtf8());
        else
            copy.addNull();
        copy.addText(stage::toString(change.to).toUtf8());
        copy.addInteger(change.undated ? UndatedTime : change.changedAt);
        copy.addText(change.changedBy.toUtf8());
        copy.addText(change.reason.toUtf8());
        if (change.importBatchId)
            copy.addInteger(change.importBatchId);
        else
            copy.addNull();
        copy.addInteger(change.undated ? 1 : 0);
        copy.endRow();
    }
    if (const auto refusal = copy.finish())
        throw Error(QObject::tr("%1: the server refused the stage changes: %2")
                        .arg(m_db.databaseName(), refusal->text()));
    m_stageChanges.clear();
}

} // namespace handoff
