#include "io/activitiesfile.h"

#include <algorithm>

#include <QFileInfo>
#include <QHash>

#include "io/filekind.h"
#include "scoring/activitycatalogue.h"
#include "store/error.h"

namespace handoff {

using filekind::findColumn;

namespace {

constexpr int DateSampleRows = 1000;

// Marketo's standard activity type ids, for the engagements Handoff scores.
QString marketoType(const QString &id)
{
    static const QHash<QString, QString> types = {
        {QStringLiteral("1"), QStringLiteral("page_view")},     // Visit Webpage
        {QStringLiteral("2"), QStringLiteral("form_submit")},   // Fill Out Form
        {QStringLiteral("3"), QStringLiteral("page_view")},     // Click Link
        {QStringLiteral("8"), QStringLiteral("email_bounce")},  // Email Bounced
        {QStringLiteral("9"), QStringLiteral("unsubscribe")},   // Unsubscribe Email
        {QStringLiteral("10"), QStringLiteral("email_open")},   // Open Email
        {QStringLiteral("11"), QStringLiteral("email_click")},  // Click Email
        {QStringLiteral("27"), QStringLiteral("email_bounce")}, // Email Bounced Soft
    };
    return types.value(id.trimmed(), id);
}

} // namespace

ActivitiesFile::ActivitiesFile(const QString &path, QString fixedType)
    : m_reader(path)
    , m_fileName(QFileInfo(path).fileName())
    , m_fixedType(std::move(fixedType))
{}

void ActivitiesFile::open()
{
    m_reader.open();
    m_header = m_reader.uniqueHeader();
    Columns &c = m_columns;
    // In order of preference: the most specific name wins wherever its column is.
    // Labels are compared folded: "lead_id", "LeadId" and "Lead ID" are one name.
    c.email = findColumn(m_header, {"email", "lead email", "contact email",
                                    "associated contact email", "email address", "prospect email"});
    c.externalId = findColumn(m_header, {"external id", "lead id", "record id", "contact id",
                                         "prospect id", "who id", "mql id", "person id"});
    c.type = findColumn(m_header, {"activity type", "type name", "type", "activity", "event",
                                   "activity type id", "event subtype", "task subtype", "call type",
                                   "event type"});
    c.when = findColumn(m_header, {"occurred at", "date", "timestamp", "time", "activity date",
                                   "activity date time", "call start time", "created at",
                                   "created date", "created time"});
    c.asset = findColumn(m_header, {"asset", "content", "campaign", "asset name", "subject"});
    c.channel = findColumn(m_header, {"channel", "source", "medium"});
    m_marketoCodes = c.type >= 0 && c.type == findColumn(m_header, {"activity_type_id"});
    if ((c.email < 0 && c.externalId < 0) || (c.type < 0 && m_fixedType.isEmpty()) || c.when < 0) {
        QStringList lacks;
        if (c.email < 0 && c.externalId < 0)
            lacks.append(tr("a lead (an e-mail or a lead id column)"));
        if (c.type < 0 && m_fixedType.isEmpty())
            lacks.append(tr("a type column (or --activity-type TYPE when every row is one "
                            "type)"));
        if (c.when < 0)
            lacks.append(tr("a date column"));
        throw Error(tr("an activities file needs %1; its columns are %2")
                        .arg(lacks.join(tr(" and ")), m_header.join(QStringLiteral(", "))),
                    ErrorWhere::inFile(m_fileName));
    }
    while (int(m_sample.size()) < DateSampleRows) {
        auto record = m_reader.next();
        if (!record)
            break;
        m_sample.append(std::move(*record));
    }
    if (!m_reader.error().isEmpty())
        throw Error(m_reader.error());
    QStringList dates;
    for (const CsvReader::Record &r : std::as_const(m_sample))
        dates.append(r.fields.value(c.when).trimmed());
    m_format = valueparsers::detectDateFormat(dates);
    if (!m_format && !m_sample.isEmpty())
        throw Error(tr("no single date format fits its values"),
                    ErrorWhere::inFile(m_fileName, 0, m_header[c.when]));
}

QString ActivitiesFile::describe() const
{
    const Columns &c = m_columns;
    const QString lead = c.email >= 0 && c.externalId >= 0
                             ? tr("%1 or %2").arg(m_header[c.externalId], m_header[c.email])
                             : m_header.value(c.email >= 0 ? c.email : c.externalId);
    QString text =
        tr("lead from %1, type from %2, date from %3")
            .arg(lead,
                 c.type >= 0 ? m_header.value(c.type) : tr("--activity-type (%1)").arg(m_fixedType),
                 m_header.value(c.when));
    if (m_format)
        text += QStringLiteral(" (%1)").arg(valueparsers::formatName(*m_format));
    if (c.asset >= 0)
        text += tr(", content from %1").arg(m_header[c.asset]);
    if (c.channel >= 0)
        text += tr(", channel from %1").arg(m_header[c.channel]);
    return text;
}

bool ActivitiesFile::next(CsvReader::Record &record)
{
    if (!m_sample.isEmpty()) { // the rows read ahead come first
        record = m_sample.takeFirst();
        return true;
    }
    if (m_reader.next(record))
        return true;
    if (!m_reader.error().isEmpty())
        throw Error(m_reader.error());
    return false;
}

std::optional<ActivitiesFile::Event> ActivitiesFile::read(const CsvReader::Record &record,
                                                          const ActivityCatalogue &types,
                                                          ImportProblem *problemOut)
{
    // Exports name few types many times: each spelling is looked up once.
    const QString &name = m_columns.type >= 0 ? record.fields[m_columns.type] : m_fixedType;
    auto spelling = std::find_if(m_typeSpellings.begin(), m_typeSpellings.end(),
                                 [&](const auto &known) { return known.first == name; });
    if (spelling == m_typeSpellings.end()) {
        m_typeSpellings.emplace_back(
            name, RowParser::activityType(types, m_marketoCodes ? marketoType(name) : name));
        spelling = m_typeSpellings.end() - 1;
    }
    if (!spelling->second) {
        *problemOut =
            problem(record, m_columns.type,
                    m_marketoCodes ? tr("is a Marketo activity type id Handoff does not score")
                                   : tr("is not an activity type Handoff knows"));
        return std::nullopt;
    }
    const auto at =
        m_format ? valueparsers::parseDate(record.fields[m_columns.when], *m_format) : std::nullopt;
    if (!at) {
        *problemOut = problem(record, m_columns.when, tr("is not a date in this column's format"));
        return std::nullopt;
    }
    return Event{*spelling->second, *at};
}

ImportProblem ActivitiesFile::unknownLead(const CsvReader::Record &record) const
{
    return problem(record, m_columns.email >= 0 ? m_columns.email : m_columns.externalId,
                   tr("is no lead in the database or the leads file"));
}

ImportProblem ActivitiesFile::problem(const CsvReader::Record &record, int column,
                                      const QString &reason) const
{
    return {m_fileName, record.line, m_header.value(column), record.fields.value(column), reason};
}

} // namespace handoff
