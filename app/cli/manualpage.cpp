#include "cli/manualpage.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "cli/cli.h"

namespace handoff {

namespace cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("manual", text);
}

// Text as roff prints it: a backslash is an escape, a line starting with a dot or a quote is
// a request, and a plain '-' may print as a hyphen that cannot be pasted into a shell.
QString escaped(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        line.replace(QLatin1Char('\\'), QLatin1String("\\e"));
        line.replace(QLatin1Char('-'), QLatin1String("\\-"));
        if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
            line.prepend(QLatin1String("\\&"));
    }
    return lines.join(QLatin1String("\n.br\n"));
}

QString bold(const QString &text)
{
    return QStringLiteral("\\fB%1\\fR").arg(escaped(text));
}

QString italic(const QString &text)
{
    return QStringLiteral("\\fI%1\\fR").arg(escaped(text));
}

// A synopsis as manuals set them: options in bold, what the user fills in (FILE, LEADS.csv)
// in italics, the rest as it is.
QString synopsis(const QString &text)
{
    static const QRegularExpression marked(
        QStringLiteral("(?<=^|[\\s\\[|=])(?:(--?[a-z][a-z0-9-]*)|([A-Z][A-Z0-9_]*(?:\\.[a-z]+)?)"
                       "(?=$|[\\s\\]|=]))"));
    QString result;
    qsizetype at = 0;
    for (const QRegularExpressionMatch &m : marked.globalMatch(text)) {
        result += escaped(text.mid(at, m.capturedStart() - at));
        result += m.hasCaptured(1) ? bold(m.captured(1)) : italic(m.captured(2));
        at = m.capturedEnd();
    }
    return result + escaped(text.mid(at));
}

// One way to run handoff, its further lines indented under the first.
QString synopsisLine(const QString &arguments)
{
    return QStringLiteral(".SY handoff\n%1\n.YS\n").arg(synopsis(arguments));
}

QString optionNames(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names.append(bold((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name));
    QString text = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        text += QLatin1Char(' ') + italic(option.valueName());
    return text;
}

QString optionList(const QList<QCommandLineOption> &options)
{
    QString text;
    for (const QCommandLineOption &option : options) {
        if (option.flags() & QCommandLineOption::HiddenFromHelp)
            continue;
        text +=
            QStringLiteral(".TP\n%1\n%2\n").arg(optionNames(option), escaped(option.description()));
    }
    return text;
}

QString argumentList(const QList<PositionalArgument> &arguments)
{
    QString text;
    for (const PositionalArgument &argument : arguments)
        text += QStringLiteral(".TP\n%1\n%2\n")
                    .arg(italic(argument.name), escaped(argument.description));
    return text;
}

QString section(const QString &title)
{
    return QStringLiteral(".SH %1\n").arg(title);
}

QString paragraph(const QString &text)
{
    return QStringLiteral(".PP\n%1\n").arg(escaped(text));
}

QString defaultDatabaseInManual()
{
    return QStringLiteral("$XDG_DATA_HOME/handoff/handoff.sqlite");
}

QString files()
{
    QString text = section(tr("FILES"));
    const QList<std::pair<QString, QString>> files = {
        {defaultDatabaseInManual(),
         tr("The lead database the console opens when none is named, created with demo data at "
            "the first start. $XDG_DATA_HOME is ~/.local/share when unset.")},
        {QStringLiteral("$XDG_CONFIG_HOME/Unknown Organization/handoff.conf"),
         tr("The console's settings: the profile, window layout, column widths, the team server "
            "last connected to. Never a password: those are in the desktop's keyring.")},
        {QStringLiteral("$XDG_CACHE_HOME/handoff/start-state/"),
         tr("Saved start states, so a large database opens quickly; safe to delete.")},
        {QStringLiteral("FILE.creating"),
         tr("A demo database while it is generated, renamed to FILE once complete.")}};
    for (const auto &[path, what] : files)
        text += QStringLiteral(".TP\n%1\n%2\n").arg(italic(path), escaped(what));
    return text;
}

QString examples()
{
    QString text = section(tr("EXAMPLES"));
    for (const ManualExample &example : manualExamples())
        text +=
            QStringLiteral(".TP\n%1\n%2\n")
                .arg(bold(QStringLiteral("handoff ") + example.arguments.join(QLatin1Char(' '))),
                     escaped(example.what));
    return text;
}

} // namespace

