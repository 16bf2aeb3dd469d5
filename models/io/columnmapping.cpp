#include "io/columnmapping.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "scoring/leadfields.h"
#include "store/activitytype.h"
#include "store/error.h"
#include "store/leadfield.h"
#include "store/stage.h"

namespace handoff {

namespace {

using Kind = ColumnTarget::Kind;

struct Known
{
    const char *header; // compared after folding case, spaces, underscores and hyphens
    Kind kind;
    const char *key;
};

struct Preset
{
    const char *name;
    std::vector<Known> columns;
};

QString fold(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            out.append(c.toCaseFolded());
    }
    return out;
}

// Each system's own column names. Where two systems share a name, it means the same.
const std::vector<Preset> &presets()
{
    static const std::vector<Preset> all = {
        {"hubspot",
         {{"Record ID", Kind::LeadField, "external_id"},
          {"First Name", Kind::LeadField, "first_name"},
          {"Last Name", Kind::LeadField, "last_name"},
          {"Email", Kind::LeadField, "email"},
          {"Job Title", Kind::LeadField, "title"},
          {"Company Name", Kind::LeadField, "company"},
          {"Industry", Kind::LeadField, "industry"},
          {"Number of Employees", Kind::LeadField, "company_size"},
          {"Country/Region", Kind::LeadField, "country"},
          {"Lifecycle Stage", Kind::LeadField, "stage"},
          {"Original Source", Kind::LeadField, "channel"},
          {"Create Date", Kind::LeadField, "created_at"},
          {"Contact owner", Kind::LeadField, "owner"},
          {"Became a Marketing Qualified Lead Date", Kind::StageReachedAt, "mql"},
          {"Became a Sales Qualified Lead Date", Kind::StageReachedAt, "sql"},
          {"Became an Opportunity Date", Kind::StageReachedAt, "opportunity"},
          {"Became a Customer Date", Kind::StageReachedAt, "won"},
          {"Number of Pageviews", Kind::ActivityCount, "page_view"},
          {"Number of Sessions", Kind::ActivityCount, "site_visit"},
          {"Number of Form Submissions", Kind::ActivityCount, "form_submit"},
          {"Last Activity Date", Kind::LastActivity, ""}}},
        {"salesforce",
         {{"Id", Kind::LeadField, "external_id"},
          {"FirstName", Kind::LeadField, "first_name"},
          {"LastName", Kind::LeadField, "last_name"},
          {"Email", Kind::LeadField, "email"},
          {"Title", Kind::LeadField, "title"},
          {"Company", Kind::LeadField, "company"},
          {"Industry", Kind::LeadField, "industry"},
          {"NumberOfEmployees", Kind::LeadField, "company_size"},
          {"Country", Kind::LeadField, "country"},
          {"LeadSource", Kind::LeadField, "channel"},
          {"Status", Kind::LeadField, "stage"},
          {"IsConverted", Kind::LeadField, "converted"},
          {"ConvertedDate", Kind::StageReachedAt, "opportunity"},
          {"CreatedDate", Kind::LeadField, "created_at"},
          {"OwnerId", Kind::LeadField, "owner"}}},
        {"salesforce-report",
         {{"Lead ID", Kind::LeadField, "external_id"},
          {"First Name", Kind::LeadField, "first_name"},
          {"Last Name", Kind::LeadField, "last_name"},
          {"Email", Kind::LeadField, "email"},
          {"Title", Kind::LeadField, "title"},
          {"Company / Account", Kind::LeadField, "company"},
          {"Company", Kind::LeadField, "company"},
          {"Industry", Kind::LeadField, "industry"},
          {"No. of Employees", Kind::LeadField, "company_size"},
          {"Country", Kind::LeadField, "country"},
          {"Lead Source", Kind::LeadField, "channel"},
          {"Lead Status", Kind::LeadField, "stage"},
          {"Status", Kind::LeadField, "stage"},
          {"Converted", Kind::LeadField, "converted"},
          {"Converted Date", Kind::StageReachedAt, "opportunity"},
          {"Create Date", Kind::LeadField, "created_at"},
          {"Created Date", Kind::LeadField, "created_at"},
          {"Lead Owner", Kind::LeadField, "owner"}}},
        {"pardot",
         {{"id", Kind::LeadField, "external_id"},
          {"email", Kind::LeadField, "email"},
          {"first_name", Kind::LeadField, "first_name"},
          {"last_name", Kind::LeadField, "last_name"},
          {"job_title", Kind::LeadField, "title"},
          {"company", Kind::LeadField, "company"},
          {"industry", Kind::LeadField, "industry"},
          {"country", Kind::LeadField, "country"},
          {"source", Kind::LeadField, "channel"},
          {"created_at", Kind::LeadField, "created_at"},
          {"last_activity_at", Kind::LastActivity, ""}}},
        {"marketo",
         {{"id", Kind::LeadField, "external_id"},
          {"email", Kind::LeadField, "email"},
          {"firstName", Kind::LeadField, "first_name"},
          {"lastName", Kind::LeadField, "last_name"},
          {"title", Kind::LeadField, "title"},
          {"company", Kind::LeadField, "company"},
          {"industry", Kind::LeadField, "industry"},
          {"country", Kind::LeadField, "country"},
          {"leadSource", Kind::LeadField, "channel"},
          {"leadStatus", Kind::LeadField, "stage"},
          {"createdAt", Kind::LeadField, "created_at"}}},
        {"mautic",
         {{"id", Kind::LeadField, "external_id"},
          {"firstname", Kind::LeadField, "first_name"},
          {"lastname", Kind::LeadField, "last_name"},
          {"email", Kind::LeadField, "email"},
          {"company", Kind::LeadField, "company"},
          {"position", Kind::LeadField, "title"},
          {"country", Kind::LeadField, "country"},
          {"stage", Kind::LeadField, "stage"},
          {"date_added", Kind::LeadField, "created_at"},
          {"last_active", Kind::LastActivity, ""}}},
    };
    return all;
}

// Names any export may use, whatever the system.
const std::vector<Known> &generic()
{
    static const std::vector<Known> all = {
        {"External ID", Kind::LeadField, "external_id"},
        {"E-mail", Kind::LeadField, "email"},
        {"Email Address", Kind::LeadField, "email"},
        {"Name", Kind::LeadField, "full_name"},
        {"Full Name", Kind::LeadField, "full_name"},
        {"Seniority", Kind::LeadField, "seniority"},
        {"Country", Kind::LeadField, "country"},
        {"Industry", Kind::LeadField, "industry"},
        {"Company Size", Kind::LeadField, "company_size"},
        {"Employees", Kind::LeadField, "company_size"},
        {"No. of Employees", Kind::LeadField, "company_size"}, // Zoho CRM
        {"Lead Origin", Kind::LeadField, "channel"},
        {"Lead Source", Kind::LeadField, "channel"},
        {"Lifecycle Stage", Kind::LeadField, "stage"},
        {"Lead Status", Kind::LeadField, "stage"},
        {"Stage", Kind::LeadField, "stage"},
        {"Converted", Kind::LeadField, "converted"},
        {"Owner", Kind::LeadField, "owner"},
        {"Lead Owner", Kind::LeadField, "owner"}, // Zoho CRM, Salesforce reports
        {"Created", Kind::LeadField, "created_at"},
        {"Created Time", Kind::LeadField, "created_at"}, // Zoho CRM
        {"First Contact Date", Kind::LeadField, "created_at"},
        {"TotalVisits", Kind::ActivityCount, "site_visit"},
        {"Total Visits", Kind::ActivityCount, "site_visit"},
        {"Page Views", Kind::ActivityCount, "page_view"},
        {"Number of Pageviews", Kind::ActivityCount, "page_view"},
        {"Number of Form Submissions", Kind::ActivityCount, "form_submit"},
        {"Email Opens", Kind::ActivityCount, "email_open"},
        {"Email Clicks", Kind::ActivityCount, "email_click"},
        {"Last Activity", Kind::LastActivity, "type"},
        {"Last Activity Date", Kind::LastActivity, ""},
    };
    return all;
}

} // namespace

