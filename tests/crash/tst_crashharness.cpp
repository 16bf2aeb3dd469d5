// The crash harness: kills a writer with SIGKILL at random moments during an import, an
// undo of an import, a demo, a model going live and a run of claims, and checks after every
// kill that the file is sound, the interrupted operation is all there or not there at all,
// and the command line and the console open it (or, for a demo that never finished, that
// there is nothing to open and the command line says so). See "Crash safety" in README.md.
//
//   tst_crashharness [--kills N] [--seed S] [--operation NAME ...] [--work DIR] [--verbose]
//
// The same program is the child it kills: --child OPERATION --db FILE.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include "crashchild.h"
#include "crashrunner.h"

using namespace handoff;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.contains(QLatin1String("--child")))
        return crashchild::run(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kills writers mid-operation and checks what they leave."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("kills"), QStringLiteral("Kills per operation (default 100)."),
         QStringLiteral("N"), QStringLiteral("100")},
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S"),
         QStringLiteral("1")},
        {QStringLiteral("operation"),
         QStringLiteral("Only this operation (repeatable): import, undo-import, demo, go-live, "
                        "claim."),
         QStringLiteral("NAME")},
        {QStringLiteral("work"),
         QStringLiteral("Keep the files in DIR instead of a temporary "
                        "folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("handoff"), QStringLiteral("The handoff binary (default: the one built)."),
         QStringLiteral("FILE"), QStringLiteral(HANDOFF_BINARY)},
        {QStringLiteral("verbose"), QStringLiteral("One line per kill.")},
    });
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);

    CrashOptions options;
    bool ok = false;
    options.kills = parser.value(QStringLiteral("kills")).toInt(&ok);
    bool seedOk = false;
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!ok || options.kills < 1 || !seedOk) {
        err << "--kills needs a positive whole number and --seed a whole number\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("operation"))) {
        options.operations.clear();
        for (const QString &name : parser.values(QStringLiteral("operation"))) {
            const auto operation = operationFrom(name);
            if (!operation) {
                err << "unknown operation " << name << '\n';
                return 2;
            }
            options.operations.append(*operation);
        }
    }
    options.handoffBinary = parser.value(QStringLiteral("handoff"));
    options.verbose = parser.isSet(QStringLiteral("verbose"));

    QTemporaryDir temporary;
    const QString work = parser.isSet(QStringLiteral("work")) ? parser.value(QStringLiteral("work"))
                                                              : temporary.path();
    if (!QDir().mkpath(work)) {
        err << "cannot make " << work << '\n';
        return 2;
    }
    return CrashRunner(work, options, out).run();
}
