#include "leadimporter.h"

#include <set>
#include <tuple>

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "activitybulkwriter.h"
#include "activitycatalogue.h"
#include "activityrepository.h"
#include "csvreader.h"
#include "database.h"
#include "importrepository.h"
#include "leadrepository.h"
#include "storeerror.h"
#include "transaction.h"

namespace {

constexpr int DateSampleRows = 1000;

QJsonObject leadToJson(const Lead &l, const QMap<QString, QString> &custom)
{
    QJsonObject fields;
    for (auto it = custom.cbegin(); it != custom.cend(); ++it)
        fields.insert(it.key(), it.value());
    return {
        {QStringLiteral("external_id"), l.externalId},
        {QStringLiteral("email"), l.email},
        {QStringLiteral("first_name"), l.firstName},
        {QStringLiteral("last_name"), l.lastName},
        {QStringLiteral("company"), l.company},
        {QStringLiteral("title"), l.title},
        {QStringLiteral("seniority"), l.seniority},
        {QStringLiteral("industry"), l.industry},
        {QStringLiteral("company_size"), l.companySize ? QJsonValue(*l.companySize) : QJsonValue()},
        {QStringLiteral("country"), l.country},
        {QStringLiteral("source"), l.source},
        {QStringLiteral("channel"), l.channel},
        {QStringLiteral("stage"), stage::toString(l.stage)},
        {QStringLiteral("owner"), l.owner},
        {QStringLiteral("created_at"), l.createdAt},
        {QStringLiteral("custom"), fields}};
}

void leadFromJson(const QJsonObject &o, Lead *l, QMap<QString, QString> *custom)
{
    l->externalId = o.value(QStringLiteral("external_id")).toString();
    l->email = o.value(QStringLiteral("email")).toString();
    l->firstName = o.value(QStringLiteral("first_name")).toString();
    l->lastName = o.value(QStringLiteral("last_name")).toString();
    l->company = o.value(QStringLiteral("company")).toString();
    l->title = o.value(QStringLiteral("title")).toString();
    l->seniority = o.value(QStringLiteral("seniority")).toString();
    l->industry = o.value(QStringLiteral("industry")).toString();
    const QJsonValue size = o.value(QStringLiteral("company_size"));
    l->companySize = size.isDouble() ? std::optional<int>(size.toInt()) : std::nullopt;
    l->country = o.value(QStringLiteral("country")).toString();
    l->source = o.value(QStringLiteral("source")).toString();
    l->channel = o.value(QStringLiteral("channel")).toString();
    l->stage =
        stage::fromString(o.value(QStringLiteral("stage")).toString()).value_or(Stage::Suspect);
    l->owner = o.value(QStringLiteral("owner")).toString();
    l->createdAt = o.value(QStringLiteral("created_at")).toInteger();
    custom->clear();
    const QJsonObject fields = o.value(QStringLiteral("custom")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        custom->insert(it.key(), it.value().toString());
}

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
    while (const auto record = reader.next()) {
        if (!handle(*record))
            return;
    }
    if (!reader.error().isEmpty())
        throw StoreError(reader.error());
}

bool sameLead(const Lead &a, const Lead &b)
{
    return a.externalId == b.externalId && a.email == b.email && a.firstName == b.firstName &&
           a.lastName == b.lastName && a.company == b.company && a.title == b.title &&
           a.seniority == b.seniority && a.industry == b.industry &&
           a.companySize == b.companySize && a.country == b.country && a.channel == b.channel &&
           a.stage == b.stage && a.owner == b.owner && a.createdAt == b.createdAt;
}

// Copies the fields the file gave onto what is stored.
Lead merged(Lead stored, const ParsedRow &row)
{
    const Lead &in = row.lead;
    const auto take = [&](const char *key, auto Lead::*field) {
        if (row.present.contains(QString::fromLatin1(key)))
            stored.*field = in.*field;
    };
    take("external_id", &Lead::externalId);
    take("email", &Lead::email);
    take("first_name", &Lead::firstName);
    take("last_name", &Lead::lastName);
    take("company", &Lead::company);
    take("title", &Lead::title);
    take("seniority", &Lead::seniority);
    take("industry", &Lead::industry);
    take("company_size", &Lead::companySize);
    take("country", &Lead::country);
    take("channel", &Lead::channel);
    take("stage", &Lead::stage);
    take("owner", &Lead::owner);
    take("created_at", &Lead::createdAt);
    return stored;
}

} // namespace

