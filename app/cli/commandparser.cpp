#include "cli/commandparser.h"

namespace handoff {

bool CommandParser::addOption(const QCommandLineOption &option)
{
    if (!QCommandLineParser::addOption(option))
        return false;
    m_options.append(option);
    return true;
}

bool CommandParser::addOptions(const QList<QCommandLineOption> &options)
{
    bool all = true;
    for (const QCommandLineOption &option : options)
        all = addOption(option) && all;
    return all;
}

void CommandParser::addPositionalArgument(const QString &name, const QString &description,
                                          const QString &syntax)
{
    QCommandLineParser::addPositionalArgument(name, description, syntax);
    m_arguments.append({name, description});
}

} // namespace handoff
