#include "cli/commandsupport.h"

#include <cmath>

#include "cli/commands.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

namespace commandsupport {

QString tr(const char *text)
{
    return QCoreApplication::translate("commands", text);
}

void parse(CommandParser &parser, const QStringList &arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    // Past the parser's record: every command has it, and the manual says so once.
    parser.QCommandLineParser::addOption(help);
    const bool parsed = parser.parse(QStringList{QStringLiteral("handoff")} + arguments);
    if (parser.isSet(help)) {
        // Qt's text opens with a usage line of its own that does not know the subcommand.
        const QString text = parser.helpText();
        const qsizetype options = text.indexOf(QLatin1String("Options:"));
        throw HelpRequested({options >= 0 ? text.mid(options) : text, parser.definedOptions(),
                             parser.definedArguments()});
    }
    if (!parsed)
        throw UsageError(parser.errorText());
}

QString requiredDb(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        throw UsageError(tr("--db FILE is required"));
    return path;
}

Database openExisting(const QString &path)
{
    return Database(path, Database::Open::Existing);
}

int positiveInt(const QCommandLineParser &parser, const QString &name, int fallback, int max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > max)
        throw UsageError(tr("--%1 must be a whole number from 1 to %2, not '%3'")
                             .arg(name)
                             .arg(max)
                             .arg(parser.value(name)));
    return value;
}

double rounded(double value)
{
    return std::round(value * 10.0) / 10.0;
}

} // namespace commandsupport

} // namespace handoff