QList<ManualExample> manualExamples()
{
    const QString db = QStringLiteral("leads.sqlite");
    const QString dbOption = QStringLiteral("--db");
    return {
        {{QStringLiteral("demo"), dbOption, db, QStringLiteral("--leads"), QStringLiteral("2000")},
         tr("Creates leads.sqlite with 2,000 made-up leads to try Handoff on.")},
        {{db},
         tr("Opens the console on it, as a double-click on the file in the file manager does."),
         true},
        {{QStringLiteral("queue"), QStringLiteral("intent"), dbOption, db,
          QStringLiteral("--limit"), QStringLiteral("10")},
         tr("The first ten hand-raisers of the sales queue, with their speed-to-lead clocks.")},
        {{QStringLiteral("explain"), dbOption, db, QStringLiteral("1")},
         tr("How the score of lead number 1 adds up.")},
        {{QStringLiteral("import"), dbOption, db, QStringLiteral("export.csv"),
          QStringLiteral("--dry-run")},
         tr("Checks a CRM export: how many leads would be new, updated, unchanged or rejected, "
            "and why; nothing is written.")},
        {{QStringLiteral("import"), dbOption, db, QStringLiteral("export.csv")},
         tr("Imports it as one batch; handoff undo-import takes it back.")},
        {{QStringLiteral("report"), dbOption, db, QStringLiteral("--out"),
          QStringLiteral("meeting.pdf")},
         tr("This week's meeting report.")},
        {{QStringLiteral("intake"), dbOption, db, QStringLiteral("add"), QStringLiteral("website"),
          QStringLiteral("--request"), QStringLiteral("demo")},
         tr("Lets the website's demo form post to handoff serve, as /v1/forms/website; prints "
            "the secret it sends as a Bearer token or signs with, once.")},
        {{QStringLiteral("backup"), dbOption, db, QStringLiteral("--out"),
          QStringLiteral("leads-copy.sqlite")},
         tr("A checked copy, while consoles keep working on the database.")},
    };
}

QString manualPage()
{
    const QString version = QCoreApplication::applicationVersion();
    QString text = QStringLiteral(".\\\" Written by handoff --manual-page from the definitions "
                                  "handoff --help prints. Do not edit.\n");
    text += QStringLiteral(".TH HANDOFF 1 \"%1\" \"Handoff %2\" \"User Commands\"\n")
                .arg(QStringLiteral(HANDOFF_RELEASE_DATE), version);
    // Neither hyphenated nor stretched: an option broken across lines cannot be copied.
    text += QStringLiteral(".nh\n.ad l\n");
    text += section(tr("NAME")) + QStringLiteral("handoff \\- %1\n").arg(escaped(tagline()));

    text += section(tr("SYNOPSIS"));
    text += synopsisLine(consoleSynopsis());
    const QList<CommandHelp> all = commands();
    for (const CommandHelp &c : all)
        text += synopsisLine(c.synopsis);
    for (const QString &synopsis : helpSynopses())
        text += synopsisLine(synopsis);

    text += section(tr("DESCRIPTION"));
    text += paragraph(tr("Handoff is a desktop console where marketing and sales hand leads to "
                         "each other. It keeps the leads in a SQLite file, or on a team's "
                         "PostgreSQL server, and shows two queues: the intent queue of "
                         "hand-raisers who asked for a demo, a quote or a call, which go straight "
                         "to sales with a speed-to-lead clock, and the interest queue of the "
                         "leads marketing nurtures until their score crosses the MQL threshold. "
                         "Every score is explained rule by rule."));
    text += paragraph(tr("Without a command, handoff opens the console window. With one, it does "
                         "that one thing from the command line and exits; every command answers "
                         "--help with its options."));
    text += section(tr("THE CONSOLE"));
    text += paragraph(consoleSummary(defaultDatabaseInManual()));
    text += optionList(consoleOptions());

    text += section(tr("COMMANDS"));
    for (const CommandHelp &c : all) {
        text += QStringLiteral(".SS %1\n").arg(escaped(c.name));
        text += synopsisLine(c.synopsis);
        text += paragraph(c.summary);
        text += argumentList(c.options.arguments) + optionList(c.options.options);
    }

    text += section(tr("EXIT STATUS"));
    for (const ExitCodeHelp &e : exitCodes())
        text +=
            QStringLiteral(".TP\n%1\n%2\n").arg(bold(QString::number(e.code)), escaped(e.meaning));
    text += files() + examples();
    text += section(tr("SEE ALSO")) +
            QStringLiteral("%1(1), %2(1)\n")
                .arg(bold(QStringLiteral("sqlite3")), bold(QStringLiteral("pg_dump")));
    return text;
}

} // namespace cli

} // namespace handoff
