// Import benchmark: writes a leads file of N leads and an activities file of about 20 per
// lead, imports both with Handoff's importer into a new database, then has the sqlite3
// shell .import the same files into tables of the same columns with the same indexes, and
// prints both times and their ratio: wall-clock time, and CPU time (user + system), which a
// machine shared with other work disturbs less.
//   bench_import [--leads N] [--dir DIR] [--reuse-files]   (needs the sqlite3 shell on the PATH)
// --reuse-files keeps leads.csv and activities.csv already in DIR (from an earlier run with the
// same N), which saves minutes at a million leads and lets a profiler see only the imports.
// --again imports the same files a second time into the same database afterwards (which must
// change nothing) and prints how long that took.
// --dry-run checks the files instead (the import dialog's "Check the file") against a new
// database, and prints its time and the process's peak resident memory; run it on its own,
// as the peak is the whole process's.
// --postgresql imports into a database of its own on a team server instead (--server URL, an
// admin address, or else a server of the benchmark's own on loopback), and compares with
// psql's \copy of the same files into tables of the same columns and indexes there:
// wall-clock time only, as much of the work is the server's (needs psql on the PATH). It
// also prints the floor Handoff's own schema sets: psql's \copy of the activity rows alone,
// their lead ids resolved, into the activities table with its indexes and triggers. The two
// imports run in turns, --runs times (5), and the median ratio is the figure.

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>
#include <vector>

#include <sys/resource.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include "io/leadimporter.h"
#include "postgresql/ownserver.h"
#include "store/database.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double ownCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// User and system time of the child processes that have ended (the sqlite3 shell).
double childCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto toSeconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

void writeFiles(const QString &leadsPath, const QString &activitiesPath, int leads)
{
    std::mt19937 rng(42);
    QFile l(leadsPath), a(activitiesPath);
    l.open(QIODevice::WriteOnly);
    a.open(QIODevice::WriteOnly);
    l.write("Record ID,First Name,Last Name,Email,Job Title,Company Name,Number of Employees,"
            "Lifecycle Stage,Create Date\n");
    a.write("Email,Activity,Date,Content\n");
    static const char *types[] = {"Page view",  "E-mail opened",    "E-mail link clicked",
                                  "Site visit", "Webinar attended", "E-book download"};
    for (int i = 0; i < leads; ++i) {
        l.write(QStringLiteral("%1,First%1,Last%1,lead%1@co%2.example,Manager,Co %2,\"%3\",lead,"
                               "2026-0%4-1%5 10:00:00\n")
                    .arg(i + 1)
                    .arg(i % 5000)
                    .arg(QString::number(int(rng() % 9000) + 1))
                    .arg(int(rng() % 9) + 1)
                    .arg(int(rng() % 10))
                    .toUtf8());
        const int count = 10 + int(rng() % 21); // about 20 on average
        for (int k = 0; k < count; ++k) {
            a.write(QStringLiteral("lead%1@co%2.example,%3,2026-10-%4 %5:%6:%7,\n")
                        .arg(i + 1)
                        .arg(i % 5000)
                        .arg(QString::fromLatin1(types[rng() % 6]))
                        .arg(10 + int(rng() % 18))
                        .arg(10 + int(rng() % 13))
                        .arg(10 + int(rng() % 49))
                        .arg(10 + int(rng() % 49))
                        .toUtf8());
        }
    }
}

long peakResidentKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int dryRun(const QString &database, const QString &leads, const QString &activities)
{
    const long before = peakResidentKiB();
    Database db(database);
    LeadImporter importer(db, leads, activities);
    importer.open({}); // an Error ends the run with its message
    QElapsedTimer timer;
    timer.start();
    const ImportSummary s = importer.dryRun();
    std::printf("dry run: %lld new, %lld activities, %lld rejected in %.1f s; peak resident "
                "memory %.0f MiB (%.0f MiB before it)\n",
                s.created, s.activities, s.rejected, seconds(timer),
                double(peakResidentKiB()) / 1024, double(before) / 1024);
    return 0;
}

// Runs `program` with `script` on its standard input; its wall-clock seconds, or a negative
// number when it could not run or failed (said on stderr).
double secondsToRun(const QString &program, const QStringList &arguments, const QString &script)
{
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        std::fprintf(stderr, "%s is not installed\n", qPrintable(program));
        return -1;
    }
    process.write(script.toUtf8());
    process.closeWriteChannel();
    process.waitForFinished(-1);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "%s failed\n", qPrintable(program));
        return -1;
    }
    return seconds(timer);
}

