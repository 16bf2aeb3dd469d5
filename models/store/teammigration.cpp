#include "store/teammigration.h"

#include <algorithm>
#include <limits>

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "store/postgrescopy.h"
#include "store/rowscanner.h"
#include "store/serverschema.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// Rows per COPY statement: a progress step, and what the change triggers' transition table
// holds at once.
constexpr qint64 GroupRows = 50'000;
// How long the copy waits for consoles' writes to the server's tables to end.
constexpr int LockWaitMs = 60'000;

// The rows a new database is made with (the activity catalogue, the bookkeeping rows): a
// server database holding only these holds no team's data yet.
bool madeWithTheSchema(const QString &table)
{
    return table == QLatin1String("activity_types") || table == QLatin1String("change_sequence") ||
           table == QLatin1String("history_stamp");
}

struct Table
{
    QString name;
    QList<ServerColumn> columns; // the file's columns, in its order, as the server types them
    QList<int> key;              // the primary key's columns among them
    qint64 fileRows = 0;
};

QString tr(const char *text)
{
    return TeamMigration::tr(text);
}

QString quoted(const QString &name)
{
    return PostgresCopy::identifier(name);
}

// The file's tables and columns, each placed on the server's; a table or column the server
// lacks is refused, never skipped, unless the table is empty.
QList<Table> plan(const Database &file, const ServerSchema &server, const QString &serverName)
{
    const QSqlDatabase db = file.connection();
    auto tables =
        sql::prepare(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                        "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"));
    sql::exec(tables);
    QStringList names;
    while (sql::next(tables))
        names.append(tables.value(0).toString());
    QList<Table> result;
    for (const QString &name : std::as_const(names)) {
        const auto serverTable = server.columns.constFind(name);
        // An empty table loses nothing by staying behind: the intake's, which a team member
        // who is not the database's owner does not see on the server, usually are.
        if (serverTable == server.columns.cend() &&
            sql::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(quoted(name))) == 0)
            continue;
        if (serverTable == server.columns.cend())
            throw Error(tr("has a table %1 that the team server's schema does not have (or "
                           "that its database user may not see); nothing was copied")
                            .arg(name),
                        ErrorWhere::inFile(file.filePath()),
                        tr("migrate with the version of Handoff that made the file, or ask "
                           "for help"));
        Table table;
        table.name = name;
        auto columns = sql::prepare(
            db, QStringLiteral("SELECT name, pk FROM pragma_table_info(:table) ORDER BY cid"));
        columns.bindValue(QStringLiteral(":table"), name);
        sql::exec(columns);
        QList<std::pair<int, int>> key; // (position in the key, column)
        while (sql::next(columns)) {
            const QString column = columns.value(0).toString();
            const auto on = std::find_if(serverTable->cbegin(), serverTable->cend(),
                                         [&](const ServerColumn &c) { return c.name == column; });
            if (on == serverTable->cend())
                throw Error(tr("has a column %1 that the team server's table %2 does not "
                               "have; nothing was copied")
                                .arg(column, name),
                            ErrorWhere::inFile(file.filePath()));
            if (on->kind == ServerColumn::Kind::Other)
                throw Error(tr("%1: the column %2.%3 is of type %4, which handoff migrate "
                               "does not write")
                                .arg(serverName, name, column, on->type));
            if (const int pk = columns.value(1).toInt(); pk > 0)
                key.append({pk, int(table.columns.size())});
            table.columns.append(*on);
        }
        std::sort(key.begin(), key.end());
        for (const auto &[position, column] : std::as_const(key))
            table.key.append(column);
        table.fileRows =
            sql::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(quoted(name)));
        result.append(table);
    }
    return result;
}

// ServerReferenced tables before the tables that reference them (a table referencing itself, as a
// model version its predecessor, is copied in id order); otherwise the file's order.
QList<Table> inCopyOrder(QList<Table> tables, const ServerSchema &server)
{
    QList<Table> ordered;
    QSet<QString> placed;
    while (!tables.isEmpty()) {
        const auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table &t) {
            return std::none_of(
                server.references.cbegin(), server.references.cend(),
                [&](const ServerReference &r) {
                    return r.table == t.name && r.parent != t.name && !placed.contains(r.parent) &&
                           std::any_of(tables.cbegin(), tables.cend(),
                                       [&](const Table &other) { return other.name == r.parent; });
                });
        });
        // A cycle of references (none in Handoff's schema) is copied in the file's order:
        // the server then names the reference it refuses.
        const auto next = ready != tables.end() ? ready : tables.begin();
        placed.insert(next->name);
        ordered.append(*next);
        tables.erase(next);
    }
    return ordered;
}

qint64 serverRows(const QSqlDatabase &db, const QString &table)
{
    return sql::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(quoted(table)));
}