QString ImportSummary::countsText() const
{
    QString text = LeadImporter::tr("%L1 rows: %L2 new, %L3 updated, %L4 unchanged, %L5 rejected; "
                                    "%L6 activities, %L7 stage changes")
                       .arg(rows)
                       .arg(created)
                       .arg(updated)
                       .arg(unchanged)
                       .arg(rejected)
                       .arg(activities)
                       .arg(stageChanges);
    if (skipped > 0)
        text += LeadImporter::tr("; %L1 report footer rows skipped").arg(skipped);
    return text;
}

void ImportSummary::addProblems(const QList<ImportProblem> &more)
{
    for (const ImportProblem &p : more) {
        if (problems.size() < MaxProblems)
            problems.append(p);
        else
            ++problemsOmitted;
    }
}

// One run over the files: what is stored, what this run added so far, and the counts.
struct LeadImporter::Pass
{
    Pass(Database &db, bool write, QString actor, qint64 now, QString fileName)
        : write(write)
        , actor(std::move(actor))
        , now(now)
        , fileName(std::move(fileName))
        , leads(db.connection())
        , activities(db.connection())
        , bulk(db.connection())
        , imports(db.connection())
        , ids(leads.identities())
        , types(activities.types())
    {
        for (auto it = ids.byExternalId.cbegin(); it != ids.byExternalId.cend(); ++it)
            externalIdOf.insert(it.value(), it.key());
    }

    // What this run knows of a lead it already touched (a file may list one twice).
    struct Known
    {
        Lead lead;
        QMap<QString, QString> custom;
        QHash<int, int> counts;
        QSet<Stage> reached;
    };

    bool write;
    QString actor;
    qint64 now;
    QString fileName;
    qint64 batchId = 0;
    LeadRepository leads;
    ActivityRepository activities;
    ActivityBulkWriter bulk; // the many inserts
    ImportRepository imports;
    LeadRepository::Identities ids;
    ActivityCatalogue types;
    ImportSummary summary;
    QHash<qint64, Known> known;
    QSet<qint64> created;                // leads this run created
    QHash<qint64, QString> externalIdOf; // lead id -> its external id, for e-mail matches
    qint64 nextDryRunId = -1;
    bool expandCounts = true; // false when an activities file brings the events themselves

    std::optional<qint64> find(const Lead &lead) const
    {
        if (!lead.externalId.isEmpty()) {
            if (const auto it = ids.byExternalId.constFind(lead.externalId);
                it != ids.byExternalId.cend())
                return it.value();
        }
        if (!lead.email.isEmpty()) {
            const auto it = ids.byEmail.constFind(lead.email.trimmed().toCaseFolded());
            // Two CRM records sharing an address (info@...) with different ids stay two leads.
            if (it != ids.byEmail.cend() &&
                (lead.externalId.isEmpty() || !externalIdOf.contains(it.value()) ||
                 externalIdOf.value(it.value()).isEmpty()))
                return it.value();
        }
        return std::nullopt;
    }

    // Keeps the lookup tables right when a lead's id or address changes.
    void rekey(qint64 id, const Lead &before, const Lead &after)
    {
        if (before.externalId != after.externalId) {
            ids.byExternalId.remove(before.externalId);
            if (!after.externalId.isEmpty())
                ids.byExternalId.insert(after.externalId, id);
            externalIdOf.insert(id, after.externalId);
        }
        const QString oldEmail = before.email.trimmed().toCaseFolded();
        const QString newEmail = after.email.trimmed().toCaseFolded();
        if (oldEmail != newEmail) {
            if (ids.byEmail.value(oldEmail) == id)
                ids.byEmail.remove(oldEmail);
            if (!newEmail.isEmpty() && !ids.byEmail.contains(newEmail))
                ids.byEmail.insert(newEmail, id);
        }
    }

