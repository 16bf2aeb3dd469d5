#include "io/rowparser.h"

#include <cmath>

#include <QRegularExpression>

#include "scoring/activitycatalogue.h"

namespace handoff {

using Kind = ColumnTarget::Kind;

namespace {

// The stored fields the parser treats apart from the rest.
const LeadField &emailField = requiredLeadField(u"email");
const LeadField &firstNameField = requiredLeadField(u"first_name");
const LeadField &lastNameField = requiredLeadField(u"last_name");
const LeadField &companySizeTextField = requiredLeadField(u"company_size_text");

} // namespace

QString ImportProblem::describe() const
{
    QString where = RowParser::tr("%1, line %2").arg(file).arg(line);
    if (!column.isEmpty())
        where = RowParser::tr("%1, column %2").arg(where, column);
    return value.isEmpty() ? RowParser::tr("%1: %2").arg(where, reason)
                           : RowParser::tr("%1: '%2' %3").arg(where, value, reason);
}

RowParser::RowParser(QString fileName, QStringList header, ColumnMapping mapping,
                     const ActivityCatalogue &types)
    : m_file(std::move(fileName))
    , m_header(std::move(header))
    , m_mapping(std::move(mapping))
    , m_types(types)
{
    for (const ColumnTarget &target : std::as_const(m_mapping.columns)) {
        Column column;
        column.kind = target.kind;
        switch (target.kind) {
        case Kind::LeadField:
            if (target.key == QLatin1String("full_name")) {
                column.derived = Derived::FullName;
            } else if (target.key == QLatin1String("converted")) {
                column.derived = Derived::Converted;
            } else if (const LeadField *field = leadField(target.key); field && field->importable) {
                column.field = field;
                column.date = field->kind == LeadField::Kind::Time;
            }
            break;
        case Kind::ActivityCount:
            if (const int t = m_types.indexOfCode(target.key); t >= 0)
                column.typeId = m_types.type(t).id;
            break;
        case Kind::StageReachedAt:
            column.stage = stage::fromString(target.key);
            column.date = true;
            break;
        case Kind::LastActivity:
            column.date = target.key.isEmpty();
            break;
        case Kind::Ignore:
        case Kind::CustomField:
            break;
        }
        m_columns.push_back(column);
    }
}

QList<ImportProblem> RowParser::learnDateFormats(const QList<QStringList> &sample)
{
    QList<ImportProblem> problems;
    for (int c = 0; c < int(m_columns.size()); ++c) {
        if (!m_columns[size_t(c)].date)
            continue;
        QStringList values;
        for (const QStringList &row : sample) {
            if (c < row.size() && !valueparsers::isPlaceholder(row[c]))
                values.append(row[c].trimmed());
        }
        if (values.isEmpty())
            continue; // nothing to learn from; every value is a placeholder so far
        if (const auto format = valueparsers::detectDateFormat(values)) {
            m_dateFormats.insert(c, *format);
        } else {
            problems.append({m_file, 0, m_header.value(c), values.first(),
                             tr("no single date format fits this column's values")});
        }
    }
    return problems;
}

std::optional<valueparsers::DateFormat> RowParser::dateFormat(int column) const
{
    const auto it = m_dateFormats.constFind(column);
    return it == m_dateFormats.cend() ? std::nullopt : std::optional(it.value());
}

std::optional<valueparsers::DateFormat> RowParser::dateFormatFor(int column,
                                                                 const QString &value) const
{
    if (const auto known = dateFormat(column))
        return known;
    // The column was empty in the first rows: its first value decides.
    const auto format = valueparsers::detectDateFormat({value});
    if (format)
        m_dateFormats.insert(column, *format);
    return format;
}

std::optional<int> RowParser::activityType(const ActivityCatalogue &types, const QString &name)
{
    const QString key = valueparsers::categoryKey(name);
    for (const ActivityType &t : types.types()) {
        if (valueparsers::categoryKey(t.code) == key || valueparsers::categoryKey(t.label) == key)
            return t.id;
    }
    // What the public lead-scoring exports call their activities.
    static const QList<std::pair<const char *, const char *>> synonyms = {
        {"email opened", "email_open"},
        {"email link clicked", "email_click"},
        {"page visited on website", "page_view"},
        {"olark chat conversation", "contact_request"},
        {"form submitted on website", "form_submit"},
        {"converted to lead", "form_submit"},
        {"had a phone conversation", "contact_request"},
        {"email bounced", "email_bounce"},
        {"unsubscribed", "unsubscribe"},
        {"unreachable", "email_bounce"},
        {"visited booth in tradeshow", "webinar_attended"},
        {"view in browser link clicked", "email_click"},
        {"approached upfront", "contact_request"},
        {"resubscribed to emails", "newsletter_signup"},
        {"sms sent", "email_open"},
        {"webinar attended", "webinar_attended"},
        {"demo requested", "demo_request"},
        {"pricing requested", "pricing_request"},
    };
    for (const auto &[spelling, code] : synonyms) {
        if (valueparsers::categoryKey(QString::fromLatin1(spelling)) == key) {
            const int t = types.indexOfCode(QString::fromLatin1(code));
            return t >= 0 ? std::optional(types.type(t).id) : std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<ParsedRow> RowParser::parse(qint64 line, const QStringList &fields, int extraFields,
                                          QList<ImportProblem> *problems) const
{
    if (extraFields > 0) {
        problems->append({m_file,
                          line,
                          {},
                          fields.mid(m_header.size()).join(QStringLiteral(", ")),
                          tr("are values beyond the last column: a delimiter inside an unquoted "
                             "value shifted this row")});
        return std::nullopt;
    }
    ParsedRow row;
    row.line = line;
    bool ok = true;
    int badEmailColumn = -1;
    QString badEmail;
    const auto reject = [&](int column, const QString &value, const QString &reason) {
        problems->append(
            {m_file, line, column < 0 ? QString() : m_header.value(column), value, reason});
        ok = false;
    };
    static const QRegularExpression emailShape(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));

    for (int c = 0; c < int(m_columns.size()) && c < int(fields.size()); ++c) {
        const Column &column = m_columns[size_t(c)];
        if (column.kind == Kind::Ignore)
            continue;
        const QString value = fields[c].trimmed();
        if (valueparsers::isPlaceholder(value))
            continue;
        const auto date = [&]() -> std::optional<qint64> {
            const auto format = dateFormatFor(c, value);
            const auto parsed = format ? valueparsers::parseDate(value, *format) : std::nullopt;
            if (!parsed)
                reject(c, value,
                       format ? tr("is not a date in this column's format (%1)")
                                    .arg(valueparsers::formatName(*format))
                              : tr("is not a date Handoff can read"));
            return parsed;
        };
        switch (column.kind) {
        case Kind::Ignore:
            break;
        case Kind::CustomField:
            row.custom.insert(m_mapping.columns[c].key, value);
            break;
        case Kind::ActivityCount: {
            const auto n = valueparsers::number(value);
            if (!n || *n < 0 || *n != std::floor(*n) || *n > 100000)
                reject(c, value, tr("is not a count of activities"));
            else if (column.typeId && *n > 0)
                row.activityCounts[*column.typeId] += int(*n);
            break;
        }
        case Kind::LastActivity:
            if (column.date) {
                row.lastActivityAt = date();
            } else if (const auto type = activityType(m_types, value)) {
                row.lastActivityType = *type;
            } else {
                row.custom.insert(m_header.value(c), value); // kept, not lost
            }
            break;
        case Kind::StageReachedAt:
            if (const auto at = date()) {
                if (column.stage)
                    row.stagesReached.append({*at, *column.stage});
            }
            break;
        case Kind::LeadField:
            if (column.derived == Derived::FullName) {
                const qsizetype space = value.lastIndexOf(QLatin1Char(' '));
                row.lead.firstName = space < 0 ? value : value.left(space);
                row.lead.lastName = space < 0 ? QString() : value.mid(space + 1);
                row.given.insert(firstNameField);
                row.given.insert(lastNameField);
            } else if (column.derived == Derived::Converted) {
                if (const auto b = valueparsers::boolean(value))
                    row.converted = *b;
                else
                    reject(c, value, tr("is not yes or no"));
            } else if (column.field == &emailField && !emailShape.match(value).hasMatch()) {
                badEmailColumn = c; // decided below, once the row's id is known
                badEmail = value;
            } else if (const LeadField *field = column.field) {
                switch (field->kind) {
                case LeadField::Kind::Text:
                case LeadField::Kind::Key:
                    field->set(row.lead, value);
                    row.given.insert(*field);
                    break;
                case LeadField::Kind::Count: { // the company size, the one count a file gives
                    row.given.insert(*field);
                    row.given.insert(companySizeTextField);
                    bool plain = false;
                    if (const auto n = valueparsers::companySize(value, &plain)) {
                        field->set(row.lead, *n);
                        row.lead.companySizeText = plain ? QString() : value.trimmed();
                    } else {
                        reject(c, value,
                               tr("is not a number of employees (a number, a range such as "
                                  "51-200 or a band such as 10,001+)"));
                    }
                    break;
                }
                case LeadField::Kind::Time:
                    row.given.insert(*field);
                    if (const auto at = date())
                        field->set(row.lead, *at);
                    break;
                case LeadField::Kind::StageName: {
                    const auto code = valueparsers::stageCode(value);
                    if (code && stage::fromString(*code)) {
                        field->set(row.lead, *code);
                        row.given.insert(*field);
                    } else {
                        // An org's own status: the lead goes in at the stage it has, and the
                        // value is kept where a fit rule or a person can still read it.
                        row.custom.insert(m_header.value(c), value);
                        problems->append({m_file, line, m_header.value(c), value,
                                          tr("is not a stage or status Handoff knows; kept as a "
                                             "custom field, the lead keeps its stage"),
                                          ImportProblem::Severity::Note});
                    }
                    break;
                }
                case LeadField::Kind::Flag: // not importable
                    break;
                }
            }
            break;
        }
    }
    if (badEmailColumn >= 0) {
        // A hashed or mistyped address next to the lead's id: the row stands without it.
        if (row.lead.externalId.isEmpty()) {
            reject(badEmailColumn, badEmail, tr("is not an e-mail address"));
        } else {
            problems->append({m_file, line, m_header.value(badEmailColumn), badEmail,
                              tr("is not an e-mail address; the lead is imported without it"),
                              ImportProblem::Severity::Note});
        }
    }
    if (row.lead.externalId.isEmpty() && row.lead.email.isEmpty() && badEmailColumn < 0)
        reject(-1, {}, tr("has neither an e-mail address nor an id to know the lead by"));
    if (!ok)
        return std::nullopt;
    return row;
}

} // namespace handoff
