#include "io/importpass.h"

#include <algorithm>
#include <tuple>

#include "io/leadsnapshot.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/leadfield.h"

namespace handoff {

namespace {

bool sameLead(const Lead &a, const Lead &b)
{
    return std::all_of(leadFields().begin(), leadFields().end(),
                       [&](const LeadField &f) { return f.get(a) == f.get(b); });
}

const LeadField &stageField = requiredLeadField(u"stage");
const LeadField &createdAtField = requiredLeadField(u"created_at");

// Copies the fields the file gave onto what is stored.
Lead merged(Lead stored, const ParsedRow &row)
{
    for (const LeadField &field : leadFields()) {
        if (row.given.contains(field))
            field.set(stored, field.get(row.lead));
    }
    if (row.given.contains(createdAtField))
        stored.createdUndated = false;
    return stored;
}

constexpr quint32 bit(Stage stage)
{
    return 1u << int(stage);
}

// A dry run's memory of a lead, as bytes: numbers as varints, texts as UTF-8 with their
// length; about 100 bytes for a lead that would take a kilobyte as Lead plus containers.
class Packer
{
public:
    explicit Packer(QByteArray &out)
        : m_out(out)
    {}
    void number(quint64 v)
    {
        while (v >= 0x80) {
            m_out.append(char(v | 0x80));
            v >>= 7;
        }
        m_out.append(char(v));
    }
    void signedNumber(qint64 v) { number((quint64(v) << 1) ^ quint64(v >> 63)); }
    void text(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        number(quint64(utf8.size()));
        m_out.append(utf8);
    }

private:
    QByteArray &m_out;
};

class Unpacker
{
public:
    explicit Unpacker(const char *p)
        : m_p(reinterpret_cast<const uchar *>(p))
    {}
    quint64 number()
    {
        quint64 v = 0;
        for (int shift = 0;; shift += 7) {
            const uchar b = *m_p++;
            v |= quint64(b & 0x7F) << shift;
            if (b < 0x80)
                return v;
        }
    }
    qint64 signedNumber()
    {
        const quint64 v = number();
        return qint64(v >> 1) ^ -qint64(v & 1);
    }
    QString text()
    {
        const auto n = qsizetype(number());
        const QString s = QString::fromUtf8(reinterpret_cast<const char *>(m_p), n);
        m_p += n;
        return s;
    }

private:
    const uchar *m_p;
};

QString Lead::*const packedTexts[] = {
    &Lead::externalId, &Lead::email,     &Lead::firstName,       &Lead::lastName, &Lead::company,
    &Lead::title,      &Lead::seniority, &Lead::industry,        &Lead::country,  &Lead::source,
    &Lead::channel,    &Lead::owner,     &Lead::companySizeText,
};

} // namespace

ImportPass::ImportPass(Database &db, Options options)
    : m_options(std::move(options))
    , m_reason(tr("Imported from %1").arg(m_options.fileName))
    , m_leads(db.connection())
    , m_newLeads(db.connection())
    , m_bulk(db.connection(), [this] { m_newLeads.flush(); }) // the leads they name first
    , m_imports(db.connection())
    , m_types(ActivityRepository(db.connection()).types())
{
    m_imports.scanLeadKeys([&](qint64 id, QStringView externalId, QStringView email) {
        if (!externalId.isEmpty())
            m_byExternalId.insert(externalId, id);
        // The oldest lead with an address answers for it.
        if (!email.isEmpty() && !m_byEmail.contains(email))
            m_byEmail.insert(email, id * 2 + (externalId.isEmpty() ? 0 : 1));
    });
}

ImportPass::~ImportPass() = default;

QStringView ImportPass::folded(QStringView email)
{
    email = email.trimmed();
    // Addresses are mostly ASCII, where folding is lower-casing: no new string per row.
    m_folded.resize(email.size());
    QChar *out = m_folded.data();
    for (const QChar c : email) {
        const char16_t u = c.unicode();
        if (u >= 0x80) {
            m_folded = email.toString().toCaseFolded();
            return m_folded;
        }
        *out++ = QChar(u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u);
    }
    return m_folded;
}

std::optional<qint64> ImportPass::find(QStringView externalId, QStringView email)
{
    externalId = externalId.trimmed();
    if (!externalId.isEmpty()) {
        if (const auto id = m_byExternalId.find(externalId))
            return id;
    }
    if (email.trimmed().isEmpty())
        return std::nullopt;
    const auto value = m_byEmail.find(folded(email));
    if (!value)
        return std::nullopt;
    // Two CRM records sharing an address (info@...) with different ids stay two leads.
    const bool leadHasId = (*value & 1) != 0;
    if (!externalId.isEmpty() && leadHasId)
        return std::nullopt;
    return *value >> 1;
}

void ImportPass::index(qint64 id, const Lead &lead)
{
    if (!lead.externalId.isEmpty())
        m_byExternalId.insert(lead.externalId, id);
    const QStringView email = folded(lead.email);
    if (!email.isEmpty() && !m_byEmail.contains(email))
        m_byEmail.insert(email, id * 2 + (lead.externalId.isEmpty() ? 0 : 1));
}

void ImportPass::rekey(qint64 id, const Lead &before, const Lead &after)
{
    if (before.externalId == after.externalId && before.email == after.email)
        return;
    if (before.externalId != after.externalId) {
        if (m_byExternalId.find(before.externalId) == id)
            m_byExternalId.remove(before.externalId);
        if (!after.externalId.isEmpty())
            m_byExternalId.insert(after.externalId, id);
    }
    const QString oldEmail = folded(before.email).toString();
    const QString newEmail = folded(after.email).toString();
    if (oldEmail != newEmail) {
        if (const auto v = m_byEmail.find(oldEmail); v && (*v >> 1) == id)
            m_byEmail.remove(oldEmail);
    }
    // The address's entry (when it is this lead's) says whether the lead has an id now.
    if (!newEmail.isEmpty()) {
        const auto v = m_byEmail.find(newEmail);
        if (!v || (*v >> 1) == id)
            m_byEmail.insert(newEmail, id * 2 + (after.externalId.isEmpty() ? 0 : 1));
    }
}

bool ImportPass::isCreated(qint64 id) const
{
    if (id < 0)
        return true; // a dry run's new lead
    for (const auto &[first, count] : m_createdRuns) {
        if (id >= first && id < first + count)
            return true;
    }
    return false;
}

ImportPass::Known ImportPass::state(qint64 id)
{
    if (const auto at = packedAt(id)) {
        Known k;
        Unpacker in(m_packed.constData() + *at);
        for (QString Lead::*member : packedTexts)
            k.lead.*member = in.text();
        if (in.number())
            k.lead.companySize = int(in.signedNumber());
        k.lead.stage = Stage(in.number());
        k.lead.createdAt = in.signedNumber();
        k.lead.createdUndated = in.number() != 0;
        k.lead.id = id;
        if (in.number()) {
            QMap<QString, QString> custom;
            for (quint64 n = in.number(); n > 0; --n) {
                const QString name = in.text();
                custom.insert(name, in.text());
            }
            k.custom = custom;
        }
        if (in.number()) {
            QHash<int, int> counts;
            for (quint64 n = in.number(); n > 0; --n) {
                const int type = int(in.number());
                counts.insert(type, int(in.number()));
            }
            k.counts = counts;
        }
        if (in.number())
            k.reached = quint32(in.number());
        return k;
    }
    Known k;
    k.lead = m_imports.readLead(id).value_or(Lead{});
    return k;
}

std::optional<qint64> ImportPass::packedAt(qint64 id) const
{
    if (id < 0) {
        const auto i = size_t(-id - 1);
        return i < m_newPackedAt.size() && m_newPackedAt[i] >= 0 ? std::optional(m_newPackedAt[i])
                                                                 : std::nullopt;
    }
    const auto it = m_packedAt.constFind(id);
    return it == m_packedAt.cend() ? std::nullopt : std::optional(it.value());
}

void ImportPass::remember(qint64 id, const Known &k)
{
    if (m_options.write)
        return; // a real run reads it back from its own transaction
    // A lead met again is appended anew; the old bytes stay (few leads come twice).
    if (id < 0) {
        const auto i = size_t(-id - 1);
        if (m_newPackedAt.size() <= i)
            m_newPackedAt.resize(i + 1, -1);
        m_newPackedAt[i] = m_packed.size();
    } else {
        m_packedAt.insert(id, m_packed.size());
    }
    Packer out(m_packed);
    for (QString Lead::*member : packedTexts)
        out.text(k.lead.*member);
    out.number(k.lead.companySize ? 1 : 0);
    if (k.lead.companySize)
        out.signedNumber(*k.lead.companySize);
    out.number(quint64(k.lead.stage));
    out.signedNumber(k.lead.createdAt);
    out.number(k.lead.createdUndated ? 1 : 0);
    out.number(k.custom ? 1 : 0);
    if (k.custom) {
        out.number(quint64(k.custom->size()));
        for (auto it = k.custom->cbegin(); it != k.custom->cend(); ++it) {
            out.text(it.key());
            out.text(it.value());
        }
    }
    out.number(k.counts ? 1 : 0);
    if (k.counts) {
        out.number(quint64(k.counts->size()));
        for (auto it = k.counts->cbegin(); it != k.counts->cend(); ++it) {
            out.number(quint64(it.key()));
            out.number(quint64(it.value()));
        }
    }
    out.number(k.reached ? 1 : 0);
    if (k.reached)
        out.number(*k.reached);
}

void ImportPass::loadCustom(qint64 id, Known &k)
{
    if (!k.custom)
        k.custom = id > 0 ? m_imports.readCustomFields(id) : QMap<QString, QString>();
}

void ImportPass::loadCounts(qint64 id, Known &k)
{
    if (k.counts)
        return;
    if (id > 0) {
        m_bulk.flush(); // the activities held back count too
        k.counts = m_imports.readActivityCounts(id);
    } else {
        k.counts = QHash<int, int>();
    }
}

void ImportPass::loadReached(qint64 id, Known &k)
{
    if (k.reached)
        return;
    k.reached = id > 0 ? m_imports.readReachedStages(id) : 0;
}

void ImportPass::addActivities(qint64 leadId, int typeId, int count, qint64 from, qint64 to,
                               bool undated)
{
    // Counts carry no dates: spread them evenly between creation and the last activity, or,
    // when the file dates neither, mark them undated.
    for (int i = 0; i < count; ++i) {
        const qint64 at = count == 1 ? to : from + (to - from) * i / (count - 1);
        if (m_options.write)
            m_bulk.insert(leadId, typeId, at, {}, {}, m_options.batchId, undated);
    }
    m_summary.activities += count;
}

std::pair<QList<ImportPass::PlannedStage>, Stage>
ImportPass::planStages(qint64 id, Known &k, const ParsedRow &row, Stage from)
{
    QList<PlannedStage> events;
    for (const auto &[at, stage] : row.stagesReached)
        events.append({at, stage, false});
    const bool stageGiven = row.given.contains(stageField);
    // A conversion flag or a stage column says where the lead got, not when: undated history,
    // not something that happened at the moment of import.
    if (row.converted) {
        loadReached(id, k);
        if (!(*k.reached & bit(Stage::Opportunity)))
            events.append({UndatedTime, Stage::Opportunity, true});
    }
    if (stageGiven && row.lead.stage != from)
        events.append({UndatedTime, row.lead.stage, true});
    if (events.isEmpty())
        return {{}, from};
    loadReached(id, k);
    // Undated changes come after the dated ones: the stage column is where the lead ended.
    std::stable_sort(events.begin(), events.end(), [](const auto &a, const auto &b) {
        return std::tuple(a.undated, a.at, int(a.stage)) <
               std::tuple(b.undated, b.at, int(b.stage));
    });
    QList<PlannedStage> changes;
    Stage current = from;
    for (const PlannedStage &event : std::as_const(events)) {
        const Stage stage = event.stage;
        if (stage == current || ((*k.reached & bit(stage)) && stage != row.lead.stage))
            continue;
        changes.append(event);
        *k.reached |= bit(stage);
        current = stage;
    }
    m_summary.stageChanges += changes.size();
    return {changes, stageGiven ? row.lead.stage : current};
}

void ImportPass::writeStages(qint64 id, Stage from, const QList<PlannedStage> &changes)
{
    if (!m_options.write)
        return;
    Stage current = from;
    for (const PlannedStage &change : changes) {
        m_newLeads.recordStageChange({id, current, change.stage, change.at, m_options.actor,
                                      m_reason, m_options.batchId, change.undated});
        current = change.stage;
    }
}

void ImportPass::apply(const ParsedRow &row)
{
    if (const auto id = find(row.lead.externalId, row.lead.email))
        update(*id, row);
    else
        create(row);
}

void ImportPass::create(const ParsedRow &row)
{
    Known k;
    k.lead = merged(Lead{}, row);
    Lead &lead = k.lead;
    if (!row.given.contains(createdAtField) || lead.createdAt == 0) {
        // No creation date: the earliest thing the file knows about the lead.
        lead.createdAt = row.lastActivityAt.value_or(m_options.now);
        for (const auto &[at, stage] : row.stagesReached)
            lead.createdAt = std::min(lead.createdAt, at);
        // A bound (created no later than this), not a date: the suspect stage it starts in is
        // undated history too.
        lead.createdUndated = true;
    }
    k.reached = bit(Stage::Suspect);
    k.custom = row.custom;
    k.counts = QHash<int, int>();
    // The history starts at suspect and goes where the file says; the lead is written once,
    // in the stage it ends in.
    const auto [changes, final] = planStages(0, k, row, Stage::Suspect);
    lead.stage = final;
    qint64 id = m_nextDryRunId--;
    if (m_options.write) {
        id = m_newLeads.insert(lead);
        if (!m_createdRuns.empty() &&
            m_createdRuns.back().first + m_createdRuns.back().second == id)
            ++m_createdRuns.back().second;
        else
            m_createdRuns.push_back({id, 1});
        m_newLeads.recordStageChange({id, std::nullopt, Stage::Suspect, lead.createdAt,
                                      m_options.actor, m_reason, m_options.batchId,
                                      lead.createdUndated});
        writeStages(id, Stage::Suspect, changes);
        if (!row.custom.isEmpty()) {
            m_newLeads.flush();
            m_leads.setCustomFields(id, row.custom);
        }
    }
    lead.id = id;
    addCounts(id, k, row);
    index(id, lead);
    remember(id, k);
    ++m_summary.created;
}

void ImportPass::addCounts(qint64 id, Known &k, const ParsedRow &row)
{
    if (!m_options.expandCounts || (row.activityCounts.isEmpty() && !row.lastActivityType))
        return; // an activities file has the real, dated events
    loadCounts(id, k);
    QHash<int, int> &counts = *k.counts;
    const qint64 last = row.lastActivityAt.value_or(k.lead.createdAt);
    // Dated when a date of the file bounds them (the lead's creation or its last activity);
    // when neither is known, they are undated, not events of the moment of import.
    const bool undated = !row.lastActivityAt && k.lead.createdUndated;
    for (auto it = row.activityCounts.cbegin(); it != row.activityCounts.cend(); ++it) {
        const int missing = it.value() - counts.value(it.key());
        if (missing > 0) {
            addActivities(id, it.key(), missing, k.lead.createdAt, std::max(last, k.lead.createdAt),
                          undated);
            counts[it.key()] += missing;
        }
    }
    if (row.lastActivityType && counts.value(*row.lastActivityType) == 0) {
        addActivities(id, *row.lastActivityType, 1, last, last, undated);
        counts[*row.lastActivityType] = 1;
    }
}

void ImportPass::update(qint64 id, const ParsedRow &row)
{
    m_newLeads.flush(); // what follows reads and writes the lead, which may be one of them
    Known k = state(id);
    const Lead before = k.lead;
    k.lead = merged(before, row);
    k.lead.id = id;
    k.lead.stage = before.stage;
    const qint64 activitiesBefore = m_summary.activities;
    const qint64 stagesBefore = m_summary.stageChanges;
    const auto [changes, final] = planStages(id, k, row, before.stage);
    k.lead.stage = final;
    writeStages(id, before.stage, changes);

    const bool leadChanged = !sameLead(k.lead, before);
    // The custom fields are read only when the row has some, or when the lead's old state
    // must be recorded for an undo.
    QMap<QString, QString> customBefore;
    bool customChanged = false;
    if (!row.custom.isEmpty() || (leadChanged && m_options.write)) {
        loadCustom(id, k);
        customBefore = *k.custom;
        for (auto it = row.custom.cbegin(); it != row.custom.cend(); ++it)
            k.custom->insert(it.key(), it.value());
        customChanged = *k.custom != customBefore;
    }
    const bool fieldsChanged = leadChanged || customChanged;
    if (fieldsChanged && m_options.write) {
        // A lead this run created is taken back whole by an undo; no old state to keep.
        if (!isCreated(id))
            m_imports.recordLeadChange(m_options.batchId, id,
                                       leadsnapshot::toJson(before, customBefore));
        m_leads.update(k.lead);
        if (customChanged)
            m_leads.setCustomFields(id, *k.custom);
    }
    rekey(id, before, k.lead);
    addCounts(id, k, row);
    // An unchanged lead is what the database says: nothing to remember.
    if (fieldsChanged || m_summary.activities != activitiesBefore ||
        m_summary.stageChanges != stagesBefore) {
        remember(id, k);
        ++m_summary.updated;
    } else {
        ++m_summary.unchanged;
    }
}

void ImportPass::addActivity(qint64 leadId, int typeId, qint64 at, QStringView asset,
                             QStringView channel)
{
    // A lead this run created has no activities from before to repeat, and the file's own
    // rows are taken as they are. A lead that was there may have this one already: in the
    // database, or, in a dry run, from an earlier row of the file (a real run wrote that).
    if (!isCreated(leadId)) {
        if (m_bulk.exists(leadId, typeId, at))
            return; // imported before: importing again changes nothing
        if (!m_options.write) {
            const ActivityKey key{leadId, (qint64(typeId) << 40) |
                                              ((at + (1LL << 39)) & ((1LL << 40) - 1))};
            if (m_seen.contains(key))
                return;
            m_seen.insert(key);
        }
    }
    if (m_options.write)
        m_bulk.insert(leadId, typeId, at, asset, channel, m_options.batchId, false);
    ++m_summary.activities;
}

void ImportPass::finish()
{
    if (!m_options.write)
        return;
    m_newLeads.flush();
    m_bulk.flush();
    for (const auto &[first, count] : m_createdRuns)
        m_imports.recordCreatedLeads(m_options.batchId, first, count);
}

size_t ImportPass::memoryBytes() const
{
    return m_byExternalId.memoryBytes() + m_byEmail.memoryBytes() + size_t(m_packed.capacity()) +
           size_t(m_packedAt.capacity()) * 2 * sizeof(qint64) +
           m_newPackedAt.capacity() * sizeof(qint64) +
           size_t(m_seen.capacity()) * sizeof(ActivityKey);
}

} // namespace handoff