    Known state(qint64 id)
    {
        if (const auto it = known.constFind(id); it != known.cend())
            return it.value();
        Known k;
        k.lead = leads.find(id).value_or(Lead{});
        k.custom = leads.customFields(id);
        k.counts = activities.countsByType(id);
        k.reached = leads.reachedStages(id);
        return k;
    }

    void addActivities(qint64 leadId, int typeId, int count, qint64 from, qint64 to)
    {
        // Counts carry no dates: spread them evenly between creation and the last activity.
        for (int i = 0; i < count; ++i) {
            const qint64 at = count == 1 ? to : from + (to - from) * i / (count - 1);
            if (write)
                bulk.insert({0, leadId, typeId, at, {}, {}, batchId});
        }
        summary.activities += count;
    }

    // Writes the stages the row says the lead reached, oldest first, and the stage the file
    // gives the lead now; returns the stage the lead ends in.
    Stage recordStages(qint64 leadId, Known &k, const ParsedRow &row, Stage from)
    {
        QList<std::pair<qint64, Stage>> events = row.stagesReached;
        if (row.converted && !k.reached.contains(Stage::Opportunity))
            events.append({now, Stage::Opportunity});
        if (row.present.contains(QStringLiteral("stage")) && row.lead.stage != from)
            events.append({std::max(now, k.lead.createdAt), row.lead.stage});
        std::stable_sort(events.begin(), events.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first < b.first : int(a.second) < int(b.second);
        });
        Stage current = from;
        for (const auto &[at, stage] : std::as_const(events)) {
            if (stage == current || (k.reached.contains(stage) && stage != row.lead.stage))
                continue;
            if (write)
                leads.recordStageChange({leadId, current, stage, at, actor,
                                         LeadImporter::tr("Imported from %1").arg(fileName),
                                         batchId});
            k.reached.insert(stage);
            current = stage;
            ++summary.stageChanges;
        }
        return row.present.contains(QStringLiteral("stage")) ? row.lead.stage : current;
    }

    void apply(const ParsedRow &row)
    {
        if (const auto id = find(row.lead))
            update(*id, row);
        else
            create(row);
    }

    void create(const ParsedRow &row)
    {
        Known k;
        k.lead = merged(Lead{}, row);
        Lead &lead = k.lead;
        if (!row.present.contains(QStringLiteral("created_at")) || lead.createdAt == 0) {
            // No creation date: the earliest thing the file knows about the lead.
            lead.createdAt = row.lastActivityAt.value_or(now);
            for (const auto &[at, stage] : row.stagesReached)
                lead.createdAt = std::min(lead.createdAt, at);
        }
        lead.stage = Stage::Suspect; // the history below takes it where the file says
        qint64 id = nextDryRunId--;
        if (write) {
            id = leads.insert(lead);
            imports.recordLeadChange(batchId, id, true, {});
            leads.recordStageChange({id, std::nullopt, Stage::Suspect, lead.createdAt, actor,
                                     LeadImporter::tr("Imported from %1").arg(fileName), batchId});
            if (!row.custom.isEmpty())
                leads.setCustomFields(id, row.custom);
        }
        lead.id = id;
        k.reached.insert(Stage::Suspect);
        k.custom = row.custom;
        const Stage final = recordStages(id, k, row, Stage::Suspect);
        if (final != lead.stage) {
            lead.stage = final;
            if (write)
                leads.update(lead);
        }
        addCounts(id, k, row);
        created.insert(id);
        externalIdOf.insert(id, lead.externalId);
        if (!lead.externalId.isEmpty())
            ids.byExternalId.insert(lead.externalId, id);
        if (!lead.email.isEmpty() && !ids.byEmail.contains(lead.email.trimmed().toCaseFolded()))
            ids.byEmail.insert(lead.email.trimmed().toCaseFolded(), id);
        remember(id, k);
        ++summary.created;
    }

    // A dry run keeps what it would have written; a real run reads it back from the
    // transaction, so a million-row import holds no copy of every lead.
    void remember(qint64 id, const Known &k)
    {
        if (!write)
            known.insert(id, k);
    }

    void addCounts(qint64 id, Known &k, const ParsedRow &row)
    {
        if (!expandCounts)
            return; // the activities file has the real, dated events
        const qint64 last = row.lastActivityAt.value_or(k.lead.createdAt);
        for (auto it = row.activityCounts.cbegin(); it != row.activityCounts.cend(); ++it) {
            const int missing = it.value() - k.counts.value(it.key());
            if (missing > 0) {
                addActivities(id, it.key(), missing, k.lead.createdAt,
                              std::max(last, k.lead.createdAt));
                k.counts[it.key()] += missing;
            }
        }
        if (row.lastActivityType && k.counts.value(*row.lastActivityType) == 0) {
            addActivities(id, *row.lastActivityType, 1, last, last);
            k.counts[*row.lastActivityType] = 1;
        }
    }

    void update(qint64 id, const ParsedRow &row)
    {
        Known k = state(id);
        const Known before = k;
        k.lead = merged(before.lead, row);
        k.lead.id = id;
        k.lead.stage = before.lead.stage;
        for (auto it = row.custom.cbegin(); it != row.custom.cend(); ++it)
            k.custom.insert(it.key(), it.value());
        const qint64 activitiesBefore = summary.activities;
        const qint64 stagesBefore = summary.stageChanges;
        k.lead.stage = recordStages(id, k, row, before.lead.stage);
        const bool fieldsChanged = !sameLead(k.lead, before.lead) || k.custom != before.custom;
        if (fieldsChanged && write) {
            imports.recordLeadChange(batchId, id, false,
                                     QJsonDocument(leadToJson(before.lead, before.custom))
                                         .toJson(QJsonDocument::Compact));
            leads.update(k.lead);
            leads.setCustomFields(id, k.custom);
        }
        rekey(id, before.lead, k.lead);
        addCounts(id, k, row);
        remember(id, k);
        if (fieldsChanged || summary.activities != activitiesBefore ||
            summary.stageChanges != stagesBefore)
            ++summary.updated;
        else
            ++summary.unchanged;
    }
};

