#include "cli/cli.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

#include "cli/commands.h"
#include "cli/manualpage.h"
#include "store/error.h"

namespace handoff {

namespace cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

struct CommandInfo
{
    QString name;
    QString synopsis;
    const char *summary;
    int (*run)(const QStringList &, CommandIo);
};

const QList<CommandInfo> &commandTable()
{
    static const QList<CommandInfo> table = {
        {QStringLiteral("demo"), QStringLiteral("demo --db FILE [--leads N] [--seed S]"),
         QT_TRANSLATE_NOOP("cli", "Create a database with a reproducible demo world of made-up "
                                  "leads (FILE appears only once complete)."),
         commands::demo},
        {QStringLiteral("queue"),
         QStringLiteral("queue intent|interest --db FILE [--format table|json|csv] [--limit N]"),
         QT_TRANSLATE_NOOP("cli", "Print the intent queue (hand-raisers for sales) or the "
                                  "interest queue (leads marketing nurtures)."),
         commands::queue},
        {QStringLiteral("explain"), QStringLiteral("explain --db FILE [--format text|json] LEAD"),
         QT_TRANSLATE_NOOP("cli", "Show how a lead's score adds up, rule by rule and activity by "
                                  "activity."),
         commands::explain},
        {QStringLiteral("import"),
         QStringLiteral("import --db FILE LEADS.csv [--activities FILE] [--preset NAME] [--mapping "
                        "FILE.json] [--map COLUMN=FIELD ...] [--show-mapping [--format text|json]] "
                        "[--dry-run] [--all-or-nothing] [--as NAME]"),
         QT_TRANSLATE_NOOP("cli", "Import leads, and their activities, from a CRM or marketing "
                                  "export in CSV, as one batch that undo-import takes back."),
         commands::import},
        {QStringLiteral("undo-import"), QStringLiteral("undo-import --db FILE [--as NAME] BATCH"),
         QT_TRANSLATE_NOOP("cli", "Take back the latest import batch, while nobody has worked "
                                  "on its leads since."),
         commands::undoImport},
        {QStringLiteral("model"),
         QStringLiteral(
             "model export|import --db FILE [--version N] [--as PROFILE [--role ROLE]] FILE.json"),
         QT_TRANSLATE_NOOP("cli", "Write a version of the scoring model to a JSON file, or read "
                                  "one in as a draft."),
         commands::model},
        {QStringLiteral("backtest"),
         QStringLiteral("backtest --db FILE --model FILE.json [--window WEEKS] [--format "
                        "text|json]"),
         QT_TRANSLATE_NOOP("cli", "Replay past leads with a scoring model file and say how well "
                                  "it tells who converted."),
         commands::backtest},
        {QStringLiteral("suggest"),
         QStringLiteral("suggest --db FILE [--holdout FRACTION] [--seed S] [--format text|json] "
                        "[--include-field NAME ...] [--out MODEL.json [--force]]"),
         QT_TRANSLATE_NOOP("cli", "Suggest the scoring model's points from the leads that "
                                  "converted, and write the model with them applied."),
         commands::suggest},
        {QStringLiteral("report"),
         QStringLiteral("report --db FILE [--week 2026-W47] --out FILE.pdf [--page a4|letter]"),
         QT_TRANSLATE_NOOP("cli", "Write the weekly sales-marketing meeting's report as a PDF."),
         commands::report},
        {QStringLiteral("init"), QStringLiteral("init --db FILE"),
         QT_TRANSLATE_NOOP("cli", "Create a new, empty database."), commands::init},
        {QStringLiteral("check"), QStringLiteral("check --db FILE"),
         QT_TRANSLATE_NOOP("cli", "Check a database's integrity, foreign keys and Handoff's own "
                                  "rules, without writing to it."),
         commands::check},
        {QStringLiteral("backup"), QStringLiteral("backup --db FILE --out FILE"),
         QT_TRANSLATE_NOOP("cli", "Write a checked copy of a database, safe while consoles work "
                                  "on it."),
         commands::backup},
        {QStringLiteral("migrate"),
         QStringLiteral("migrate --from FILE.sqlite --to postgresql://... [--force]"),
         QT_TRANSLATE_NOOP("cli", "Move a database file's team onto a team server, all or "
                                  "nothing."),
         commands::migrate},
        {QStringLiteral("team"), QStringLiteral("team --db URL [--add USER --role ROLE]"),
         QT_TRANSLATE_NOOP("cli", "List a team server's members and their roles, or add one."),
         commands::team},
        {QStringLiteral("serve"),
         QStringLiteral("serve --db FILE|URL [--listen ADDRESS:PORT] [--certificate FILE --key "
                        "FILE] [--public-url URL] [--drop-folder DIR]"),
         QT_TRANSLATE_NOOP("cli", "Take hand-raisers in over HTTP as they happen: web forms, "
                                  "HubSpot and Marketo webhooks."),
         commands::serve},
        {QStringLiteral("intake"),
         QStringLiteral("intake --db FILE|URL list|add NAME [--kind form|hubspot|marketo] "
                        "[--request WHAT] [--map FIELD=TARGET ...]|remove NAME"),
         QT_TRANSLATE_NOOP("cli", "List, add or remove the sources that may post to handoff "
                                  "serve, with their secrets and field mappings."),
         commands::intake},
        {QStringLiteral("hours"),
         QStringLiteral("hours --db FILE|URL [--zone ZONE] [--hours DAYS=HOURS ...] [--holiday "
                        "DATE ...] [--sla-counts working|every]"),
         QT_TRANSLATE_NOOP("cli", "Show or set the team's working hours, holidays and time zone, "
                                  "and whether the speed-to-lead clock counts working time only."),
         commands::hours},
        {QStringLiteral("routing"),
         QStringLiteral("routing --db FILE|URL [--mode off|round-robin|weighted] [--claim-timeout "
                        "MINUTES] [--rep NAME [--available|--away] [--weight N] [--territory "
                        "FIELD=VALUES|--no-territory]]"),
         QT_TRANSLATE_NOOP("cli", "Show or set how hand-raisers are routed to reps on shift, the "
                                  "claim timeout, and each rep's weight and territory."),
         commands::routing},
    };
    return table;
}

const QString HelpOption = QStringLiteral("--help");
const QString VersionOption = QStringLiteral("--version");
// Hidden: the build writes the manual page with it.
const QString ManualPageOption = QStringLiteral("--manual-page");

bool isCommandName(const QString &word)
{
    const QList<CommandInfo> &table = commandTable();
    return std::any_of(table.begin(), table.end(),
                       [&](const CommandInfo &c) { return c.name == word; });
}

// `text` in lines of at most `width` characters, each starting with `indent`.
QString wrapped(const QString &text, const QString &indent, int width = 79)
{
    QString result;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && indent.size() + line.size() + 1 + word.size() > width) {
            result += indent + line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        result += indent + line + QLatin1Char('\n');
    return result;
}

QString optionsText(const QList<QCommandLineOption> &options)
{
    QCommandLineParser parser;
    parser.addOptions(options);
    const QString text = parser.helpText();
    return text.mid(text.indexOf(QLatin1String("Options:")));
}

QString helpText()
{
    const QString indent = QStringLiteral("      ");
    QString text =
        tr("Handoff %1: %2.\n\nUsage:\n").arg(QCoreApplication::applicationVersion(), tagline());
    text += QStringLiteral("  handoff %1\n").arg(consoleSynopsis()) +
            wrapped(consoleSummary(defaultDatabasePath()), indent);
    for (const CommandInfo &c : commandTable())
        text += QStringLiteral("  handoff %1\n").arg(c.synopsis) + wrapped(tr(c.summary), indent);
    for (const QString &synopsis : helpSynopses())
        text += QStringLiteral("  handoff %1\n").arg(synopsis);
    text += QLatin1Char('\n') + tr("The console's options:\n") +
            optionsText(consoleOptions()).section(QLatin1Char('\n'), 1);
    QStringList codes;
    for (const ExitCodeHelp &e : exitCodes())
        codes.append(QStringLiteral("%1 %2").arg(e.code).arg(e.meaning));
    text += QLatin1Char('\n') + tr("Exit codes: %1.\n").arg(codes.join(QStringLiteral(", ")));
    return text;
}

// The console is opened on a word that is no command but a file or a server.
bool namesDatabase(const QString &word)
{
    return QFileInfo::exists(word) || word.contains(QLatin1Char('/')) ||
           word.contains(QLatin1Char('.'));
}

} // namespace

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("handoff.sqlite"));
}

