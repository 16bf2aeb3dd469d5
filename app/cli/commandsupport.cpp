#include "commandsupport.h"

#include <cmath>

#include "commands.h"
#include "database.h"
#include "storeerror.h"

namespace commandsupport {

QString tr(const char *text)
{
    return QCoreApplication::translate("commands", text);
}

void parse(QCommandLineParser &parser, const QStringList &arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{QStringLiteral("handoff")} + arguments))
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