LeadImporter::LeadImporter(Database &db, QString leadsFile, QString activitiesFile)
    : m_db(db)
    , m_leadsFile(std::move(leadsFile))
    , m_activitiesFile(std::move(activitiesFile))
{}

LeadImporter::~LeadImporter() = default;

bool LeadImporter::open(const QString &preset, QString *error)
{
    if (!preset.isEmpty() && !ColumnMapping::presetNames().contains(preset)) {
        *error = tr("there is no preset '%1' (known: %2)")
                     .arg(preset, ColumnMapping::presetNames().join(QStringLiteral(", ")));
        return false;
    }
    CsvReader reader(m_leadsFile);
    if (!reader.open(error))
        return false;
    m_header = reader.uniqueHeader();
    m_savedMapping = false;
    if (preset.isEmpty()) {
        if (const auto saved =
                ImportRepository(m_db.connection()).mapping(ColumnMapping::signature(m_header))) {
            QString ignored;
            if (const auto mapping =
                    ColumnMapping::fromJson(*saved, int(m_header.size()), &ignored)) {
                m_mapping = *mapping;
                m_savedMapping = true;
                return true;
            }
        }
    }
    m_mapping = ColumnMapping::guess(m_header, preset);
    return true;
}

QList<std::pair<qint64, QStringList>> LeadImporter::preview(int rows) const
{
    QList<std::pair<qint64, QStringList>> out;
    CsvReader reader(m_leadsFile);
    QString error;
    if (!reader.open(&error))
        return out;
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
    std::optional<Transaction> transaction;
    if (write)
        transaction.emplace(m_db.connection());
    // A dry run reads one snapshot, so its figures are what a run would find.
    if (!write)
        transaction.emplace(m_db.connection(), Transaction::Kind::Read);
    Pass pass(m_db, write, actor, now ? now : QDateTime::currentSecsSinceEpoch(), fileName);
    pass.expandCounts = m_activitiesFile.isEmpty();
    if (write) {
        ImportBatch batch;
        batch.fileName = fileName;
        batch.preset = m_mapping.preset;
        batch.importedAt = pass.now;
        batch.importedBy = actor;
        pass.batchId = ImportRepository(m_db.connection()).beginBatch(batch);
    }

    CsvReader reader(m_leadsFile);
    QString error;
    if (!reader.open(&error))
        throw StoreError(error);
    RowParser parser(fileName, reader.uniqueHeader(), m_mapping, pass.types);
    const QList<CsvReader::Record> sample = readSample(reader);
    QList<QStringList> sampleFields;
    for (const CsvReader::Record &r : std::as_const(sample)) {
        if (r.extraFields == 0) // a shifted row would teach the wrong formats
            sampleFields.append(r.fields);
    }
    pass.summary.addProblems(parser.learnDateFormats(sampleFields));

    const qint64 total = reader.size();
    qint64 counted = 0;
    const auto handle = [&](const CsvReader::Record &record) {
        if ((++counted & 0x3FF) == 0 && progress && !progress(reader.bytesRead(), total)) {
            pass.summary.cancelled = true;
            return false;
        }
        if (parser.isFooter(record.fields)) {
            ++pass.summary.skipped;
            return true;
        }
        ++pass.summary.rows;
        QList<ImportProblem> problems;
        if (const auto row =
                parser.parse(record.line, record.fields, record.extraFields, &problems))
            pass.apply(*row);
        else
            ++pass.summary.rejected;
        pass.summary.addProblems(problems);
        return true;
    };
    forEachRecord(reader, sample, handle);
    if (!pass.summary.cancelled && !m_activitiesFile.isEmpty())
        importActivities(pass, progress);
    if (pass.summary.cancelled)
        return pass.summary; // the transaction rolls back

    if (write) {
        const bool keep = pass.summary.rejected == 0 || policy == Policy::GoodRows;
        if (!keep)
            return pass.summary; // all or nothing, and something failed: nothing
        ImportBatch batch;
        batch.id = pass.batchId;
        batch.leadsCreated = pass.summary.created;
        batch.leadsUpdated = pass.summary.updated;
        batch.activitiesCreated = pass.summary.activities;
        batch.rowsRejected = pass.summary.rejected;
        ImportRepository imports(m_db.connection());
        imports.finishBatch(batch);
        imports.saveMapping(ColumnMapping::signature(m_header), m_mapping.toJson(), actor,
                            pass.now);
        transaction->commit();
        pass.summary.batchId = pass.batchId;
    }
    return pass.summary;
}

