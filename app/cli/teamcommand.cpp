// `handoff team`: who works in which role on a team server, which the server enforces.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include "cli/cli.h"
#include "store/database.h"
#include "store/error.h"
#include "store/teamrepository.h"

namespace handoff {

using namespace commandsupport;

namespace commands {

int team(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({
        {QStringLiteral("db"), tr("The team server's database (postgresql://...)."),
         QStringLiteral("URL")},
        {QStringLiteral("add"), tr("A database user to add to the team (or to give another role)."),
         QStringLiteral("USER")},
        {QStringLiteral("role"), tr("The member's role: marketing, sales or sales_manager."),
         QStringLiteral("ROLE")},
    });
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(QStringLiteral("add")) != parser.isSet(QStringLiteral("role")))
        throw UsageError(tr("--add and --role go together"));
    const Database db = openExisting(requiredDb(parser));
    TeamRepository team(db.connection());
    if (parser.isSet(QStringLiteral("add"))) {
        const auto role = Profile::roleFrom(parser.value(QStringLiteral("role")));
        if (!role)
            throw UsageError(tr("--role must be marketing, sales or sales_manager, not '%1'")
                                 .arg(parser.value(QStringLiteral("role"))));
        team.admit(parser.value(QStringLiteral("add")), *role);
    }
    const QList<TeamMember> members = team.members();
    if (members.isEmpty())
        io.out << tr("%1: no members yet; everyone who connects may do everything (add each "
                     "desk's database user with --add USER --role ROLE)\n")
                      .arg(db.filePath());
    for (const TeamMember &m : members)
        io.out << m.databaseUser << '\t' << Profile::roleName(m.role) << '\n';
    return cli::Success;
}

} // namespace commands

} // namespace handoff
