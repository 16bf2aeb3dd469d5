#pragma once

// A subcommand's QCommandLineParser that also keeps the options and arguments it was given,
// so `handoff COMMAND --help` and the manual page (manualpage.h) are both written from the
// same definitions. Commands read their values through QCommandLineParser as before; only
// adding goes through here (QCommandLineParser can add but not list what it was given).

#include <QCommandLineParser>
#include <QList>

namespace handoff {

struct PositionalArgument
{
    QString name;
    QString description;
};

// What a command says about its options: Qt's text for the terminal, and the definitions.
struct OptionsHelp
{
    QString text;
    QList<QCommandLineOption> options;
    QList<PositionalArgument> arguments;
};

class CommandParser : public QCommandLineParser
{
public:
    // These hide QCommandLineParser's own, which are not virtual: commands add through a
    // CommandParser, never through a QCommandLineParser reference, so nothing goes unseen.
    bool addOption(const QCommandLineOption &option);
    bool addOptions(const QList<QCommandLineOption> &options);
    void addPositionalArgument(const QString &name, const QString &description,
                               const QString &syntax = QString());

    const QList<QCommandLineOption> &definedOptions() const { return m_options; }
    const QList<PositionalArgument> &definedArguments() const { return m_arguments; }

private:
    QList<QCommandLineOption> m_options;
    QList<PositionalArgument> m_arguments;
};

} // namespace handoff