// Handoff's import of the files into a new database of its own on the server: seconds. With
// `floorSeconds`, also times psql's \copy of the activity rows just imported, their lead ids
// resolved, back into Handoff's activities table (its indexes and triggers): the floor
// Handoff's own schema sets.
double handoffOnServer(const QString &serverAddress, const QString &leads,
                       const QString &activities, double *floorSeconds)
{
    ServerTestDatabase target(serverAddress);
    Database db(target.address());
    LeadImporter importer(db, leads, activities);
    importer.open({});
    QElapsedTimer timer;
    timer.start();
    const ImportSummary s =
        importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("bench"), 0);
    const double handoffSeconds = seconds(timer);
    std::printf("  handoff import: %lld leads, %lld activities, %lld rejected in %.2f s (%.0f "
                "rows/s)\n",
                s.created, s.activities, s.rejected, handoffSeconds,
                double(s.created + s.activities) / handoffSeconds);
    if (!floorSeconds)
        return handoffSeconds;
    const QString rows = QFileInfo(activities).dir().filePath(QStringLiteral("rows.tsv"));
    const QString columns = QStringLiteral("lead_id, type_id, occurred_at, asset, channel, "
                                           "import_batch_id, undated");
    const QStringList psql = {QStringLiteral("-q"), QStringLiteral("-v"),
                              QStringLiteral("ON_ERROR_STOP=1"), target.address()};
    if (secondsToRun(QStringLiteral("psql"), psql,
                     QStringLiteral("\\copy (SELECT %1 FROM activities) TO '%2'\n"
                                    "DELETE FROM activities;\n")
                         .arg(columns, rows)) >= 0)
        *floorSeconds =
            secondsToRun(QStringLiteral("psql"), psql,
                         QStringLiteral("\\copy activities (%1) FROM '%2'\n").arg(columns, rows));
    QFile::remove(rows);
    return handoffSeconds;
}

