#pragma once

// The subcommands, one function each. They read their own options from `arguments`
// (the program name and the subcommand removed) and throw UsageError for a usage mistake.

#include <stdexcept>

#include <QString>
#include <QStringList>
#include <QTextStream>

#include "cli/commandparser.h"

namespace handoff {

class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {}
    QString message() const { return m_message; }

private:
    QString m_message;
};

// `--help` given to a subcommand: its options, for the caller to print with the synopsis (or
// to write into the manual page).
class HelpRequested
{
public:
    explicit HelpRequested(OptionsHelp options)
        : m_options(std::move(options))
    {}
    const OptionsHelp &options() const { return m_options; }

private:
    OptionsHelp m_options;
};

struct CommandIo
{
    QTextStream &out;
    QTextStream &err;
};

namespace commands {

int demo(const QStringList &arguments, CommandIo io);
int queue(const QStringList &arguments, CommandIo io);
int explain(const QStringList &arguments, CommandIo io);
int import(const QStringList &arguments, CommandIo io);
int undoImport(const QStringList &arguments, CommandIo io);
int model(const QStringList &arguments, CommandIo io);
int backtest(const QStringList &arguments, CommandIo io);
int suggest(const QStringList &arguments, CommandIo io);
int report(const QStringList &arguments, CommandIo io);
int init(const QStringList &arguments, CommandIo io);
int check(const QStringList &arguments, CommandIo io);
int backup(const QStringList &arguments, CommandIo io);
int migrate(const QStringList &arguments, CommandIo io);
int team(const QStringList &arguments, CommandIo io);
int serve(const QStringList &arguments, CommandIo io);
int intake(const QStringList &arguments, CommandIo io);
int hours(const QStringList &arguments, CommandIo io);
int routing(const QStringList &arguments, CommandIo io);

} // namespace commands

} // namespace handoff