void LeadImporter::importActivities(Pass &pass, const Progress &progress)
{
    const QString fileName = QFileInfo(m_activitiesFile).fileName();
    CsvReader reader(m_activitiesFile);
    QString error;
    if (!reader.open(&error))
        throw StoreError(error);
    const QStringList header = reader.uniqueHeader();
    // The columns an activity export has, by any of their usual names.
    // Names in order of preference: the most specific name wins wherever its column is.
    const auto column = [&](std::initializer_list<const char *> names) {
        for (const char *name : names) {
            for (int c = 0; c < int(header.size()); ++c) {
                if (valueparsers::categoryKey(header[c]) ==
                    valueparsers::categoryKey(QString::fromLatin1(name)))
                    return c;
            }
        }
        return -1;
    };
    const int email = column({"email", "lead email", "contact email", "e-mail"});
    const int external =
        column({"external id", "lead id", "leadid", "record id", "contact id", "prospect id"});
    const int type = column({"type", "activity", "activity type", "event"});
    const int when =
        column({"occurred at", "date", "timestamp", "time", "activity date", "created at"});
    const int asset = column({"asset", "content", "campaign", "asset name"});
    const int channel = column({"channel", "source", "medium"});
    if ((email < 0 && external < 0) || type < 0 || when < 0) {
        throw StoreError(tr("%1: an activities file needs a lead (e-mail or id), a type and a date "
                            "column; its columns are %2")
                             .arg(fileName, header.join(QStringLiteral(", "))));
    }

    const QList<CsvReader::Record> sample = readSample(reader);
    QStringList dates;
    for (const CsvReader::Record &r : std::as_const(sample))
        dates.append(r.fields.value(when).trimmed());
    const auto format = valueparsers::detectDateFormat(dates);
    if (!format && !sample.isEmpty())
        throw StoreError(
            tr("%1, column %2: no single date format fits its values").arg(fileName, header[when]));

    std::set<std::tuple<qint64, int, qint64>> seen; // what a dry run would have added
    QHash<QString, std::optional<int>> typeCache;
    qint64 counted = 0;
    const auto handle = [&](const CsvReader::Record &record) {
        if ((++counted & 0x3FF) == 0 && progress && !progress(reader.bytesRead(), reader.size())) {
            pass.summary.cancelled = true;
            return false;
        }
        const auto reject = [&](int c, const QString &reason) {
            pass.summary.addProblems({{fileName, record.line, c < 0 ? QString() : header.value(c),
                                       c < 0 ? QString() : record.fields.value(c), reason}});
            ++pass.summary.rejected;
            return true;
        };
        Lead who;
        who.email = email >= 0 ? record.fields.value(email).trimmed() : QString();
        who.externalId = external >= 0 ? record.fields.value(external).trimmed() : QString();
        const auto leadId = pass.find(who);
        if (!leadId)
            return reject(email >= 0 ? email : external,
                          tr("is no lead in the database or the leads file"));
        // A file names few types many times: look each spelling up once.
        const QString typeName = record.fields.value(type);
        auto cached = typeCache.constFind(typeName);
        if (cached == typeCache.cend())
            cached = typeCache.insert(typeName, RowParser::activityType(pass.types, typeName));
        const std::optional<int> typeId = cached.value();
        if (!typeId)
            return reject(type, tr("is not an activity type Handoff knows"));
        const auto at = format
                            ? valueparsers::parseDate(record.fields.value(when).trimmed(), *format)
                            : std::nullopt;
        if (!at)
            return reject(when, tr("is not a date in this column's format"));
        const auto key = std::tuple(*leadId, *typeId, *at);
        // A lead this import created has no activities from before to repeat.
        // Only leads that were there before can already have this activity; the file's own
        // rows are taken as they are (a dry run also remembers them, for its figures).
        const bool fresh = *leadId < 0 || pass.created.contains(*leadId);
        const bool repeated = (!fresh && pass.activities.exists(*leadId, *typeId, *at)) ||
                              (!pass.write && seen.count(key));
        if (repeated)
            return true; // imported before: importing again changes nothing
        if (!pass.write)
            seen.insert(key);
        if (pass.write) {
            pass.bulk.insert({0, *leadId, *typeId, *at,
                              asset >= 0 ? record.fields.value(asset).trimmed() : QString(),
                              channel >= 0 ? record.fields.value(channel).trimmed() : QString(),
                              pass.batchId});
        }
        ++pass.summary.activities;
        return true;
    };
    forEachRecord(reader, sample, handle);
}

