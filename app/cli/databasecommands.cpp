// `handoff init`, `handoff check`, `handoff backup` and `handoff migrate`: the database
// itself, from the command line.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QFileInfo>

#include "cli/cli.h"
#include "cli/output.h"
#include "store/database.h"
#include "store/databasecheck.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "store/onlinebackup.h"
#include "store/teammigration.h"

namespace handoff {

using namespace commandsupport;

namespace commands {

int init(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOption(
        {QStringLiteral("db"), tr("The new database file to create."), QStringLiteral("FILE")});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const QString path = requiredDb(parser);
    if (QFileInfo::exists(path))
        throw Error(tr("%1: already exists; init only creates a new database").arg(path));
    const Database db(path);
    io.out << tr("%1: a new, empty Handoff database (schema version %2)\n")
                  .arg(db.filePath())
                  .arg(db.schemaVersion());
    return cli::Success;
}

int check(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOption({QStringLiteral("db"), tr("The database to check."), QStringLiteral("FILE")});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    // Read-only: a check never writes, not even a migration, to a file that may be damaged.
    const Database db(requiredDb(parser), Database::Open::ReadOnly);
    const QList<DatabaseCheck::Finding> findings = DatabaseCheck(db.connection()).run();
    io.out << db.filePath() << '\n';
    for (const DatabaseCheck::Finding &f : findings) {
        io.out << (f.problems.isEmpty() ? tr("  ok       ") : tr("  PROBLEM  ")) << f.check << '\n';
        for (const QString &problem : f.problems)
            io.out << "             " << problem << '\n';
    }
    if (DatabaseCheck::passed(findings)) {
        io.out << tr("No problems found.\n");
        return cli::Success;
    }
    io.err << tr("handoff check: %1 has problems; restore it from a backup (handoff backup makes "
                 "one) or keep a copy and ask for help\n")
                  .arg(db.filePath());
    return cli::Failure;
}

int backup(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({{QStringLiteral("db"), tr("The database to copy."), QStringLiteral("FILE")},
                       {QStringLiteral("out"), tr("The new file to write the copy to."),
                        QStringLiteral("FILE")}});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.value(QStringLiteral("out")).isEmpty())
        throw UsageError(tr("--out FILE is required"));
    const Database db(requiredDb(parser), Database::Open::ReadOnly);
    const QString target = parser.value(QStringLiteral("out"));
    OnlineBackup::copy(db, target);
    io.out << tr("%1: backed up to %2 and checked\n").arg(db.filePath(), target);
    return cli::Success;
}

int migrate(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("from"), tr("The lead database file to copy."), QStringLiteral("FILE")},
         {QStringLiteral("to"),
          tr("The team server's database to copy it into: postgresql://user@host/database."),
          QStringLiteral("ADDRESS")},
         {QStringLiteral("force"),
          tr("Replace what the server's database holds; without it, a database that holds a "
             "team's data is refused.")}});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const QString from = parser.value(QStringLiteral("from"));
    const QString to = parser.value(QStringLiteral("to"));
    if (from.isEmpty() || to.isEmpty())
        throw UsageError(tr("--from FILE and --to postgresql://... are both required"));
    if (DatabaseLocation::looksLikeServer(from))
        throw UsageError(tr("--from names a lead database file, not a server"));
    if (!DatabaseLocation::looksLikeServer(to))
        throw UsageError(
            tr("--to names a team server's database (postgresql://user@host/database); to "
               "copy a file to a file, use 'handoff backup'"));
    // Progress on stderr: each table once done, a large one every quarter of a million rows.
    constexpr qint64 Every = 250'000;
    const auto progress = [&io](const QString &table, qint64 done, qint64 total) {
        if (done == total || done % Every == 0)
            io.err << tr("%1: %2 of %3 rows\n").arg(table).arg(done).arg(total) << Qt::flush;
    };
    const TeamMigration::Result result =
        TeamMigration::copy(from, to,
                            parser.isSet(QStringLiteral("force")) ? TeamMigration::Existing::Replace
                                                                  : TeamMigration::Existing::Refuse,
                            progress);
    io.out << tr("%1 copied to %2\n").arg(result.file, result.server);
    if (result.createdSchema)
        io.out << tr("The server's database was empty: it got the schema (version %1) with "
                     "the copy\n")
                      .arg(Database::SchemaVersion);
    if (result.replacedRows > 0)
        io.out << tr("Replaced what it held: %1 leads, %2 rows in all\n")
                      .arg(result.replacedLeads)
                      .arg(result.replacedRows);
    OutputTable counts;
    counts.columns = {tr("table"), tr("file"), tr("server")};
    for (const TeamMigration::TableCount &table : result.tables)
        counts.rows.append({table.table, table.file, table.server});
    writeTable(io.out, counts, OutputFormat::Table);
    io.out << tr("Every table's count matches: %1 rows in %2 s, %3 rows a second\n")
                  .arg(result.rows)
                  .arg(double(result.milliseconds) / 1000.0, 0, 'f', 1)
                  .arg(qRound64(result.rowsPerSecond()));
    return cli::Success;
}

} // namespace commands

} // namespace handoff
