#include "io/leadimporter.h"

#include <algorithm>
#include <limits>

#include <QDateTime>
#include <QFileInfo>
#include <QThread>

#include "io/activitiesfile.h"
#include "io/csvreader.h"
#include "io/footerdetector.h"
#include "io/importpass.h"
#include "io/leadsnapshot.h"
#include "io/outcomerows.h"
#include "scoring/activitycatalogue.h"
#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/bulkloadscope.h"
#include "store/database.h"
#include "store/error.h"
#include "store/importrepository.h"
#include "store/leadrepository.h"
#include "store/transaction.h"

namespace handoff {

namespace {

constexpr int DateSampleRows = 1000;
// How many of the changed leads an undo's refusal names; the rest it counts.
constexpr int NamedLeads = 5;

// The first rows, read ahead to learn each date column's format.
QList<CsvReader::Record> readSample(CsvReader &reader)
{
    QList<CsvReader::Record> sample;
    while (int(sample.size()) < DateSampleRows) {
        auto record = reader.next();
        if (!record)
            break;
        sample.append(std::move(*record));
    }
    return sample;
}

// Hands the sampled records, then the rest of the file, to `handle` until it returns false.
template <typename Handle>
void forEachRecord(CsvReader &reader, const QList<CsvReader::Record> &sample, Handle handle)
{
    for (const CsvReader::Record &record : sample) {
        if (!handle(record))
            return;
    }
    CsvReader::Record record;
    while (reader.next(record)) {
        if (!handle(record))
            return;
    }
    if (!reader.error().isEmpty())
        throw Error(reader.error());
}

// The fields of the sampled rows, for learning formats and shapes; a shifted row would
// teach the wrong ones.
QList<QStringList> fieldsOf(const QList<CsvReader::Record> &sample)
{
    QList<QStringList> fields;
    for (const CsvReader::Record &r : sample) {
        if (r.extraFields == 0)
            fields.append(r.fields);
    }
    return fields;
}

// Every record of a file through `parse` (the row, or nullopt with *problems saying why):
// rows that are not leads skipped, the rest counted and the good ones applied, progress
// reported and a cancel honoured.
template <typename Parse>
void importRows(CsvReader &reader, const QList<CsvReader::Record> &sample, FooterDetector &footers,
                ImportPass &pass, const LeadImporter::Progress &progress, Parse parse)
{
    ImportSummary &summary = pass.summary();
    qint64 counted = 0;
    forEachRecord(reader, sample, [&](const CsvReader::Record &record) {
        if (++counted % LeadImporter::ProgressEveryRows == 0 && progress &&
            !progress(reader.bytesRead(), reader.size())) {
            summary.cancelled = true;
            return false;
        }
        if (footers.isNotALead(record.fields, record.afterBlank)) {
            ++summary.skipped;
            return true;
        }
        ++summary.rows;
        QList<ImportProblem> problems;
        if (const std::optional<ParsedRow> row = parse(record, &problems))
            pass.apply(*row);
        else
            ++summary.rejected;
        summary.addProblems(problems);
        return true;
    });
}

} // namespace

LeadImporter::LeadImporter(Database &db, QString leadsFile, QString activitiesFile)
    : m_db(db)
    , m_leadsFile(std::move(leadsFile))
    , m_activitiesFile(std::move(activitiesFile))
{}

LeadImporter::~LeadImporter() = default;

void LeadImporter::open(const QString &preset)
{
    if (!preset.isEmpty() && !ColumnMapping::presetNames().contains(preset))
        throw Error(tr("there is no preset '%1' (known: %2)")
                        .arg(preset, ColumnMapping::presetNames().join(QStringLiteral(", "))));
    CsvReader reader(m_leadsFile);
    reader.open();
    m_header = reader.uniqueHeader();
    m_savedMapping = false;
    m_verdict = filekind::classify(m_header);
    if (preset.isEmpty()) {
        if (const auto saved =
                ImportRepository(m_db.connection()).mapping(ColumnMapping::signature(m_header))) {
            try {
                m_mapping = ColumnMapping::fromJson(*saved, int(m_header.size()));
                m_savedMapping = true;
                return;
            } catch (const Error &) {
                // A saved mapping that no longer reads is guessed afresh, as if never saved.
            }
        }
    }
    m_mapping = ColumnMapping::guess(m_header, preset);
    chooseIdentity(reader);
}

void LeadImporter::chooseIdentity(CsvReader &reader)
{
    m_identity.reset();
    if (m_mapping.has(ColumnTarget::Kind::LeadField, QStringLiteral("external_id")))
        return;
    QList<int> free;
    for (int c = 0; c < int(m_mapping.columns.size()); ++c) {
        const ColumnTarget::Kind kind = m_mapping.columns[c].kind;
        if (kind == ColumnTarget::Kind::CustomField || kind == ColumnTarget::Kind::Ignore)
            free.append(c);
    }
    m_identity = identity::Chooser::choose(m_header, free, fieldsOf(readSample(reader)));
    if (m_identity)
        m_mapping.columns[m_identity->column] = {ColumnTarget::Kind::LeadField,
                                                 QStringLiteral("external_id")};
}

QList<std::pair<qint64, QStringList>> LeadImporter::preview(int rows) const
{
    QList<std::pair<qint64, QStringList>> out;
    CsvReader reader(m_leadsFile);
    try {
        reader.open();
    } catch (const Error &) {
        return out; // nothing to show: open() said why when the file was chosen
    }
    while (int(out.size()) < rows) {
        const auto record = reader.next();
        if (!record)
            break;
        out.append({record->line, record->fields});
    }
    return out;
}

ImportSummary LeadImporter::dryRun(const Progress &progress)
{
    return process(false, Policy::GoodRows, {}, 0, progress);
}

ImportSummary LeadImporter::run(Policy policy, const QString &actor, qint64 now,
                                const Progress &progress)
{
    return process(true, policy, actor, now, progress);
}

ImportSummary LeadImporter::process(bool write, Policy policy, const QString &actor, qint64 now,
                                    const Progress &progress)
{
    const QString fileName = QFileInfo(m_leadsFile).fileName();
    // Before the transaction: SQLite takes the bulk settings only outside one.
    std::optional<BulkLoadScope> bulk;
    if (write)
        bulk.emplace(m_db.connection());
    // A dry run reads one snapshot, so its figures are what a run would find.
    Transaction transaction(m_db.connection(),
                            write ? Transaction::Kind::Write : Transaction::Kind::Read);
    ImportPass::Options options;
    options.write = write;
    options.actor = actor;
    options.now = now ? now : QDateTime::currentSecsSinceEpoch();
    options.fileName = fileName;
    options.expandCounts = m_activitiesFile.isEmpty();
    ImportRepository imports(m_db.connection());
    if (write) {
        ImportBatch batch;
        batch.fileName = fileName;
        batch.preset = m_mapping.preset;
        batch.importedAt = options.now;
        batch.importedBy = actor;
        options.batchId = imports.beginBatch(batch);
    }
    ImportPass pass(m_db, options);

    ImportSummary &summary = pass.summary();
    switch (m_verdict.kind) {
    case filekind::Kind::Leads:
        importLeads(pass, progress);
        if (!summary.cancelled && !m_activitiesFile.isEmpty())
            importActivities(pass, m_activitiesFile, progress);
        break;
    case filekind::Kind::Opportunities:
        importOutcomes(pass, progress);
        break;
    case filekind::Kind::Activities:
        importActivities(pass, m_leadsFile, progress);
        break;
    case filekind::Kind::Accounts:
        throw Error(tr("%1: looks like an accounts (companies) export (%2), not people; "
                       "export the contacts or leads and import that, or pass --kind "
                       "leads to import each row as a lead")
                        .arg(fileName, m_verdict.evidence.join(QStringLiteral(", "))));
    }
    if (summary.cancelled)
        return summary; // the transaction rolls back

    if (write) {
        const bool keep = summary.rejected == 0 || policy == Policy::GoodRows;
        if (!keep)
            return summary; // all or nothing, and something failed: nothing
        pass.finish();
        if (summary.changesNothing())
            return summary; // the transaction rolls back: no empty batch
        AuditLog(m_db.connection())
            .record({options.now, actor, QStringLiteral("import"), QStringLiteral("import_batch"),
                     options.batchId, summary.countsText()});
        ImportBatch batch;
        batch.id = options.batchId;
        batch.leadsCreated = summary.created;
        batch.leadsUpdated = summary.updated;
        batch.activitiesCreated = summary.activities;
        batch.rowsRejected = summary.rejected;
        batch.endChangeSeq = transaction.changeSeq();
        batch.endAuditId = imports.latestAuditId();
        imports.finishBatch(batch);
        if (m_verdict.kind == filekind::Kind::Leads)
            imports.saveMapping(ColumnMapping::signature(m_header), m_mapping.toJson(), actor,
                                options.now);
        transaction.commit();
        summary.batchId = options.batchId;
    }
    return summary;
}

void LeadImporter::importLeads(ImportPass &pass, const Progress &progress)
{
    CsvReader reader(m_leadsFile);
    reader.open();
    RowParser parser(QFileInfo(m_leadsFile).fileName(), reader.uniqueHeader(), m_mapping,
                     pass.types());
    const QList<CsvReader::Record> sample = readSample(reader);
    const QList<QStringList> sampleFields = fieldsOf(sample);
    pass.summary().addProblems(parser.learnDateFormats(sampleFields));
    FooterDetector footers(reader.uniqueHeader(), m_mapping);
    footers.learn(sampleFields);
    importRows(reader, sample, footers, pass, progress,
               [&](const CsvReader::Record &record, QList<ImportProblem> *problems) {
                   return parser.parse(record.line, record.fields, record.extraFields, problems);
               });
}

void LeadImporter::importOutcomes(ImportPass &pass, const Progress &progress)
{
    const QString fileName = QFileInfo(m_leadsFile).fileName();
    CsvReader reader(m_leadsFile);
    reader.open();
    const QList<CsvReader::Record> sample = readSample(reader);
    const QList<QStringList> sampleFields = fieldsOf(sample);
    OutcomeRows outcomes(fileName, reader.uniqueHeader());
    const auto isKnownLead = [&](const QString &key) {
        return pass.find(key, {}).has_value() || pass.find({}, key).has_value();
    };
    outcomes.learn(sampleFields, isKnownLead);
    pass.summary().readAs = outcomes.describe();
    // The link column is what names a lead, as an id column does in a leads file.
    ColumnMapping link;
    link.columns.resize(reader.uniqueHeader().size());
    link.columns[outcomes.leadColumn()] = {ColumnTarget::Kind::LeadField,
                                           QStringLiteral("external_id")};
    FooterDetector footers(reader.uniqueHeader(), link);
    footers.learn(sampleFields);
    importRows(reader, sample, footers, pass, progress,
               [&](const CsvReader::Record &record, QList<ImportProblem> *problems) {
                   auto row = outcomes.parse(record.line, record.fields, problems);
                   // A deal names a lead; it never becomes one.
                   if (row && !pass.find(row->lead.externalId, row->lead.email)) {
                       const int c = outcomes.leadColumn();
                       problems->append({fileName, record.line, reader.uniqueHeader().value(c),
                                         record.fields.value(c), tr("is no lead in the database")});
                       row.reset();
                   }
                   return row;
               });
}

void LeadImporter::importActivities(ImportPass &pass, const QString &path, const Progress &progress)
{
    ActivitiesFile file(path, m_activityType);
    file.open();
    const ActivitiesFile::Columns &columns = file.columns();
    ImportSummary &summary = pass.summary();
    // Exports list a lead's events together: the last lead is looked up once.
    QString lastEmail, lastExternalId;
    std::optional<qint64> lastLead;
    bool looked = false;
    const QString none;
    qint64 counted = 0;
    CsvReader::Record record;
    while (file.next(record)) {
        if (++counted % LeadImporter::ProgressEveryRows == 0 && progress &&
            !progress(file.bytesRead(), file.size())) {
            summary.cancelled = true;
            return;
        }
        ++summary.activityRows;
        const QString &email = columns.email >= 0 ? record.fields[columns.email] : none;
        const QString &externalId =
            columns.externalId >= 0 ? record.fields[columns.externalId] : none;
        if (!looked || email != lastEmail || externalId != lastExternalId) {
            lastLead = pass.find(externalId, email);
            lastEmail = email;
            lastExternalId = externalId;
            looked = true;
        }
        ImportProblem problem;
        const auto event = lastLead ? file.read(record, pass.types(), &problem) : std::nullopt;
        if (!event) {
            summary.addProblems({lastLead ? problem : file.unknownLead(record)});
            ++summary.rejected;
            ++summary.activityRowsRejected;
            continue;
        }
        pass.addActivity(*lastLead, event->typeId, event->at,
                         columns.asset >= 0 ? QStringView(record.fields[columns.asset]).trimmed()
                                            : QStringView(),
                         columns.channel >= 0
                             ? QStringView(record.fields[columns.channel]).trimmed()
                             : QStringView());
    }
}

LeadImporter::ActivitiesPreview LeadImporter::previewActivities(int rows) const
{
    ActivitiesFile file(m_activitiesFile);
    file.open();
    const ActivityCatalogue types(ActivityRepository(m_db.connection()).types());
    ActivitiesPreview preview;
    preview.header = file.header();
    preview.columns = file.describe();
    CsvReader::Record record;
    while (int(preview.rows.size()) < rows && file.next(record)) {
        preview.rows.append({record.line, record.fields});
        ImportProblem problem;
        if (!file.read(record, types, &problem))
            preview.problems.append(problem);
    }
    return preview;
}

void LeadImporter::undo(Database &db, qint64 batchId, const QString &actor, qint64 now)
{
    Transaction transaction(db.connection());
    ImportRepository imports(db.connection());
    const auto batch = imports.find(batchId);
    if (!batch)
        throw Error(tr("There is no import batch %1").arg(batchId));
    if (batch->undoneAt)
        throw Error(
            tr("Import batch %1 was already undone by %2").arg(batchId).arg(batch->undoneBy));
    // Later imports may have changed the same leads: take them back first. Their undos
    // stamped the leads they put back; those writes are not a person's work.
    std::optional<qint64> since = batch->endChangeSeq;
    for (const ImportBatch &later : imports.batches()) {
        if (later.id <= batchId)
            continue;
        if (!later.undoneAt)
            throw Error(tr("Import batch %1 came after %2 and is still in place; undo it first")
                            .arg(later.id)
                            .arg(batchId));
        if (since && later.undoEndChangeSeq)
            since = std::max(*since, *later.undoEndChangeSeq);
    }
    // Work done on the leads since (a claim, a stage change, a qualification) would be lost
    // with them, or left on a lead put back as it was before: the people who did it decide.
    // Batches recorded before Handoff kept where an import ended cannot be checked.
    if (since && batch->endAuditId) {
        qint64 changed = 0;
        const auto leads =
            imports.leadsChangedAfter(batchId, *since, *batch->endAuditId, NamedLeads, &changed);
        if (changed > 0) {
            QStringList names;
            for (const ImportRepository::ChangedLead &lead : leads) {
                names.append(lead.name.isEmpty() ? lead.email
                             : lead.email.isEmpty()
                                 ? lead.name
                                 : QStringLiteral("%1 <%2>").arg(lead.name, lead.email));
            }
            if (changed > leads.size())
                names.append(tr("and %L1 more").arg(changed - leads.size()));
            throw Error(tr("Import batch %1 cannot be undone: since it was imported, "
                           "people worked on %n of its leads (%2), and undoing it would "
                           "throw that work away",
                           nullptr, int(std::min<qint64>(changed, std::numeric_limits<int>::max())))
                            .arg(batchId)
                            .arg(names.join(QStringLiteral(", "))));
        }
    }
    imports.removeAdditions(batchId);
    LeadRepository leads(db.connection());
    imports.scanLeadChanges(batchId, [&](const ImportRepository::LeadChange &change) {
        if (change.created > 0) {
            imports.removeLeads(change.leadId, change.created);
            return;
        }
        Lead lead;
        QMap<QString, QString> custom;
        leadsnapshot::fromJson(change.before, &lead, &custom);
        lead.id = change.leadId;
        leads.update(lead);
        leads.setCustomFields(lead.id, custom);
    });
    imports.markUndone(batchId, actor, now, transaction.changeSeq());
    AuditLog(db.connection())
        .record({now, actor, QStringLiteral("import.undo"), QStringLiteral("import_batch"), batchId,
                 tr("%1, imported from %2").arg(batchId).arg(batch->fileName)});
    transaction.commit();
}

} // namespace handoff
