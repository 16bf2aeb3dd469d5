// handoff: the console window, or a command when one is named (see handoff --help).

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>

#include "app/consolelauncher.h"
#include "cli/cli.h"
#include "scoring/heappolicy.h"

using namespace handoff;

namespace {
void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("handoff"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HANDOFF_VERSION));
    // Which menu entry the windows belong to: the desktop shows that entry's name and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(HANDOFF_APP_ID));
}
} // namespace

int main(int argc, char *argv[])
{
    heappolicy::apply();      // before any thread: see scoring/heappolicy.h
    QElapsedTimer sinceStart; // what "ready within 1.5 s" is measured from
    sinceStart.start();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    describeApplication();
    if (cli::wantsCommand(arguments) && cli::needsWidgets(arguments)) {
        // Drawing only: no window opens, so no display is needed.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return cli::run(app.arguments());
    }
    if (cli::wantsCommand(arguments)) {
        QCoreApplication app(argc, argv);
        return cli::run(app.arguments());
    }
    QApplication app(argc, argv);
    return ConsoleLauncher::run(app, sinceStart);
}