// psql's \copy of the files into plain tables of the same columns and indexes, in a new
// database of its own: seconds, or a negative number when psql failed.
double psqlOnServer(const QString &serverAddress, const QString &leads, const QString &activities)
{
    ServerTestDatabase theirs(serverAddress);
    const QString script =
        QStringLiteral("CREATE TABLE leads(record_id TEXT, first_name TEXT, last_name TEXT, "
                       "email TEXT, job_title TEXT, company TEXT, employees TEXT, stage TEXT, "
                       "created TEXT);\n"
                       "CREATE UNIQUE INDEX leads_record ON leads(record_id);\n"
                       "CREATE INDEX leads_email ON leads(email);\n"
                       "CREATE TABLE activities(email TEXT, activity TEXT, date TEXT, "
                       "content TEXT);\n"
                       "CREATE INDEX activities_lead ON activities(email, date);\n"
                       "\\copy leads FROM '%1' WITH (FORMAT csv, HEADER true)\n"
                       "\\copy activities FROM '%2' WITH (FORMAT csv, HEADER true)\n")
            .arg(leads, activities);
    const double psqlSeconds = secondsToRun(QStringLiteral("psql"),
                                            {QStringLiteral("-q"), QStringLiteral("-v"),
                                             QStringLiteral("ON_ERROR_STOP=1"), theirs.address()},
                                            script);
    if (psqlSeconds >= 0)
        std::printf("  psql \\copy of the same files into plain tables: %.2f s\n", psqlSeconds);
    return psqlSeconds;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The two imports in turns, `runs` times, so that a busy moment of a shared machine falls on
// one pair, not on one side; the medians and the median of the pairs' ratios.
int serverImport(const QString &given, const QString &leads, const QString &activities, int runs)
{
    std::optional<OwnServer> own;
    const QString serverAddress = givenOrOwnServer(given, own);
    if (serverAddress.isEmpty())
        return 1;
    double floorSeconds = -1;
    std::vector<double> handoff, theirs, ratios;
    for (int run = 1; run <= runs; ++run) {
        std::printf("run %d of %d\n", run, runs);
        handoff.push_back(
            handoffOnServer(serverAddress, leads, activities, run == 1 ? &floorSeconds : nullptr));
        theirs.push_back(psqlOnServer(serverAddress, leads, activities));
        if (theirs.back() < 0)
            return 1;
        ratios.push_back(handoff.back() / theirs.back());
    }
    std::printf("handoff import, median of %d: %.2f s\n", runs, median(handoff));
    std::printf("psql \\copy of the same files, median of %d: %.2f s\n", runs, median(theirs));
    std::printf("ratio: %.2f wall-clock, the median of the runs' ratios (%.2f to %.2f; target: "
                "at most 1.5)\n",
                median(ratios), *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()));
    if (floorSeconds > 0)
        std::printf("psql \\copy of the activity rows alone, lead ids resolved, into Handoff's "
                    "own activities table (its indexes and triggers), first run: %.2f s\n",
                    floorSeconds);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("leads"), QStringLiteral("Leads to write."), QStringLiteral("N"),
          QStringLiteral("1000000")},
         {QStringLiteral("dir"), QStringLiteral("Folder for the files."), QStringLiteral("DIR")},
         {QStringLiteral("reuse-files"),
          QStringLiteral("Use the CSV files already in DIR instead of writing them.")},
         {QStringLiteral("dry-run"),
          QStringLiteral("Only a dry run of the files: time and peak memory.")},
         {QStringLiteral("again"),
          QStringLiteral("Import the same files once more afterwards; it must change nothing.")},
         {QStringLiteral("postgresql"),
          QStringLiteral("Import onto a team server instead, beside psql's \\copy.")},
         {QStringLiteral("server"),
          QStringLiteral("With --postgresql: a server's admin address; without it, one of "
                         "the benchmark's own on loopback."),
          QStringLiteral("URL")},
         {QStringLiteral("runs"),
          QStringLiteral("With --postgresql: how many times to run both imports, in turns."),
          QStringLiteral("N"), QStringLiteral("5")}});
    parser.process(app);
    QTemporaryDir temp;
    const QString dir =
        parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    const QString leads = dir + QStringLiteral("/leads.csv");
    const QString activities = dir + QStringLiteral("/activities.csv");
    QElapsedTimer timer;
    if (parser.isSet(QStringLiteral("reuse-files")) && QFile::exists(leads) &&
        QFile::exists(activities)) {
        std::printf("using the files already in %s\n", qPrintable(dir));
    } else {
        timer.start();
        writeFiles(leads, activities, parser.value(QStringLiteral("leads")).toInt());
        std::printf("wrote the files in %.1f s\n", seconds(timer));
    }

    if (parser.isSet(QStringLiteral("postgresql")))
        return serverImport(parser.value(QStringLiteral("server")), leads, activities,
                            std::max(1, parser.value(QStringLiteral("runs")).toInt()));

    // Handoff's importer: parse, clean, match, write, in one transaction.
    const QString ours = dir + QStringLiteral("/handoff.sqlite");
    QFile::remove(ours);
    if (parser.isSet(QStringLiteral("dry-run")))
        return dryRun(ours, leads, activities);
    double handoffSeconds = 0;
    double handoffCpu = 0;
    {
        Database db(ours);
        LeadImporter importer(db, leads, activities);
        importer.open({}); // an Error ends the run with its message
        timer.start();
        const double cpuBefore = ownCpuSeconds();
        const ImportSummary s =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("bench"), 0);
        handoffSeconds = seconds(timer);
        handoffCpu = ownCpuSeconds() - cpuBefore;
        std::printf("handoff import: %lld leads, %lld activities, %lld rejected in %.1f s, "
                    "%.1f s CPU (%.0f rows/s); peak resident memory %.0f MiB\n",
                    s.created, s.activities, s.rejected, handoffSeconds, handoffCpu,
                    double(s.created + s.activities) / handoffSeconds,
                    double(peakResidentKiB()) / 1024);
        if (parser.isSet(QStringLiteral("again"))) {
            LeadImporter again(db, leads, activities);
            again.open({});
            timer.start();
            const double cpu = ownCpuSeconds();
            const ImportSummary a =
                again.run(LeadImporter::Policy::GoodRows, QStringLiteral("bench"), 0);
            std::printf("the same files again: %lld new, %lld updated, %lld unchanged, %lld "
                        "activities in %.1f s, %.1f s CPU\n",
                        a.created, a.updated, a.unchanged, a.activities, seconds(timer),
                        ownCpuSeconds() - cpu);
        }
    }

    // The sqlite3 shell's .import of the same files into tables of the same columns, with
    // the indexes our schema has on them (e-mail for leads, lead and date for activities).
    const QString theirs = dir + QStringLiteral("/shell.sqlite");
    QFile::remove(theirs);
    const QString script =
        QStringLiteral("CREATE TABLE leads(record_id, first_name, last_name, email, job_title, "
                       "company, employees, stage, created);\n"
                       "CREATE UNIQUE INDEX leads_record ON leads(record_id);\n"
                       "CREATE INDEX leads_email ON leads(email);\n"
                       "CREATE TABLE activities(email, activity, date, content);\n"
                       "CREATE INDEX activities_lead ON activities(email, date);\n"
                       ".import --csv --skip 1 %1 leads\n"
                       ".import --csv --skip 1 %2 activities\n")
            .arg(leads, activities);
    const double childCpuBefore = childCpuSeconds();
    const double shellSeconds = secondsToRun(QStringLiteral("sqlite3"), {theirs}, script);
    if (shellSeconds < 0)
        return 1;
    const double shellCpu = childCpuSeconds() - childCpuBefore;
    std::printf("sqlite3 .import of the same files: %.1f s, %.1f s CPU\n", shellSeconds, shellCpu);
    std::printf("ratio: %.2f wall-clock, %.2f CPU (target: at most 1.5)\n",
                handoffSeconds / shellSeconds, handoffCpu / shellCpu);
    return 0;
}
