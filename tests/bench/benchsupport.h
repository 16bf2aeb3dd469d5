#pragma once

// What the benchmarks share: timing a piece of work, percentiles, the median of repeated runs, the
// process's peak resident memory, and a case run alone in a process of its own.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include "demo/demogenerator.h"
#include "store/database.h"
#include "store/leadrepository.h"

namespace handoff {

namespace bench {

using Clock = std::chrono::steady_clock;

inline double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// The value at fraction `p` (0.5: the median, 1: the largest) of `values`; 0 when empty.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

template <typename Work> double milliseconds(Work work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template <typename Work> double medianMilliseconds(int runs, Work work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i)
        times.push_back(milliseconds(work));
    return median(std::move(times));
}

// Runs this benchmark again with `arguments` and waits: one case measured alone (its own
// peak memory, its own cold start), printing where this process prints.
inline void runInChild(const QStringList &arguments)
{
    std::fflush(stdout); // what this process printed comes first
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    child.waitForFinished(-1);
    std::fflush(stdout);
}

inline double peakResidentMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// The options of every benchmark on a demo database: --leads N, --db FILE, --seed S.
inline void addDemoDatabaseOptions(QCommandLineParser &parser, const QString &defaultLeads)
{
    parser.addOptions(
        {{QStringLiteral("leads"), QStringLiteral("Leads to generate."), QStringLiteral("N"),
          defaultLeads},
         {QStringLiteral("db"), QStringLiteral("Database to use; generated when missing."),
          QStringLiteral("FILE")},
         {QStringLiteral("seed"), QStringLiteral("Demo seed."), QStringLiteral("S"),
          QStringLiteral("42")}});
}

// The database those options name (one in `dir` without --db), with demo leads generated
// into it, as of `now`, when it has none.
inline QString demoDatabase(const QCommandLineParser &parser, const QTemporaryDir &dir, qint64 now)
{
    const QString path = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : dir.filePath(QStringLiteral("bench.sqlite"));
    Database db(path);
    if (LeadRepository(db.connection()).count() == 0) {
        DemoOptions options;
        options.leads = parser.value(QStringLiteral("leads")).toInt();
        options.seed = parser.value(QStringLiteral("seed")).toULongLong();
        options.now = now;
        QElapsedTimer timer;
        timer.start();
        const DemoSummary s = DemoGenerator(db, options).run();
        std::printf("generated %lld leads, %lld activities in %.1f s\n", s.leads, s.activities,
                    double(timer.elapsed()) / 1000.0);
    }
    return path;
}

} // namespace bench

} // namespace handoff
