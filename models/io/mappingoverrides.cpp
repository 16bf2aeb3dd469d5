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

int MappingOverrides::findColumn(const QString &label, const ErrorWhere &where) const
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
        throw Error(tr("'%1' matches %2 columns of %3 that differ only in case: %4")
                        .arg(label)
                        .arg(folded.size())
                        .arg(m_fileName, which.join(QStringLiteral(", "))),
                    where, tr("give the exact label or the column's number"));
    }
    static const QRegularExpression number(QStringLiteral("^#(\\d+)$"));
    if (const auto match = number.match(label.trimmed()); match.hasMatch()) {
        const int n = match.captured(1).toInt();
        if (n >= 1 && n <= int(m_header.size()))
            return n - 1;
        throw Error(tr("%1 has %2 columns; there is no column #%3")
                        .arg(m_fileName)
                        .arg(m_header.size())
                        .arg(match.captured(1)),
                    where);
    }
    const QString near = closematch::nearest(label, m_header);
    throw Error(
        near.isEmpty()
            ? tr("no column named '%1' in %2").arg(label, m_fileName)
            : tr("no column named '%1' in %2 (did you mean '%3'?)").arg(label, m_fileName, near),
        where, tr("its columns are: %1").arg(columnList()));
}

void MappingOverrides::add(const Override &o)
{
    for (const Override &earlier : std::as_const(m_overrides)) {
        if (earlier.column == o.column)
            throw Error(
                tr("column %1 is mapped already, by %2").arg(quoted(o.column), earlier.source()),
                o.where);
        if (o.target.isSingleValued() && earlier.target == o.target)
            throw Error(tr("%1 reads %2 too, which a lead has only one of")
                            .arg(earlier.source(), TargetNames::format(o.target)),
                        o.where,
                        tr("map one of columns %1 and %2 to something else")
                            .arg(quoted(earlier.column), quoted(o.column)));
    }
    m_overrides.append(o);
}

void MappingOverrides::addSpec(const QString &spec)
{
    const ErrorWhere where = ErrorWhere::forRecord(QStringLiteral("--map '%1'").arg(spec));
    const qsizetype equals = spec.lastIndexOf(QLatin1Char('='));
    if (equals < 0)
        throw Error(tr("write COLUMN=FIELD, as in --map \"Prospect ID=external_id\""), where);
    const QString label = spec.left(equals).trimmed();
    if (label.isEmpty())
        throw Error(tr("no column named before '='"), where);
    const int column = findColumn(label, where);
    add({column, TargetNames::parse(spec.mid(equals + 1), m_header[column], where), where});
}

void MappingOverrides::addMappingFile(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports the offset after the character it stumbled on, but for trailing garbage.
        const int at = parseError.error == QJsonParseError::GarbageAtEnd
                           ? parseError.offset
                           : std::max(0, parseError.offset - 1);
        const auto [line, column] = lineAndColumn(json, at);
        throw Error(tr("not valid JSON: %1").arg(parseError.errorString()),
                    ErrorWhere::inFile(origin, line, QString::number(column)));
    }
    const QJsonValue columns = document.object().value(QStringLiteral("columns"));
    if (!document.isObject() || !columns.isArray())
        throw Error(tr("not a column mapping: expected an object with a \"columns\" array, as "
                       "'handoff import --show-mapping --format json' writes"),
                    ErrorWhere::inFile(origin));
    const QJsonArray entries = columns.toArray();
    bool labelled = false;
    for (const QJsonValue &entry : entries)
        labelled = labelled || entry.toObject().contains(QStringLiteral("column"));
    if (!labelled && entries.size() != m_header.size())
        throw Error(tr("%1 entries map columns by position and %2 has %3 columns")
                        .arg(entries.size())
                        .arg(m_fileName)
                        .arg(m_header.size()),
                    ErrorWhere::inFile(origin),
                    tr("give each entry its \"column\" label to match by name"));
    m_mappingFile = origin;
    m_preset = document.object().value(QStringLiteral("preset")).toString();
    for (int i = 0; i < int(entries.size()); ++i) {
        ErrorWhere where = ErrorWhere::inFile(origin);
        where.record = tr("entry %1").arg(i + 1);
        const QJsonObject o = entries[i].toObject();
        if (!entries[i].isObject())
            throw Error(tr("not an object"), where);
        int column = i;
        if (labelled) {
            const QJsonValue label = o.value(QStringLiteral("column"));
            if (!label.isString())
                throw Error(tr("no \"column\" label, while other entries have one"), where);
            column = label.toString().isEmpty() && m_header.value(i).isEmpty()
                         ? i
                         : findColumn(label.toString(), where);
        }
        // The entry is about this column from here on; an unnamed one goes by its number.
        ErrorWhere atColumn = where;
        atColumn.column =
            m_header[column].isEmpty() ? QStringLiteral("#%1").arg(column + 1) : m_header[column];
        const QString kind = o.value(QStringLiteral("kind")).toString();
        if (!ColumnTarget::kindFromName(kind))
            throw Error(
                tr("unknown kind '%1'").arg(kind), atColumn,
                tr("the kinds are: %1").arg(ColumnTarget::kindNames().join(QStringLiteral(", "))));
        const ColumnTarget target =
            TargetNames::parse(targetText(kind, o.value(QStringLiteral("key")).toString()),
                               m_header[column], atColumn);
        add({column, target, where}); // a conflict's message names the columns itself
    }
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
                                   TargetNames::format(mapping.columns[c]), o.source(),
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