// A row as people find it again: by its primary key ("row id 42", "row model_id 3, side
// sales"), else by SQLite's row number.
QString describeRow(const Table &table, const RowScanner &row, qint64 rowid)
{
    if (table.key.isEmpty())
        return tr("table %1, row %2").arg(table.name).arg(rowid);
    QStringList parts;
    for (const int column : table.key)
        parts.append(QStringLiteral("%1 %2").arg(table.columns[column].name, row.text(column)));
    return tr("table %1, row %2").arg(table.name, parts.join(QStringLiteral(", ")));
}

class Copier
{
public:
    Copier(const Database &file, const Database &server, const TeamMigration::Progress &progress)
        : m_file(file)
        , m_server(server)
        , m_progress(progress)
    {}

    void copy(const Table &table) const;
    // Makes a foreign key dropped for the copy again, checking every row at once.
    void restore(const ServerReference &reference, const Table &table) const;

private:
    // The first row between two row numbers whose reference the file itself cannot satisfy.
    std::optional<Error> brokenReference(const Table &table, qint64 firstRowid,
                                         qint64 lastRowid) const;
    [[noreturn]] void refused(const Table &table, const PostgresCopy::Refusal &refusal,
                              qint64 firstRowid, qint64 lastRowid) const;

    const Database &m_file;
    const Database &m_server;
    const TeamMigration::Progress &m_progress;
};

void Copier::copy(const Table &table) const
{
    QStringList names;
    for (const ServerColumn &column : table.columns)
        names.append(quoted(column.name));
    // The row number last: it names a row the server refuses, and orders the copy (a model
    // version is copied after the one it is based on).
    RowScanner rows(m_file.connection(),
                    QStringLiteral("SELECT %1, rowid FROM %2 ORDER BY rowid")
                        .arg(names.join(QStringLiteral(", ")), quoted(table.name)));
    rows.run();
    QStringList columns;
    for (const ServerColumn &column : table.columns)
        columns.append(column.name);
    const int rowidColumn = int(table.columns.size());
    qint64 done = 0;
    bool more = rows.next();
    while (more) {
        PostgresCopy group(m_server.connection(), m_server.filePath(), table.name, columns);
        const qint64 first = rows.integer(rowidColumn);
        qint64 last = first;
        for (qint64 n = 0; more && n < GroupRows; ++n, more = rows.next()) {
            last = rows.integer(rowidColumn);
            for (int i = 0; i < table.columns.size(); ++i) {
                if (const auto problem = table.columns[i].copy(group, rows, i))
                    throw Error(*problem,
                                ErrorWhere{m_file.filePath(), 0, table.columns[i].name,
                                           describeRow(table, rows, last)},
                                tr("nothing was written to the server; correct the value in "
                                   "the file, then migrate again"));
            }
            group.endRow();
            ++done;
        }
        if (const auto refusal = group.finish())
            refused(table, *refusal, first, last);
        if (m_progress)
            m_progress(table.name, done, table.fileRows);
    }
    if (done == 0 && m_progress)
        m_progress(table.name, 0, table.fileRows);
}

