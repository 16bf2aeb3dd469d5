// `handoff init`, `handoff check` and `handoff backup`: the database itself, from the
// command line.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QFileInfo>

#include "cli/cli.h"
#include "store/database.h"
#include "store/databasecheck.h"
#include "store/error.h"
#include "store/onlinebackup.h"

namespace handoff {

using namespace commandsupport;

namespace commands {

int init(const QStringList &arguments, CommandIo io)
{
    QCommandLineParser parser;
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
    QCommandLineParser parser;
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
    QCommandLineParser parser;
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

} // namespace commands

} // namespace handoff