namespace {

// An import's lead field as people read it: a stored field by its label, else one of the
// two a file may give that are not stored as they are, else a rule's field (leadfields::label).
QString importFieldLabel(const QString &key)
{
    if (const LeadField *stored = leadField(key))
        return stored->translatedLabel();
    static const struct
    {
        const char *key;
        const char *label;
    } labels[] = {
        {"full_name", QT_TRANSLATE_NOOP("ColumnMapping", "Full name")},
        {"converted", QT_TRANSLATE_NOOP("ColumnMapping", "Converted")},
    };
    for (const auto &l : labels) {
        if (key == QLatin1String(l.key))
            return ColumnMapping::tr(l.label);
    }
    return leadfields::label(key);
}

} // namespace

QString ColumnTarget::describe() const
{
    // As people read them: "First name", not the field's stored name.
    const auto activityLabel = [this] {
        for (const ActivityType &t : standardActivityTypes()) {
            if (t.code == key)
                return t.label;
        }
        return key;
    };
    switch (kind) {
    case Kind::Ignore:
        return ColumnMapping::tr("(not imported)");
    case Kind::LeadField:
        return importFieldLabel(key);
    case Kind::ActivityCount:
        return ColumnMapping::tr("Number of activities: %1").arg(activityLabel());
    case Kind::LastActivity:
        return key.isEmpty() ? ColumnMapping::tr("Date of the last activity")
                             : ColumnMapping::tr("Type of the last activity");
    case Kind::StageReachedAt:
        if (const auto reached = stage::fromString(key))
            return ColumnMapping::tr("Date the lead became %1").arg(stage::label(*reached));
        return ColumnMapping::tr("Date the lead became %1").arg(key);
    case Kind::CustomField:
        return ColumnMapping::tr("Custom field \"%1\"").arg(key);
    }
    return {};
}

