// What routing and the SLA ladder cost at a desk, which runs a pass every second on its
// window's thread: an idle pass (nothing due) with N open hand-raisers on file, the first
// pass over a team's history (every overdue one steps up the ladder at once), and a pass
// that routes a burst of 100 new hand-raisers to 10 reps on shift. Prints figures.
//
//   bench_routing [--open N]...   (default 1000, 10000, 50000)

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "queues/dispatcher.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/routingrepository.h"
#include "store/transaction.h"

using namespace handoff;

namespace {

constexpr qint64 Now = 1'790'000'000;

// `count` hand-raisers raised over the last week, oldest first; every other one claimed by
// one of the reps and contacted.
void fill(Database &db, int count, qint64 raisedFrom)
{
    Transaction transaction(db.connection());
    LeadRepository leads(db.connection());
    HandoffRepository handoffs(db.connection());
    for (int i = 0; i < count; ++i) {
        Lead lead;
        lead.email = QStringLiteral("lead%1@bench.example").arg(raisedFrom + i);
        lead.createdAt = raisedFrom;
        lead.country = i % 3 ? QStringLiteral("US") : QStringLiteral("DE");
        Handoff h;
        h.leadId = leads.insert(lead);
        h.raisedAt = raisedFrom + qint64(i) * 7 * 86400 / std::max(count, 1);
        if (i % 2) {
            h.claimedBy = QStringLiteral("rep%1").arg(i % 10);
            h.claimedAt = h.raisedAt + 60;
            h.firstContactAt = h.raisedAt + 120;
        }
        handoffs.raise(h);
    }
    transaction.commit();
}

void run(int open)
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("routing.sqlite")));
    RoutingRepository routing(db.connection());
    routing.saveSettings({RoutingSettings::Mode::Off, 0}, QStringLiteral("bench"), Now);
    for (int r = 0; r < 10; ++r)
        routing.saveRep({QStringLiteral("rep%1").arg(r), true, 0, 1 + r % 3,
                         r < 3 ? QStringLiteral("country") : QString(),
                         r < 3 ? QStringList{QStringLiteral("DE")} : QStringList()},
                        QStringLiteral("bench"), Now - 86400);
    fill(db, open, Now - 7 * 86400);

    // A console holds its open handoffs; the intake service reads them every pass.
    const QList<Handoff> held = HandoffRepository(db.connection()).open(Handoff::Trigger::Intent);
    Dispatcher desk(db, QStringLiteral("bench"));
    // The overdue history steps up the ladder a pass at a time.
    int historyPasses = 0;
    std::vector<double> history;
    for (;;) {
        qsizetype stepped = 0;
        history.push_back(bench::milliseconds([&] { stepped = desk.run(Now, held).size(); }));
        if (stepped == 0)
            break;
        ++historyPasses;
    }
    std::vector<double> idle, idleRead;
    for (int i = 0; i < 30; ++i) {
        idle.push_back(bench::milliseconds([&] { desk.run(Now + 1 + i, held); }));
        idleRead.push_back(bench::milliseconds([&] { desk.run(Now + 1 + i); }));
    }
    // Another desk opened later reads the steps recorded, a pass at a time.
    Dispatcher later(db, QStringLiteral("bench"));
    const double laterFirst = bench::milliseconds([&] { later.run(Now + 40, held); });

    // Routing on: the history's unclaimed half is routed first, then a burst of 100.
    routing.saveSettings({RoutingSettings::Mode::Weighted, 0}, QStringLiteral("bench"), Now);
    desk.run(Now + 45);
    fill(db, 100, Now + 50);
    const QList<Handoff> withBurst =
        HandoffRepository(db.connection()).open(Handoff::Trigger::Intent);
    qsizetype assigned = 0;
    const double burst =
        bench::milliseconds([&] { assigned = desk.run(Now + 50, withBurst).size(); });
    std::printf("%6d open | history: %d passes, each max %6.1f ms | idle pass p50 %5.2f ms "
                "(reading them: %5.1f ms) | a later desk's first %5.1f ms | 100 arrivals "
                "%5.1f ms (%lld assigned)\n",
                open, historyPasses, bench::percentile(history, 1.0), bench::percentile(idle, 0.5),
                bench::percentile(idleRead, 0.5), laterFirst, burst, qlonglong(assigned));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("open"), QStringLiteral("Open hand-raisers on file."),
                      QStringLiteral("N")});
    parser.addHelpOption();
    parser.process(app);
    QList<int> sizes;
    for (const QString &value : parser.values(QStringLiteral("open")))
        sizes.append(value.toInt());
    if (sizes.isEmpty())
        sizes = {1000, 10000, 50000};
    for (const int open : sizes)
        run(open);
    return 0;
}