QString tagline()
{
    return tr("the sales-marketing lead handoff console");
}

QString consoleSynopsis()
{
    return QStringLiteral("[FILE | --db FILE] [--profile NAME] [--screenshot FILE.png]");
}

QString consoleSummary(const QString &defaultDatabase)
{
    return tr("Open the console window on FILE, a lead database file or a team server's "
              "postgresql:// address (default: %1, created with demo data when it does not "
              "exist).")
        .arg(defaultDatabase);
}

QStringList helpSynopses()
{
    return {QStringLiteral("--help | --version"), QStringLiteral("COMMAND --help")};
}

QList<QCommandLineOption> consoleOptions()
{
    return {{QStringLiteral("db"), tr("The lead database to open; created when it does not exist."),
             QStringLiteral("FILE")},
            {QStringLiteral("profile"),
             tr("Use this profile (created as a sales rep when it does not exist)."),
             QStringLiteral("NAME")},
            {QStringLiteral("screenshot"),
             tr("Save a picture of the window to FILE (PNG) once it is shown, then quit."),
             QStringLiteral("FILE")}};
}

QList<CommandHelp> commands()
{
    QList<CommandHelp> result;
    for (const CommandInfo &c : commandTable()) {
        QString discarded;
        QTextStream out(&discarded);
        QTextStream err(&discarded);
        try {
            c.run({HelpOption}, {out, err});
        } catch (const HelpRequested &help) {
            result.append({c.name, c.synopsis, tr(c.summary), help.options()});
            continue;
        }
        // A command that does something when asked for help is a bug, not a user's mistake.
        qFatal("handoff %s --help did not answer with its options", qPrintable(c.name));
    }
    return result;
}

