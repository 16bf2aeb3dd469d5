#include "store/serverschema.h"

#include <QSqlQuery>

#include "store/postgrescopy.h"
#include "store/postgresqlschema.h"
#include "store/rowscanner.h"
#include "store/sqlquery.h"

namespace handoff {

namespace {

// Where a text stops being UTF-8 that the server takes (no NUL, no broken, overlong or
// surrogate sequence); -1 when it is all good.
qsizetype badUtf8At(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t point = 0;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2;
            point = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3;
            point = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4;
            point = c & 0x07;
        } else {
            return i;
        }
        if (i + length > n)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            point = (point << 6) | (s[i + k] & 0x3f);
        }
        if ((length == 3 && point < 0x800) || (length == 4 && point < 0x10000) ||
            point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
            return i;
        i += length;
    }
    return -1;
}

QString shown(QByteArrayView utf8)
{
    constexpr qsizetype Longest = 40;
    const QString text = QString::fromUtf8(utf8);
    return text.size() > Longest ? text.left(Longest) + QStringLiteral("…") : text;
}

} // namespace

ServerColumn ServerColumn::ofType(const QString &name, const QString &type, bool nullable)
{
    ServerColumn column;
    column.name = name;
    column.type = type;
    column.nullable = nullable;
    const auto integer = [&column](qint64 min, qint64 max) {
        column.kind = Kind::Integer;
        column.min = min;
        column.max = max;
    };
    if (type == QLatin1String("bigint"))
        integer(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    else if (type == QLatin1String("integer"))
        integer(std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max());
    else if (type == QLatin1String("smallint"))
        integer(std::numeric_limits<qint16>::min(), std::numeric_limits<qint16>::max());
    else if (type == QLatin1String("double precision") || type == QLatin1String("real") ||
             type == QLatin1String("numeric"))
        column.kind = Kind::Real;
    else if (type == QLatin1String("text") || type == QLatin1String("character varying"))
        column.kind = Kind::Text;
    return column;
}

ServerSchema ServerSchema::read(const QSqlDatabase &db)
{
    ServerSchema schema;
    auto columns = sql::prepare(
        db, QStringLiteral("SELECT table_name, column_name, data_type, is_nullable, is_identity "
                           "FROM information_schema.columns WHERE table_schema = "
                           "current_schema() ORDER BY table_name, ordinal_position"));
    columns.setForwardOnly(true);
    sql::exec(columns);
    while (sql::next(columns)) {
        const QString table = columns.value(0).toString();
        const QString name = columns.value(1).toString();
        schema.columns[table].append(
            ServerColumn::ofType(name, columns.value(2).toString(),
                                 columns.value(3).toString() == QLatin1String("YES")));
        if (columns.value(4).toString() == QLatin1String("YES"))
            schema.identities.append({table, name});
    }
    auto references = sql::prepare(
        db, QStringLiteral("SELECT child.relname, parent.relname, c.conname, "
                           "pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c "
                           "JOIN pg_catalog.pg_class child ON child.oid = c.conrelid "
                           "JOIN pg_catalog.pg_class parent ON parent.oid = c.confrelid "
                           "WHERE c.contype = 'f' AND child.relnamespace = "
                           "(SELECT oid FROM pg_catalog.pg_namespace "
                           "WHERE nspname = current_schema()) ORDER BY c.oid"));
    sql::exec(references);
    while (sql::next(references))
        schema.references.append({references.value(0).toString(), references.value(1).toString(),
                                  references.value(2).toString(), references.value(3).toString()});
    for (const auto &[table, parent] : postgresqlschema::historyReferences()) {
        if (schema.columns.contains(table) && schema.columns.contains(parent))
            schema.references.append({table, parent, {}, {}, true});
    }
    schema.ownedByUser =
        sql::scalar(db, QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class c WHERE "
                                       "c.relkind = 'r' AND c.relnamespace = (SELECT oid FROM "
                                       "pg_catalog.pg_namespace WHERE nspname = "
                                       "current_schema()) AND NOT "
                                       "pg_catalog.pg_has_role(c.relowner, 'USAGE')")) == 0;
    return schema;
}

std::optional<QString> ServerColumn::copy(PostgresCopy &copy, const RowScanner &row,
                                          int index) const
{
    switch (row.storage(index)) {
    case RowScanner::Storage::Null:
        if (!nullable)
            return tr("is empty (NULL), which the server's column does not allow");
        copy.addNull();
        return std::nullopt;
    case RowScanner::Storage::Integer:
        if (kind == Kind::Text) {
            copy.addText(row.utf8(index));
        } else {
            const qint64 value = row.integer(index);
            if (value < min || value > max)
                return tr("holds %1, out of the range of the server's column (%2)")
                    .arg(value)
                    .arg(type);
            copy.addInteger(value);
        }
        return std::nullopt;
    case RowScanner::Storage::Real:
        if (kind == Kind::Integer)
            return tr("holds %1, not a whole number as the server's column (%2) needs")
                .arg(row.real(index))
                .arg(type);
        if (kind == Kind::Text)
            copy.addText(row.utf8(index));
        else
            copy.addReal(row.real(index));
        return std::nullopt;
    case RowScanner::Storage::Text: {
        const QByteArrayView text = row.utf8(index);
        if (kind != Kind::Text)
            return tr("holds the text '%1', not a number as the server's column (%2) needs")
                .arg(shown(text), type);
        if (const qsizetype at = badUtf8At(text); at >= 0)
            return text[at] == 0 ? tr("holds a NUL character at byte %1, which the server does "
                                      "not store in text")
                                       .arg(at + 1)
                                 : tr("is not UTF-8 text from byte %1 ('%2'), which the "
                                      "server does not store")
                                       .arg(at + 1)
                                       .arg(shown(text));
        copy.addText(text);
        return std::nullopt;
    }
    case RowScanner::Storage::Blob:
        break;
    }
    return tr("holds binary data (%1 bytes), which the server's column (%2) cannot hold")
        .arg(row.utf8(index).size())
        .arg(type);
}

} // namespace handoff