int ColumnMapping::indexOf(ColumnTarget::Kind kind, const QString &key) const
{
    for (int i = 0; i < int(columns.size()); ++i) {
        if (columns[i].kind == kind && (key.isEmpty() || columns[i].key == key))
            return i;
    }
    return -1;
}

QStringList ColumnMapping::presetNames()
{
    QStringList names;
    for (const Preset &p : presets())
        names.append(QString::fromLatin1(p.name));
    return names;
}

ColumnMapping ColumnMapping::guess(const QStringList &header, const QString &forced)
{
    QStringList folded;
    for (const QString &h : header)
        folded.append(fold(h));
    const auto matches = [&](const std::vector<Known> &known, int column) -> const Known * {
        for (const Known &k : known) {
            if (fold(QString::fromLatin1(k.header)) == folded[column])
                return &k;
        }
        return nullptr;
    };

    // The best-ranked preset wins, unless one is forced.
    const QString chosen = [&] {
        if (!forced.isEmpty())
            return forced;
        const QList<PresetMatch> ranking = rankPresets(header);
        return ranking.isEmpty() ? QString() : ranking.first().name;
    }();
    const Preset *best = nullptr;
    int bestCount = 0;
    for (const Preset &p : presets()) {
        if (chosen != QLatin1String(p.name))
            continue;
        best = &p;
        for (int c = 0; c < int(header.size()); ++c)
            bestCount += matches(p.columns, c) ? 1 : 0;
    }

    ColumnMapping mapping;
    mapping.preset = best && bestCount >= 3 ? QString::fromLatin1(best->name) : forced;
    mapping.labels = header;
    for (int c = 0; c < int(header.size()); ++c) {
        const Known *k = best ? matches(best->columns, c) : nullptr;
        if (!k)
            k = matches(generic(), c);
        ColumnTarget target;
        if (k) {
            target = {k->kind, QString::fromLatin1(k->key)};
            // A lead field is taken once; a second column of the same kind is kept aside.
            if (target.kind == Kind::LeadField && mapping.has(Kind::LeadField, target.key))
                target = {Kind::CustomField, header[c]};
        } else if (!header[c].trimmed().isEmpty()) {
            target = {Kind::CustomField, header[c].trimmed()};
        }
        mapping.columns.append(target);
    }
    return mapping;
}

