#pragma once

// A team server database's tables as its catalog describes them, for a copy into them
// (TeamMigration): each column with the server's type, and whether a value read from a lead
// database file fits it; the foreign keys, as the server would make them again; the identity
// columns; and whether this user owns the tables.

#include <limits>
#include <optional>

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace handoff {

class PostgresCopy;
class RowScanner;

// A column as the server types it, and the values it takes.
struct ServerColumn
{
    Q_DECLARE_TR_FUNCTIONS(ServerColumn)

public:
    enum class Kind { Integer, Real, Text, Other };

    QString name;
    QString type; // as the server names it: "bigint", "text"...
    Kind kind = Kind::Other;
    qint64 min = std::numeric_limits<qint64>::min();
    qint64 max = std::numeric_limits<qint64>::max();
    bool nullable = true;

    static ServerColumn ofType(const QString &name, const QString &type, bool nullable);

    // Adds the value in `column` of `row` to the copy once it is checked against this
    // column: nullopt, or why the server would refuse it ("holds a NUL character at byte
    // 4..."; the caller names the row and column). SQLite keeps any value in any column; the
    // server takes text that is UTF-8 without NUL, and numbers of its column's range.
    std::optional<QString> copy(PostgresCopy &copy, const RowScanner &row, int column) const;
};

// A foreign key, as the server would make it again.
struct ServerReference
{
    QString table;
    QString parent; // the table it references
    QString name;
    QString definition; // "FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE"
    // Kept by the schema's triggers, not a constraint (the history's, schema 16): it orders
    // a copy as a key does, and there is nothing to drop.
    bool keptByTriggers = false;
};

struct ServerSchema
{
    QHash<QString, QList<ServerColumn>> columns; // by table, in the server's order
    QList<ServerReference> references;
    QList<std::pair<QString, QString>> identities; // (table, column)
    bool ownedByUser = false; // whether this user owns every table (and may alter them)

    // The tables of the connection's current schema, as its transaction sees them.
    static ServerSchema read(const QSqlDatabase &db);
};

} // namespace handoff