void Copier::restore(const ServerReference &reference, const Table &table) const
{
    QSqlQuery add(m_server.connection());
    if (add.exec(QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
                     .arg(quoted(reference.table), quoted(reference.name), reference.definition)))
        return;
    PostgresCopy::Refusal refusal;
    refusal.state = add.lastError().nativeErrorCode();
    refusal.message = add.lastError().databaseText();
    refused(table, refusal, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
}

std::optional<Error> Copier::brokenReference(const Table &table, qint64 firstRowid,
                                             qint64 lastRowid) const
{
    const QSqlDatabase db = m_file.connection();
    auto check =
        sql::prepare(db, QStringLiteral("SELECT c.rowid, c.parent, l.\"from\" FROM "
                                        "pragma_foreign_key_check(?) AS c JOIN "
                                        "pragma_foreign_key_list(?) AS l ON l.id = c.fkid "
                                        "WHERE c.rowid BETWEEN ? AND ? ORDER BY c.rowid LIMIT 1"));
    check.addBindValue(table.name);
    check.addBindValue(table.name);
    check.addBindValue(firstRowid);
    check.addBindValue(lastRowid);
    sql::exec(check);
    if (!sql::next(check))
        return std::nullopt;
    const qint64 rowid = check.value(0).toLongLong();
    const QString parent = check.value(1).toString();
    const QString column = check.value(2).toString();
    check.finish();
    RowScanner row(db, QStringLiteral("SELECT *, %1 FROM %2 WHERE rowid = ?")
                           .arg(quoted(column), quoted(table.name)));
    row.bind(1, rowid);
    row.run();
    if (!row.next())
        return std::nullopt;
    return Error(tr("refers to %1 %2, which the file does not hold; the server refuses a "
                    "reference to a row that is not there")
                     .arg(parent, row.text(int(table.columns.size()))),
                 ErrorWhere{m_file.filePath(), 0, column, describeRow(table, row, rowid)},
                 tr("nothing was written to the server; correct the file (handoff check "
                    "lists what is wrong in it), then migrate again"));
}

// The server refused rows the checks let through: a reference to a row that is not there is
// found again in the file; anything else is named by the server's words and the rows.
void Copier::refused(const Table &table, const PostgresCopy::Refusal &refusal, qint64 firstRowid,
                     qint64 lastRowid) const
{
    if (refusal.state == QLatin1String("23503")) { // foreign_key_violation
        if (std::optional<Error> broken = brokenReference(table, firstRowid, lastRowid))
            throw *broken;
    }
    // Not about the rows (the connection lost, a right missing, the disk full): in the words
    // the store has for it.
    if (!refusal.state.startsWith(QLatin1String("22")) &&
        !refusal.state.startsWith(QLatin1String("23")))
        throw sql::failure(
            m_server.filePath(),
            QSqlError(QString(), refusal.text(), QSqlError::StatementError, refusal.state),
            QStringLiteral("COPY %1").arg(table.name));
    const QString rows = firstRowid == std::numeric_limits<qint64>::min() ? tr("rows")
                         : firstRowid == lastRowid
                             ? tr("row %1").arg(firstRowid)
                             : tr("rows %1 to %2").arg(firstRowid).arg(lastRowid);
    throw Error(tr("the server (%1) refused %2 of table %3: %4")
                    .arg(m_server.filePath(), rows, table.name, refusal.text()),
                ErrorWhere{m_file.filePath(), 0, refusal.column, {}},
                tr("nothing was written to the server"));
}

// Drops the foreign keys of the tables to copy; gives them back, with their tables.
QList<std::pair<ServerReference, Table>>
dropReferences(const QSqlDatabase &db, const ServerSchema &schema, const QList<Table> &tables)
{
    QList<std::pair<ServerReference, Table>> dropped;
    for (const ServerReference &reference : schema.references) {
        if (reference.keptByTriggers)
            continue;
        const auto table = std::find_if(tables.cbegin(), tables.cend(),
                                        [&](const Table &t) { return t.name == reference.table; });
        if (table == tables.cend())
            continue;
        sql::execDirect(db, QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2")
                                .arg(quoted(reference.table), quoted(reference.name)));
        dropped.append({reference, *table});
    }
    return dropped;
}

// Moves every identity sequence of the copied tables past the largest id copied, so the rows
// made next do not collide.
void moveIdentities(const QSqlDatabase &db, const ServerSchema &schema, const QStringList &copied)
{
    for (const auto &[table, column] : schema.identities) {
        if (!copied.contains(quoted(table)))
            continue;
        auto next = sql::prepare(
            db, QStringLiteral("SELECT setval(pg_get_serial_sequence(:table, :column), "
                               "coalesce(max(%1), 0) + 1, false) FROM %2")
                    .arg(quoted(column), quoted(table)));
        next.bindValue(QStringLiteral(":table"), quoted(table));
        next.bindValue(QStringLiteral(":column"), column);
        sql::exec(next);
    }
}

// Takes out what the server's tables hold (its data being replaced, or what a new database
// starts with): at once from the tables consoles cannot read now anyway (their foreign keys
// dropped), row by row from those they still read (children first, so nothing cascades).
void empty(const QSqlDatabase &db, const ServerSchema &schema, const QList<Table> &tables,
           const QList<std::pair<ServerReference, Table>> &dropped)
{
    QSet<QString> lockedOut;
    for (const auto &[reference, table] : dropped)
        lockedOut << reference.table << reference.parent;
    // The history goes in the same TRUNCATE as the leads it names (its triggers ask).
    for (const ServerReference &reference : schema.references) {
        if (reference.keptByTriggers && lockedOut.contains(reference.parent))
            lockedOut << reference.table;
    }
    QStringList truncated;
    for (auto table = tables.crbegin(); table != tables.crend(); ++table) {
        if (lockedOut.contains(table->name))
            truncated.append(quoted(table->name));
        else
            sql::execDirect(db, QStringLiteral("DELETE FROM %1").arg(quoted(table->name)));
    }
    if (!truncated.isEmpty())
        sql::execDirect(
            db, QStringLiteral("TRUNCATE TABLE %1").arg(truncated.join(QStringLiteral(", "))));
}

// Every table's rows on the server, inside the copy's transaction, against the file's.
QList<TeamMigration::TableCount> compareCounts(const QSqlDatabase &db, const QList<Table> &tables,
                                               const QString &serverName)
{
    QList<TeamMigration::TableCount> counts;
    for (const Table &table : tables) {
        const qint64 copied = serverRows(db, table.name);
        counts.append({table.name, table.fileRows, copied});
        if (copied != table.fileRows)
            throw Error(tr("%1: table %2 holds %3 rows after the copy where the file holds %4; "
                           "nothing was written")
                            .arg(serverName, table.name)
                            .arg(copied)
                            .arg(table.fileRows));
    }
    return counts;
}

void requireCurrentSchema(const Database &file)
{
    const int version = file.schemaVersion();
    if (version < Database::SchemaVersion)
        throw Error(tr("has schema version %1, older than the %2 this version of Handoff "
                       "copies; nothing was copied")
                        .arg(version)
                        .arg(Database::SchemaVersion),
                    ErrorWhere::inFile(file.filePath()),
                    tr("open it once with this version (the console, or 'handoff queue intent "
                       "--db %1'), which upgrades it (keeping a copy of the old file beside "
                       "it when its tables change), then migrate again")
                        .arg(file.filePath()));
}

} // namespace

