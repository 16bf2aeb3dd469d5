#include "io/mappingoverrides.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include "io/closematch.h"
#include "io/targetnames.h"

namespace handoff {

namespace {

using Kind = ColumnTarget::Kind;

// How many labels a message lists before it only counts the rest.
constexpr int ListedColumns = 40;

// 1-based line and column of a byte offset, for an editor to jump to.
std::pair<int, int> lineAndColumn(const QByteArray &text, int offset)
{
    const QString before = QString::fromUtf8(text.left(offset));
    const qsizetype lastBreak = before.lastIndexOf(QLatin1Char('\n'));
    return {int(before.count(QLatin1Char('\n'))) + 1, int(before.size() - lastBreak)};
}

// A JSON entry as the command line would say it, for TargetNames to read and check.
QString targetText(const QString &kind, const QString &key)
{
    if (kind == QLatin1String("ignore") || key.isEmpty())
        return kind;
    return kind + QLatin1Char(':') + key;
}

} // namespace

MappingOverrides::MappingOverrides(QString fileName, QStringList header)
    : m_fileName(std::move(fileName))
    , m_header(std::move(header))
{}

QString MappingOverrides::quoted(int column) const
{
    return QStringLiteral("'%1'").arg(m_header.value(column));
}

QString MappingOverrides::columnList() const
{
    QStringList labels;
    for (int c = 0; c < int(m_header.size()) && c < ListedColumns; ++c)
        labels.append(m_header[c].isEmpty() ? QStringLiteral("#%1").arg(c + 1) : quoted(c));
    QString list = labels.join(QStringLiteral(", "));
    if (m_header.size() > ListedColumns)
        list += tr(" and %1 more").arg(m_header.size() - ListedColumns);
    return list;
}

int MappingOverrides::findColumn(const QString &label, QString *error) const
{
    if (const qsizetype exact = m_header.indexOf(label); exact >= 0 && !label.isEmpty())
        return int(exact);
    QList<int> folded;
    for (int c = 0; c < int(m_header.size()); ++c) {
        if (!label.isEmpty() && m_header[c].compare(label, Qt::CaseInsensitive) == 0)
            folded.append(c);
    }
    if (folded.size() == 1)
        return folded.first();
    if (folded.size() > 1) {
        QStringList which;
        for (int c : std::as_const(folded))
            which.append(QStringLiteral("%1 (#%2)").arg(quoted(c)).arg(c + 1));
        *error = tr("'%1' matches %2 columns of %3 that differ only in case: %4; give the "
                    "exact label or the column's number")
                     .arg(label)
                     .arg(folded.size())
                     .arg(m_fileName, which.join(QStringLiteral(", ")));
        return -1;
    }
    static const QRegularExpression number(QStringLiteral("^#(\\d+)$"));
    if (const auto match = number.match(label.trimmed()); match.hasMatch()) {
        const int n = match.captured(1).toInt();
        if (n >= 1 && n <= int(m_header.size()))
            return n - 1;
        *error = tr("%1 has %2 columns; there is no column #%3")
                     .arg(m_fileName)
                     .arg(m_header.size())
                     .arg(match.captured(1));
        return -1;
    }
    const QString near = closematch::nearest(label, m_header);
    *error =
        (near.isEmpty()
             ? tr("no column named '%1' in %2").arg(label, m_fileName)
             : tr("no column named '%1' in %2 (did you mean '%3'?)").arg(label, m_fileName, near)) +
        tr("; its columns are: %1").arg(columnList());
    return -1;
}

bool MappingOverrides::add(const Override &o, QString *error)
{
    for (const Override &earlier : std::as_const(m_overrides)) {
        if (earlier.column == o.column) {
            *error = tr("column %1 is mapped twice: by %2 and by %3")
                         .arg(quoted(o.column), earlier.source, o.source);
            return false;
        }
        if (o.target.isSingleValued() && earlier.target == o.target) {
            *error = tr("%1 and %2 both read %3, which a lead has only one of: map one of "
                        "columns %4 and %5 to something else")
                         .arg(earlier.source, o.source, TargetNames::format(o.target),
                              quoted(earlier.column), quoted(o.column));
            return false;
        }
    }
    m_overrides.append(o);
    return true;
}

bool MappingOverrides::addSpec(const QString &spec, QString *error)
{
    const QString source = QStringLiteral("--map '%1'").arg(spec);
    const qsizetype equals = spec.lastIndexOf(QLatin1Char('='));
    if (equals < 0) {
        *error = tr("%1: write COLUMN=FIELD, as in --map \"Prospect ID=external_id\"").arg(source);
        return false;
    }
    const QString label = spec.left(equals).trimmed();
    if (label.isEmpty()) {
        *error = tr("%1: no column named before '='").arg(source);
        return false;
    }
    QString why;
    const int column = findColumn(label, &why);
    if (column < 0) {
        *error = QStringLiteral("%1: %2").arg(source, why);
        return false;
    }
    const auto target = TargetNames::parse(spec.mid(equals + 1), m_header[column], &why);
    if (!target) {
        *error = QStringLiteral("%1: %2").arg(source, why);
        return false;
    }
    return add({column, *target, source}, error);
}

bool MappingOverrides::addMappingFile(const QByteArray &json, const QString &origin, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports the offset after the character it stumbled on, but for trailing garbage.
        const int at = parseError.error == QJsonParseError::GarbageAtEnd
                           ? parseError.offset
                           : std::max(0, parseError.offset - 1);
        const auto [line, column] = lineAndColumn(json, at);
        *error = tr("%1:%2:%3: not valid JSON: %4")
                     .arg(origin)
                     .arg(line)
                     .arg(column)
                     .arg(parseError.errorString());
        return false;
    }
    const QJsonValue columns = document.object().value(QStringLiteral("columns"));
    if (!document.isObject() || !columns.isArray()) {
        *error = tr("%1: not a column mapping: expected an object with a \"columns\" array, as "
                    "'handoff import --show-mapping --format json' writes")
                     .arg(origin);
        return false;
    }
    const QJsonArray entries = columns.toArray();
    bool labelled = false;
    for (const QJsonValue &entry : entries)
        labelled = labelled || entry.toObject().contains(QStringLiteral("column"));
    if (!labelled && entries.size() != m_header.size()) {
        *error = tr("%1 maps %2 columns by position and %3 has %4; give each entry its "
                    "\"column\" label to match by name")
                     .arg(origin)
                     .arg(entries.size())
                     .arg(m_fileName)
                     .arg(m_header.size());
        return false;
    }
    m_mappingFile = origin;
    m_preset = document.object().value(QStringLiteral("preset")).toString();
    for (int i = 0; i < int(entries.size()); ++i) {
        const QString where = tr("%1, entry %2").arg(origin).arg(i + 1);
        const QJsonObject o = entries[i].toObject();
        if (!entries[i].isObject()) {
            *error = tr("%1: not an object").arg(where);
            return false;
        }
        int column = i;
        if (labelled) {
            const QJsonValue label = o.value(QStringLiteral("column"));
            if (!label.isString()) {
                *error = tr("%1: no \"column\" label, while other entries have one").arg(where);
                return false;
            }
            QString why;
            column = label.toString().isEmpty() && m_header.value(i).isEmpty()
                         ? i
                         : findColumn(label.toString(), &why);
            if (column < 0) {
                *error = QStringLiteral("%1: %2").arg(where, why);
                return false;
            }
        }
        const QString kind = o.value(QStringLiteral("kind")).toString();
        if (!ColumnTarget::kindFromName(kind)) {
            *error = tr("%1 (column %2): unknown kind '%3'; the kinds are: %4")
                         .arg(where, quoted(column), kind,
                              ColumnTarget::kindNames().join(QStringLiteral(", ")));
            return false;
        }
        QString why;
        const auto target = TargetNames::parse(
            targetText(kind, o.value(QStringLiteral("key")).toString()), m_header[column], &why);
        if (!target) {
            *error = tr("%1 (column %2): %3").arg(where, quoted(column), why);
            return false;
        }
        if (!add({column, *target, where}, error))
            return false;
    }
    return true;
}

