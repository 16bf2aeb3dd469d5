#include "store/leadfield.h"

#include <QCoreApplication>

#include "store/sqlquery.h"

namespace handoff {

namespace {

// A text member read and written as is.
template <QString Lead::*member>
constexpr LeadField text(const char *column, const char *label, LeadField::Kind kind,
                         bool importable)
{
    return {column,
            label,
            kind,
            importable,
            [](const Lead &l) { return QVariant(l.*member); },
            [](Lead &l, const QVariant &v) { l.*member = v.toString(); }};
}

bool isNumber(const QVariant &v)
{
    // A NULL read from PostgreSQL keeps its column's type: it is no number all the same.
    if (v.isNull())
        return false;
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

using Kind = LeadField::Kind;

// Constant-initialised: safe to read from any static initialiser.
constexpr LeadField fields[] = {
    text<&Lead::externalId>("external_id", QT_TRANSLATE_NOOP("LeadField", "External id"), Kind::Key,
                            true),
    text<&Lead::email>("email", QT_TRANSLATE_NOOP("LeadField", "E-mail"), Kind::Text, true),
    text<&Lead::firstName>("first_name", QT_TRANSLATE_NOOP("LeadField", "First name"), Kind::Text,
                           true),
    text<&Lead::lastName>("last_name", QT_TRANSLATE_NOOP("LeadField", "Last name"), Kind::Text,
                          true),
    text<&Lead::company>("company", QT_TRANSLATE_NOOP("LeadField", "Company"), Kind::Text, true),
    text<&Lead::title>("title", QT_TRANSLATE_NOOP("LeadField", "Title"), Kind::Text, true),
    text<&Lead::seniority>("seniority", QT_TRANSLATE_NOOP("LeadField", "Seniority"), Kind::Text,
                           true),
    text<&Lead::industry>("industry", QT_TRANSLATE_NOOP("LeadField", "Industry"), Kind::Text, true),
    {"company_size", QT_TRANSLATE_NOOP("LeadField", "Company size"), Kind::Count, true,
     [](const Lead &l) { return l.companySize ? QVariant(*l.companySize) : QVariant(); },
     [](Lead &l, const QVariant &v) {
         l.companySize = isNumber(v) ? std::optional<int>(v.toInt()) : std::nullopt;
     }},
    // The size as the file wrote it: set by the parser beside company_size, not mapped itself.
    text<&Lead::companySizeText>("company_size_text",
                                 QT_TRANSLATE_NOOP("LeadField", "Company size as given"),
                                 Kind::Text, false),
    text<&Lead::country>("country", QT_TRANSLATE_NOOP("LeadField", "Country"), Kind::Text, true),
    // Marketing or sales: said by the import, not by a column.
    text<&Lead::source>("source", QT_TRANSLATE_NOOP("LeadField", "Source"), Kind::Text, false),
    text<&Lead::channel>("channel", QT_TRANSLATE_NOOP("LeadField", "Channel"), Kind::Text, true),
    text<&Lead::owner>("owner", QT_TRANSLATE_NOOP("LeadField", "Owner"), Kind::Text, true),
    {"created_at", QT_TRANSLATE_NOOP("LeadField", "Date created"), Kind::Time, true,
     [](const Lead &l) { return QVariant(l.createdAt); },
     [](Lead &l, const QVariant &v) { l.createdAt = v.toLongLong(); }},
    {"stage", QT_TRANSLATE_NOOP("LeadField", "Stage"), Kind::StageName, true,
     [](const Lead &l) { return QVariant(stage::toString(l.stage)); },
     [](Lead &l, const QVariant &v) {
         l.stage = stage::fromString(v.toString()).value_or(Stage::Suspect);
     }},
    {"created_undated", QT_TRANSLATE_NOOP("LeadField", "Date created unknown"), Kind::Flag, false,
     [](const Lead &l) { return QVariant(l.createdUndated); },
     [](Lead &l, const QVariant &v) { l.createdUndated = v.toBool(); }},
};

// LeadFieldSet keeps one bit a field.
static_assert(std::size(fields) <= 32);

} // namespace

int LeadField::index() const
{
    return int(this - fields);
}

QString LeadField::translatedLabel() const
{
    return QCoreApplication::translate("LeadField", label);
}

QVariant LeadField::bound(const Lead &lead) const
{
    const QVariant value = get(lead);
    switch (kind) {
    case Kind::Text:
        return sql::text(value.toString());
    case Kind::Key:
        return value.toString().isEmpty() ? QVariant() : value;
    case Kind::Flag:
        return value.toBool() ? 1 : 0;
    case Kind::Count:
    case Kind::Time:
    case Kind::StageName:
        break;
    }
    return value;
}

std::span<const LeadField> leadFields()
{
    return fields;
}

const LeadField *leadField(QStringView column)
{
    for (const LeadField &f : fields) {
        if (column == QLatin1String(f.column))
            return &f;
    }
    return nullptr;
}

const LeadField &requiredLeadField(QStringView column)
{
    const LeadField *field = leadField(column);
    if (!field) // a misspelling in the code: every test that reaches it says so
        qFatal("requiredLeadField: no lead field '%s'", qPrintable(column.toString()));
    return *field;
}

QString leadFieldList(const QString &pattern)
{
    QStringList parts;
    for (const LeadField &f : fields)
        parts.append(pattern.arg(f.name()));
    return parts.join(QStringLiteral(", "));
}

} // namespace handoff
