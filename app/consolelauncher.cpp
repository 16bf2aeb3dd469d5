#include "app/consolelauncher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProgressDialog>
#include <QTextStream>
#include <QTimer>

#include "cli/cli.h"
#include "demo/demodatabase.h"
#include "queues/console.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "ui/appsettings.h"
#include "ui/consolewindows.h"
#include "ui/mainwindow.h"
#include "ui/prompter.h"

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConsoleLauncher", text);
}

// The first start on the default database: make it, with demo data, showing progress. It
// appears only once complete, so a start that is cancelled or killed meanwhile leaves no
// empty database behind, and the next start offers the demo again.
void createDemoDatabase(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QProgressDialog progress(tr("Creating the demo database…"), tr("Cancel"), 0, 100);
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setMinimumDuration(300);
    const auto created = DemoDatabase::create(path, {}, [&](qint64 done, qint64 total) {
        progress.setValue(int(done * 100 / total));
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
    });
    if (!created)
        throw Error(tr("Creating the demo database was cancelled; nothing was written. "
                       "Start Handoff again to create it, or open another database "
                       "with --db FILE."));
}

// Saves the window 1.5 s after the program started (or once it is shown, when that took
// longer), having let it lay itself out and paint: how the README's pictures are made, and
// what shows a console is ready within 1.5 s. Any error meanwhile (already on stderr) makes
// the run fail, picture or not.
int saveScreenshot(QWidget &window, const QString &path, const UnattendedPrompter &prompter,
                   const QElapsedTimer &sinceStart)
{
    constexpr qint64 TakenAt = 1500;
    const qint64 shownAt = sinceStart.elapsed();
    QTimer::singleShot(
        std::max<qint64>(0, TakenAt - shownAt), &window,
        [&window, path, &prompter, &sinceStart, shownAt] {
            const qint64 takenAt = sinceStart.elapsed();
            const bool saved = window.grab().save(path, "PNG");
            if (!saved)
                QTextStream(stderr) << "handoff: " << tr("cannot write %1").arg(path) << '\n';
            else
                QTextStream(stdout) << tr("Saved %1: the window was shown %2 ms after start, the "
                                          "picture taken after %3 ms")
                                           .arg(path)
                                           .arg(shownAt)
                                           .arg(takenAt)
                                    << '\n';
            QCoreApplication::exit(saved && !prompter.hadError() ? cli::Success : cli::Failure);
        });
    return QApplication::exec();
}

} // namespace

namespace ConsoleLauncher {

int run(QApplication &app, const QElapsedTimer &sinceStart)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("The sales-marketing lead handoff console."));
    parser.addOptions(cli::consoleOptions());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The lead database to open."));
    const bool parsed = parser.parse(app.arguments());
    const QStringList named = parser.positionalArguments();
    if (!parsed || named.size() > 1 || (!named.isEmpty() && parser.isSet(QStringLiteral("db")))) {
        QTextStream(stderr) << "handoff: "
                            << (!parsed ? parser.errorText()
                                        : tr("name one database, as FILE or as --db FILE"))
                            << "\nSee handoff --help\n";
        return cli::UsageMistake;
    }
    // A screenshot run is unattended: no dialog may wait for a person.
    const bool unattended = parser.isSet(QStringLiteral("screenshot"));
    DialogPrompter dialogs;
    UnattendedPrompter stderrOnly;
    Prompter &prompter = unattended ? static_cast<Prompter &>(stderrOnly) : dialogs;
    try {
        QString path = named.isEmpty() ? parser.value(QStringLiteral("db")) : named.first();
        // A file handed over (a double-click in the file manager) is opened, never created:
        // --db FILE and File > New database create.
        if (!named.isEmpty() && !DatabaseLocation::looksLikeServer(path) &&
            !QFileInfo::exists(path))
            throw Error(
                tr("%1: no such file (handoff --db %1 creates a new database there)").arg(path));
        if (path.isEmpty()) {
            path = cli::defaultDatabasePath();
            if (QFileInfo(path).size() == 0) // absent, or an empty file that holds nothing
                createDemoDatabase(path);
        }
        AppSettings settings;
        // The first window; File > New database and File > Open database open more.
        ConsoleWindows windows(settings, prompter);
        MainWindow &window = *windows.open(path, Database::Open::CreateIfMissing);
        Console &console = window.console();
        if (parser.isSet(QStringLiteral("profile"))) {
            const QString name = parser.value(QStringLiteral("profile"));
            const QList<Profile> profiles = console.profiles();
            const auto known = std::find_if(profiles.begin(), profiles.end(),
                                            [&](const Profile &p) { return p.name == name; });
            settings.setValue(AppSettings::Key::ProfileName,
                              known != profiles.end()
                                  ? known->name
                                  : console.addProfile(name, Profile::Role::Sales).name);
        }
        // Unattended, nobody is asked: without a named profile the queues are seen as nobody's.
        if (!window.ensureProfile() && !unattended)
            return cli::Success; // nobody chose a profile: nothing to do
        windows.start(&window);
        if (unattended)
            return saveScreenshot(window, parser.value(QStringLiteral("screenshot")), stderrOnly,
                                  sinceStart);
        return app.exec();
    } catch (const Error &e) {
        // Standard error as well, for a start from a terminal; unattended, showError is that.
        if (!unattended)
            QTextStream(stderr) << "handoff: " << e.message() << '\n';
        prompter.showError(nullptr, e.message());
        return cli::Failure;
    }
}

} // namespace ConsoleLauncher

} // namespace handoff