QList<ColumnMapping::PresetMatch> ColumnMapping::rankPresets(const QStringList &header)
{
    QList<PresetMatch> ranking;
    for (const Preset &p : presets()) {
        PresetMatch match{QString::fromLatin1(p.name), 0, 0};
        for (const QString &column : header) {
            const QString folded = fold(column);
            const QString exact = column.trimmed().toCaseFolded();
            for (const Known &k : p.columns) {
                const QString label = QString::fromLatin1(k.header);
                if (fold(label) != folded)
                    continue;
                ++match.columns;
                match.exact += label.toCaseFolded() == exact ? 1 : 0;
                break;
            }
        }
        if (match.columns > 0)
            ranking.append(match);
    }
    // Stable: where everything is equal, the order of the preset table decides.
    std::stable_sort(ranking.begin(), ranking.end(),
                     [](const PresetMatch &a, const PresetMatch &b) {
                         return std::tie(a.exact, a.columns) > std::tie(b.exact, b.columns);
                     });
    return ranking;
}

bool ColumnMapping::isTie(const QList<PresetMatch> &ranking)
{
    return ranking.size() > 1 && ranking[0].columns == ranking[1].columns &&
           ranking[0].exact == ranking[1].exact;
}

QString ColumnMapping::signature(const QStringList &header)
{
    QStringList folded;
    for (const QString &h : header)
        folded.append(fold(h));
    return QString::fromLatin1(
        QCryptographicHash::hash(folded.join(QLatin1Char(0x1f)).toUtf8(), QCryptographicHash::Sha1)
            .toHex());
}

namespace {
const QList<std::pair<Kind, QString>> &kindTable()
{
    static const QList<std::pair<Kind, QString>> table = {
        {Kind::Ignore, QStringLiteral("ignore")},
        {Kind::LeadField, QStringLiteral("lead_field")},
        {Kind::ActivityCount, QStringLiteral("activity_count")},
        {Kind::LastActivity, QStringLiteral("last_activity")},
        {Kind::StageReachedAt, QStringLiteral("stage_reached_at")},
        {Kind::CustomField, QStringLiteral("custom_field")},
    };
    return table;
}
} // namespace

QString ColumnTarget::kindName(Kind kind)
{
    for (const auto &[k, name] : kindTable()) {
        if (k == kind)
            return name;
    }
    return {};
}

std::optional<ColumnTarget::Kind> ColumnTarget::kindFromName(const QString &name)
{
    for (const auto &[k, known] : kindTable()) {
        if (known == name)
            return k;
    }
    return std::nullopt;
}

QStringList ColumnTarget::kindNames()
{
    QStringList names;
    for (const auto &entry : kindTable())
        names.append(entry.second);
    return names;
}

QByteArray ColumnMapping::toJson() const
{
    QJsonArray array;
    const bool labelled = labels.size() == columns.size();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QJsonObject entry{{QStringLiteral("kind"), ColumnTarget::kindName(columns[i].kind)},
                          {QStringLiteral("key"), columns[i].key}};
        if (labelled)
            entry.insert(QStringLiteral("column"), labels[i]);
        array.append(entry);
    }
    return QJsonDocument(
               QJsonObject{{QStringLiteral("preset"), preset}, {QStringLiteral("columns"), array}})
        .toJson(QJsonDocument::Compact);
}

ColumnMapping ColumnMapping::fromJson(const QByteArray &json, int columnCount)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonArray array = root.value(QStringLiteral("columns")).toArray();
    if (array.size() != columnCount)
        throw Error(
            tr("the mapping has %1 columns, the file %2").arg(array.size()).arg(columnCount));
    ColumnMapping mapping;
    mapping.preset = root.value(QStringLiteral("preset")).toString();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString kind = o.value(QStringLiteral("kind")).toString();
        const auto known = ColumnTarget::kindFromName(kind);
        if (!known) {
            ErrorWhere where;
            where.column = QString::number(i + 1);
            throw Error(tr("unknown kind '%1'").arg(kind), where);
        }
        mapping.columns.append({*known, o.value(QStringLiteral("key")).toString()});
        if (const QJsonValue label = o.value(QStringLiteral("column")); label.isString())
            mapping.labels.append(label.toString());
    }
    if (mapping.labels.size() != mapping.columns.size())
        mapping.labels.clear();
    return mapping;
}

} // namespace handoff