QList<ExitCodeHelp> exitCodes()
{
    return {
        {Success, tr("success")}, {Failure, tr("failure")}, {UsageMistake, tr("usage mistake")}};
}

bool wantsCommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (first == HelpOption || first == QLatin1String("-h") || first == VersionOption ||
        first == QLatin1String("-v") || first == ManualPageOption)
        return true;
    if (first.startsWith(QLatin1Char('-')))
        return false;
    return isCommandName(first) || !namesDatabase(first);
}

bool needsWidgets(const QStringList &arguments)
{
    // The report draws its charts with QCustomPlot, which needs a QApplication.
    return arguments.value(1) == QLatin1String("report");
}

int run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString first = arguments.value(1);
    if (first == HelpOption || first == QLatin1String("-h")) {
        out << helpText();
        return Success;
    }
    if (first == VersionOption || first == QLatin1String("-v")) {
        out << "handoff " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    if (first == ManualPageOption) {
        out << manualPage();
        return Success;
    }
    for (const CommandInfo &c : commandTable()) {
        if (c.name != first)
            continue;
        try {
            return c.run(arguments.mid(2), {out, err});
        } catch (const HelpRequested &help) {
            out << "usage: handoff " << c.synopsis << "\n\n"
                << wrapped(tr(c.summary), QString()) << '\n'
                << help.options().text;
            return Success;
        } catch (const UsageError &e) {
            err << "handoff " << c.name << ": " << e.message() << '\n'
                << "usage: handoff " << c.synopsis << '\n';
            return UsageMistake;
        } catch (const Error &e) {
            err << "handoff " << c.name << ": " << e.message() << '\n';
            return Failure;
        }
    }
    err << tr("handoff: unknown command '%1'\n").arg(first) << helpText();
    return UsageMistake;
}

} // namespace cli

} // namespace handoff