double TeamMigration::Result::rowsPerSecond() const
{
    return milliseconds > 0 ? double(rows) * 1000.0 / double(milliseconds) : 0.0;
}

TeamMigration::Result TeamMigration::copy(const QString &file, const QString &serverAddress,
                                          Existing existing, const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    if (DatabaseLocation::looksLikeServer(file))
        throw Error(tr("%1: is a server's address; the copy is made from a lead database file")
                        .arg(DatabaseLocation::parse(file).displayText()));
    if (!DatabaseLocation::looksLikeServer(serverAddress))
        throw Error(tr("%1: is not a postgresql:// address; the copy is made onto a team server")
                        .arg(serverAddress));
    // Read-only: refuses what is not a Handoff file, and never writes to the file.
    const Database source(file, Database::Open::ReadOnly);
    requireCurrentSchema(source);
    Database target(serverAddress, Database::Open::ExistingOrEmpty);
    target.setBusyTimeout(LockWaitMs);
    Result result;
    result.file = source.filePath();
    result.server = target.filePath();

    // One moment of the file, however its consoles write meanwhile.
    Transaction snapshot(source.connection(), Transaction::Kind::Read);
    Transaction write(target.connection(), Transaction::Kind::Schema);
    const QSqlDatabase db = target.connection();
    result.createdSchema = target.schemaVersion() == 0;
    if (result.createdSchema)
        target.createSchema();
    const ServerSchema schema = ServerSchema::read(db);
    const QList<Table> tables = inCopyOrder(plan(source, schema, target.filePath()), schema);
    QStringList names;
    for (const Table &table : tables)
        names.append(quoted(table.name));
    // Consoles' writes wait from here (and so does another migration); their reads go on.
    if (!result.createdSchema)
        sql::execDirect(db, QStringLiteral("LOCK TABLE %1 IN EXCLUSIVE MODE")
                                .arg(names.join(QStringLiteral(", "))));
    for (const Table &table : tables) {
        if (madeWithTheSchema(table.name))
            continue;
        const qint64 rows = serverRows(db, table.name);
        result.replacedRows += rows;
        if (table.name == QLatin1String("leads"))
            result.replacedLeads = rows;
    }
    if (result.replacedRows > 0 && existing == Existing::Refuse)
        throw Error(tr("%1: already holds a Handoff database: %2 leads, %3 rows in all; nothing "
                       "was changed")
                        .arg(target.filePath())
                        .arg(result.replacedLeads)
                        .arg(result.replacedRows),
                    {},
                    tr("replace what it holds with the file's (handoff migrate --force), or "
                       "migrate into an empty database"));
    // The server checks a foreign key row by row, a query each: four fifths of a copy's time,
    // and of deleting what is replaced. Where this user may, the keys are made again once the
    // rows are in, each checked over its whole table at once. Until the commit, that keeps
    // consoles from reading the tables with keys (a lead, its activities) as well as from
    // writing: for a fifth of the time the server's own checks would keep them from writing.
    const QList<std::pair<ServerReference, Table>> dropped =
        schema.ownedByUser ? dropReferences(db, schema, tables)
                           : QList<std::pair<ServerReference, Table>>();
    empty(db, schema, tables, dropped);
    const Copier copier(source, target, progress);
    for (const Table &table : tables) {
        copier.copy(table);
        result.rows += table.fileRows;
    }
    for (const auto &[reference, table] : dropped)
        copier.restore(reference, table);
    moveIdentities(db, schema, names);
    // A new database: what a console saved of the server's former contents is not for it.
    sql::execDirect(db, QStringLiteral("UPDATE history_stamp SET database_id = "
                                       "replace(gen_random_uuid()::text, '-', '') WHERE id = 1"));
    result.tables = compareCounts(db, tables, target.filePath());
    write.commit();
    snapshot.commit();
    result.milliseconds = timer.elapsed();
    return result;
}

} // namespace handoff