ColumnMapping MappingOverrides::applyTo(const ColumnMapping &base, QStringList *notes) const
{
    ColumnMapping mapping = base;
    mapping.labels = m_header;
    mapping.columns.resize(m_header.size());
    if (!m_preset.isEmpty())
        mapping.preset = m_preset;
    QSet<int> overridden;
    for (const Override &o : m_overrides)
        overridden.insert(o.column);
    for (const Override &o : m_overrides) {
        for (int c = 0; c < int(mapping.columns.size()) && o.target.isSingleValued(); ++c) {
            if (c == o.column || overridden.contains(c) || mapping.columns[c] != o.target)
                continue;
            mapping.columns[c] = m_header[c].isEmpty()
                                     ? ColumnTarget{}
                                     : ColumnTarget{Kind::CustomField, m_header[c]};
            notes->append(tr("column %1 was read as %2; it is read as %3 now that %4 gives %2 "
                             "to column %5")
                              .arg(quoted(c), TargetNames::format(o.target),
                                   TargetNames::format(mapping.columns[c]), o.source,
                                   quoted(o.column)));
        }
        mapping.columns[o.column] = o.target;
    }
    QStringList unnamed;
    for (int c = 0; c < int(mapping.columns.size()) && !m_mappingFile.isEmpty(); ++c) {
        if (!overridden.contains(c))
            unnamed.append(
                QStringLiteral("%1 (%2)").arg(quoted(c), TargetNames::format(mapping.columns[c])));
    }
    if (!unnamed.isEmpty())
        notes->append(tr("%1 does not name these columns; they are read as before: %2")
                          .arg(m_mappingFile, unnamed.join(QStringLiteral(", "))));
    return mapping;
}

} // namespace handoff
