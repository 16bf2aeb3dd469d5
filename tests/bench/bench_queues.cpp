// Queue benchmark: a console on a database whose interest queue holds about N leads, viewed
// through the sorting proxy. Prints the time to sort the queue by score and by name, to
// filter it, and to apply a refresh in which 1,000 leads changed (new activity from another
// writer), both for the whole Console::refresh() and for the model and proxy alone.
//   bench_queues [--queue N] [--db FILE]

#include <algorithm>
#include <cstdio>
#include <random>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "queues/console.h"
#include "queues/queuesortproxy.h"
#include "store/activityrepository.h"
#include "store/leadrepository.h"
#include "store/transaction.h"

using namespace handoff;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("queue"), QStringLiteral("Leads in the interest queue (about)."),
          QStringLiteral("N"), QStringLiteral("100000")},
         {QStringLiteral("db"), QStringLiteral("Database to use; generated when missing."),
          QStringLiteral("FILE")}});
    parser.process(app);
    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : dir.filePath(QStringLiteral("queues.sqlite"));
    {
        Database db(path);
        if (LeadRepository(db.connection()).count() == 0) {
            // About two leads in three are in the interest queue.
            const int leads = parser.value(QStringLiteral("queue")).toInt() * 3 / 2;
            const double ms = bench::milliseconds([&] {
                DemoGenerator(db, {leads, 42, 0, 26}).run();
            });
            std::printf("generated %d leads in %.1f s\n", leads, ms / 1000);
        }
    }
    Console console(path);
    InterestQueueModel *interest = console.interestQueue();
    QueueSortProxy proxy(interest);
    std::printf("interest queue: %d leads\n", interest->rowCount());

    const double byScore =
        bench::milliseconds([&] { proxy.sort(InterestQueueModel::Score, Qt::DescendingOrder); });
    const double byName =
        bench::milliseconds([&] { proxy.sort(InterestQueueModel::LeadName, Qt::AscendingOrder); });
    const double byChange =
        bench::milliseconds([&] { proxy.sort(InterestQueueModel::Change, Qt::DescendingOrder); });
    proxy.sort(InterestQueueModel::Score, Qt::DescendingOrder);
    std::printf("sort: by score %.1f ms, by name %.1f ms, by 7-day change %.1f ms\n", byScore,
                byName, byChange);
    const double filter =
        bench::milliseconds([&] { proxy.setSearchText(QStringLiteral("müller")); });
    std::printf("filter on 'müller': %.1f ms (%d rows match)\n", filter, proxy.rowCount());
    proxy.setSearchText({});

    // Another writer adds one page view for each of 1,000 queued leads.
    std::mt19937 rng(7);
    std::vector<qint64> leads;
    for (int i = 0; i < 1000; ++i)
        leads.push_back(interest->leadIdAt(int(rng() % unsigned(interest->rowCount()))));
    int pageView = 0;
    {
        Database writer(path);
        for (const ActivityType &t : ActivityRepository(writer.connection()).types()) {
            if (t.code == QLatin1String("page_view"))
                pageView = t.id;
        }
        Transaction transaction(writer.connection());
        ActivityRepository activities(writer.connection());
        for (qint64 lead : leads)
            activities.insert({0, lead, pageView, console.now(), {}, {}});
        transaction.commit();
    }
    const double refresh = bench::milliseconds([&] { console.refresh(); });
    const Console::RefreshTimes times = console.lastRefreshTimes();
    std::printf("refresh with 1,000 changed leads: %.1f ms in all; reading and rescoring %.1f ms, "
                "escalating %.1f ms, queue model and sorted proxy %.1f ms\n",
                refresh, times.read, times.escalate, times.models);
    return 0;
}
