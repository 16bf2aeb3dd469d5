#include "cli/cli.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

#include "cli/commands.h"
#include "store/error.h"

namespace handoff {

namespace cli {

namespace {

struct CommandInfo
{
    QString name;
    QString synopsis;
    int (*run)(const QStringList &, CommandIo);
};

const QList<CommandInfo> &commandTable()
{
    static const QList<CommandInfo> table = {
        {QStringLiteral("demo"), QStringLiteral("demo --db FILE [--leads N] [--seed S]"),
         commands::demo},
        {QStringLiteral("queue"),
         QStringLiteral("queue intent|interest --db FILE [--format table|json|csv] [--limit N]"),
         commands::queue},
        {QStringLiteral("explain"), QStringLiteral("explain --db FILE [--format text|json] LEAD"),
         commands::explain},
        {QStringLiteral("import"),
         QStringLiteral("import --db FILE LEADS.csv [--activities FILE] [--preset NAME] [--mapping "
                        "FILE.json] [--map COLUMN=FIELD ...] [--show-mapping [--format text|json]] "
                        "[--dry-run] [--all-or-nothing] [--as NAME]"),
         commands::import},
        {QStringLiteral("undo-import"), QStringLiteral("undo-import --db FILE [--as NAME] BATCH"),
         commands::undoImport},
        {QStringLiteral("model"),
         QStringLiteral(
             "model export|import --db FILE [--version N] [--as PROFILE [--role ROLE]] FILE.json"),
         commands::model},
        {QStringLiteral("backtest"),
         QStringLiteral("backtest --db FILE --model FILE.json [--window WEEKS] [--format "
                        "text|json]"),
         commands::backtest},
        {QStringLiteral("suggest"),
         QStringLiteral("suggest --db FILE [--holdout FRACTION] [--seed S] [--format text|json] "
                        "[--include-field NAME ...] [--out MODEL.json [--force]]"),
         commands::suggest},
        {QStringLiteral("report"),
         QStringLiteral("report --db FILE [--week 2026-W47] --out FILE.pdf [--page a4|letter]"),
         commands::report},
        {QStringLiteral("init"), QStringLiteral("init --db FILE"), commands::init},
        {QStringLiteral("check"), QStringLiteral("check --db FILE"), commands::check},
        {QStringLiteral("backup"), QStringLiteral("backup --db FILE --out FILE"), commands::backup},
        {QStringLiteral("migrate"),
         QStringLiteral("migrate --from FILE.sqlite --to postgresql://... [--force]"),
         commands::migrate},
        {QStringLiteral("team"), QStringLiteral("team --db URL [--add USER --role ROLE]"),
         commands::team},
    };
    return table;
}

QString helpText()
{
    QString text =
        QCoreApplication::translate(
            "cli", "Handoff %1: the sales-marketing lead handoff console.\n\n"
                   "Usage:\n"
                   "  handoff [--db FILE]   open the console on FILE (default: %2,\n"
                   "                        created with demo data when it does not exist)\n")
            .arg(QCoreApplication::applicationVersion(), defaultDatabasePath());
    for (const CommandInfo &c : commandTable())
        text += QStringLiteral("  handoff %1\n").arg(c.synopsis);
    text +=
        QCoreApplication::translate("cli", "  handoff --help | --version\n\n"
                                           "Exit codes: 0 success, 1 failure, 2 usage mistake.\n");
    return text;
}

} // namespace

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("handoff.sqlite"));
}

bool wantsCommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("--version") || first == QLatin1String("-v"))
        return true;
    return !first.startsWith(QLatin1Char('-'));
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
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        out << helpText();
        return Success;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << "handoff " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    for (const CommandInfo &c : commandTable()) {
        if (c.name != first)
            continue;
        try {
            return c.run(arguments.mid(2), {out, err});
        } catch (const HelpRequested &help) {
            out << "usage: handoff " << c.synopsis << "\n\n" << help.options();
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
    err << QCoreApplication::translate("cli", "handoff: unknown command '%1'\n").arg(first)
        << helpText();
    return UsageMistake;
}

} // namespace cli

} // namespace handoff