void LeadImporter::undo(Database &db, qint64 batchId, const QString &actor, qint64 now)
{
    Transaction transaction(db.connection());
    ImportRepository imports(db.connection());
    const auto batch = imports.find(batchId);
    if (!batch)
        throw StoreError(tr("There is no import batch %1").arg(batchId));
    if (batch->undoneAt)
        throw StoreError(
            tr("Import batch %1 was already undone by %2").arg(batchId).arg(batch->undoneBy));
    // Later imports may have changed the same leads: take them back first.
    for (const ImportBatch &later : imports.batches()) {
        if (later.id > batchId && !later.undoneAt)
            throw StoreError(
                tr("Import batch %1 came after %2 and is still in place; undo it first")
                    .arg(later.id)
                    .arg(batchId));
    }
    imports.removeAdditions(batchId);
    LeadRepository leads(db.connection());
    imports.scanLeadChanges(batchId, [&](const ImportRepository::LeadChange &change) {
        if (change.created) {
            leads.remove(change.leadId);
            return;
        }
        Lead lead;
        QMap<QString, QString> custom;
        leadFromJson(QJsonDocument::fromJson(change.before).object(), &lead, &custom);
        lead.id = change.leadId;
        leads.update(lead);
        leads.setCustomFields(lead.id, custom);
    });
    imports.markUndone(batchId, actor, now);
    transaction.commit();
}
