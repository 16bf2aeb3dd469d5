// Team server load: N consoles (50 by default), each on a thread of its own with its own
// connection, listening for the server's pushes and claiming hand-raisers as they arrive,
// while a writer adds 1,000 hand-raisers (a lead and its demo request, one transaction each)
// at a steady rate. The consoles are real Console objects: they hand each hand-raiser to
// sales themselves, racing one another, as desks do. Prints double claims and hand-raisers
// never claimed (both must be 0), the push latency from the writer's commit to the
// hand-raiser being in every console's sales queue (p50, p99, max), and the claim latency.
// On a server two desks at a time hand hand-raisers over (Console::standsBy()): their own
// latency is printed apart, since every other desk's waits for them.
//   bench_serverload [--consoles N] [--hand-raisers N] [--rate PER_SECOND] [--server URL]
// Without --server it starts a PostgreSQL server of its own on loopback (pgserver.sh).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "postgresql/ownserver.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "store/activityrepository.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;
using bench::Clock;
using bench::msBetween;
using bench::percentile;

namespace {

constexpr int WarmingUp = 50; // the writer's first hand-raisers, a push latency apart

// What the writer and every desk report, under one lock.
struct Tally
{
    std::mutex lock;
    std::map<qint64, Clock::time_point> raisedAt; // bench lead -> just before its commit
    std::vector<double> pushMs;                   // one per (lead, desk) seen
    // The same after the writer's first hand-raisers (WarmingUp), when every desk's server
    // session runs the statements of a push and a claim for the first time (preparing them,
    // compiling the change triggers): how a floor open for a while sees a hand-raiser.
    std::vector<double> laterPushMs;
    std::atomic<qint64> firstLaterLead{std::numeric_limits<qint64>::max()};
    std::map<qint64, std::pair<double, double>> firstAndLast; // lead -> its first, last sighting
    std::vector<double> handOverMs; // sightings at the desks leading the handing over
    std::vector<double> claimMs;    // one per claim attempt
    std::map<qint64, int> wins;     // handoff -> desks told they won it
    int lost = 0;                   // claims another desk had won
    int errors = 0;
    std::vector<QString> errorTexts;

    std::optional<Clock::time_point> raised(qint64 leadId)
    {
        std::lock_guard guard(lock);
        const auto it = raisedAt.find(leadId);
        return it == raisedAt.end() ? std::nullopt : std::optional(it->second);
    }
    void error(const QString &text)
    {
        std::lock_guard guard(lock);
        if (++errors <= 5)
            errorTexts.push_back(text);
    }
};

// One rep's console: sees hand-raisers as the server pushes them and claims the oldest
// unclaimed one it sees, one claim per look, as a rep would.
class Desk : public QObject
{
public:
    Desk(QString address, QString rep, Tally &tally)
        : m_address(std::move(address))
        , m_rep(std::move(rep))
        , m_tally(tally)
    {}

    int seen() const { return m_seenCount.load(); }

    void start() // on the desk's thread
    {
        try {
            m_console = new Console(m_address, Database::Open::Existing, {}, this);
            m_console->setProfile({0, m_rep, Profile::Role::Sales});
            m_console->watch(0); // pushes only
            connect(m_console, &Console::queuesChanged, this, &Desk::look);
            connect(m_console, &Console::failed, this,
                    [this](const QString &message) { m_tally.error(message); });
            look();
        } catch (const Error &e) {
            m_tally.error(e.message());
        }
    }

    void stop() // on the desk's thread
    {
        delete m_console;
        m_console = nullptr;
    }

private:
    void look()
    {
        const auto now = Clock::now();
        std::optional<Handoff> toClaim;
        for (const Handoff &h : m_console->openHandoffs()) {
            if (m_others.contains(h.leadId))
                continue;
            if (!m_seen.contains(h.leadId)) {
                // Seen once the rep's sales queue shows it (its lead read too), not before.
                if (!m_console->salesQueue()->rowOfLead(h.leadId))
                    continue;
                // The writer notes a lead before committing it: one it has not noted when
                // a desk sees its handoff is the demo's, now and later. Asked once a lead,
                // so the bookkeeping of 50 desks does not queue on the tally's lock.
                const auto raised = m_tally.raised(h.leadId);
                if (!raised) {
                    m_others.insert(h.leadId);
                    continue;
                }
                m_seen.insert(h.leadId);
                ++m_seenCount;
                std::lock_guard guard(m_tally.lock);
                const double ms = msBetween(*raised, now);
                m_tally.pushMs.push_back(ms);
                if (h.leadId >= m_tally.firstLaterLead)
                    m_tally.laterPushMs.push_back(ms);
                if (!m_console->standsBy())
                    m_tally.handOverMs.push_back(ms);
                auto [it, added] = m_tally.firstAndLast.try_emplace(h.leadId, ms, ms);
                if (!added) {
                    it->second.first = std::min(it->second.first, ms);
                    it->second.second = std::max(it->second.second, ms);
                }
            }
            if (h.claimedBy.isEmpty() && !m_tried.contains(h.id) &&
                (!toClaim || h.raisedAt < toClaim->raisedAt))
                toClaim = h;
        }
        if (toClaim)
            claim(*toClaim);
    }

    void claim(const Handoff &h)
    {
        m_tried.insert(h.id); // told it lost, a rep does not try the same one again
        const auto start = Clock::now();
        try {
            const auto result = m_console->actions().claim(h.id, m_console->now());
            const double ms = msBetween(start, Clock::now());
            std::lock_guard guard(m_tally.lock);
            m_tally.claimMs.push_back(ms);
            if (result.won)
                ++m_tally.wins[h.id];
            else
                ++m_tally.lost;
        } catch (const Error &e) {
            m_tally.error(e.message());
        }
        // The claim as stored (ours, or the desk's that won), one row: a desk that lost does
        // not try the same one again before the winner's push arrives.
        QTimer::singleShot(0, m_console, [this, id = h.id] {
            try {
                m_console->showHandoffNow(id);
            } catch (const Error &e) {
                m_tally.error(e.message());
            }
        });
    }

    QString m_address;
    QString m_rep;
    Tally &m_tally;
    Console *m_console = nullptr;
    std::unordered_set<qint64> m_seen;   // the writer's leads this desk has seen
    std::unordered_set<qint64> m_others; // the demo's leads
    std::unordered_set<qint64> m_tried;
    std::atomic<int> m_seenCount{0};
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("consoles"), QStringLiteral("Consoles, each on its own thread."),
          QStringLiteral("N"), QStringLiteral("50")},
         {QStringLiteral("hand-raisers"), QStringLiteral("Hand-raisers the writer adds."),
          QStringLiteral("N"), QStringLiteral("1000")},
         {QStringLiteral("rate"), QStringLiteral("Hand-raisers per second."),
          QStringLiteral("PER_SECOND"), QStringLiteral("20")},
         {QStringLiteral("leads"), QStringLiteral("Demo leads already in the database."),
          QStringLiteral("N"), QStringLiteral("2000")},
         {QStringLiteral("server"),
          QStringLiteral("A server's admin address (postgresql://user@host:port/postgres); "
                         "without it, one of the benchmark's own on loopback."),
          QStringLiteral("URL")}});
    parser.process(app);
    const int consoles = parser.value(QStringLiteral("consoles")).toInt();
    const int handRaisers = parser.value(QStringLiteral("hand-raisers")).toInt();
    const double rate = parser.value(QStringLiteral("rate")).toDouble();

    QTemporaryDir cache; // the consoles' saved start states, not the user's
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    std::optional<OwnServer> ownServer;
    const QString serverAddress =
        givenOrOwnServer(parser.value(QStringLiteral("server")), ownServer);
    if (serverAddress.isEmpty())
        return 1;
    ServerTestDatabase team(serverAddress);
    const QString address = team.address();
    int demoType = 0;
    {
        Database db(address);
        DemoGenerator(db, {parser.value(QStringLiteral("leads")).toInt(), 42, 0, 26}).run();
        demoType = activityTypeId(db, QStringLiteral("demo_request"));
    }

    Tally tally;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<std::unique_ptr<Desk>> desks;
    const double startMs = bench::milliseconds([&] {
        for (int i = 0; i < consoles; ++i) {
            auto desk = std::make_unique<Desk>(address, QStringLiteral("rep%1").arg(i + 1), tally);
            auto thread = std::make_unique<QThread>();
            desk->moveToThread(thread.get());
            thread->start();
            QMetaObject::invokeMethod(
                desk.get(), [d = desk.get()] { d->start(); }, Qt::BlockingQueuedConnection);
            desks.push_back(std::move(desk));
            threads.push_back(std::move(thread));
        }
    });
    std::printf("%d consoles on %s open in %.1f s (%d demo leads)\n", consoles, qPrintable(address),
                startMs / 1000, parser.value(QStringLiteral("leads")).toInt());

    // The writer: one hand-raiser per transaction, at the rate asked.
    const auto writerStart = Clock::now();
    {
        Database writer(address, Database::Open::Existing);
        for (int i = 0; i < handRaisers; ++i) {
            std::this_thread::sleep_until(writerStart +
                                          std::chrono::microseconds(qint64(1e6 * i / rate)));
            Transaction transaction(writer.connection());
            const qint64 id = LeadRepository(writer.connection())
                                  .insert(makeLead(QStringLiteral("load%1@x.example").arg(i)));
            const qint64 at = QDateTime::currentSecsSinceEpoch();
            ActivityRepository(writer.connection()).insert({0, id, demoType, at, {}, {}});
            {
                std::lock_guard guard(tally.lock);
                tally.raisedAt[id] = Clock::now();
            }
            if (i == WarmingUp)
                tally.firstLaterLead = id;
            transaction.commit();
        }
    }
    const double writeSeconds = msBetween(writerStart, Clock::now()) / 1000;
    std::printf("writer: %d hand-raisers in %.1f s\n", handRaisers, writeSeconds);

    // Until every desk has seen every hand-raiser and each is claimed, or a minute passes.
    const auto settled = [&] {
        for (const auto &desk : desks) {
            if (desk->seen() < handRaisers)
                return false;
        }
        std::lock_guard guard(tally.lock);
        return int(tally.wins.size()) >= handRaisers;
    };
    const auto waitStart = Clock::now();
    while (!settled() && msBetween(waitStart, Clock::now()) < 60000)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::printf("settled %.1f s after the last write\n", msBetween(waitStart, Clock::now()) / 1000);
    for (size_t i = 0; i < desks.size(); ++i) {
        QMetaObject::invokeMethod(
            desks[i].get(), [d = desks[i].get()] { d->stop(); }, Qt::BlockingQueuedConnection);
        threads[i]->quit();
        threads[i]->wait();
    }

    // What the server holds: one handoff for each hand-raiser, claimed once.
    int withoutHandoff = 0, severalHandoffs = 0, unclaimed = 0;
    {
        Database check(address, Database::Open::Existing);
        std::map<qint64, int> handoffsPerLead;
        for (const Handoff &h : HandoffRepository(check.connection()).openAll()) {
            if (tally.raisedAt.count(h.leadId)) {
                ++handoffsPerLead[h.leadId];
                if (h.claimedBy.isEmpty())
                    ++unclaimed;
            }
        }
        for (const auto &[lead, at] : tally.raisedAt) {
            const auto it = handoffsPerLead.find(lead);
            if (it == handoffsPerLead.end())
                ++withoutHandoff;
            else if (it->second > 1)
                ++severalHandoffs;
        }
    }
    int doubleClaims = 0;
    for (const auto &[handoff, wins] : tally.wins)
        doubleClaims += wins > 1 ? 1 : 0;
    const qint64 expectedSightings = qint64(handRaisers) * consoles;

    std::printf("double claims: %d (handoffs more than one desk was told it won)\n", doubleClaims);
    std::printf("never claimed: %d (and %d hand-raisers never handed to sales, %d handed twice)\n",
                unclaimed, withoutHandoff, severalHandoffs);
    std::printf("claims: %zu won, %d lost to another desk, %d errors\n", tally.wins.size(),
                tally.lost, tally.errors);
    for (const QString &text : tally.errorTexts)
        std::printf("  error: %s\n", qPrintable(text));
    std::printf("push, commit to the sales queue of every console: %zu of %lld sightings, "
                "p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
                tally.pushMs.size(), expectedSightings, percentile(tally.pushMs, 0.5),
                percentile(tally.pushMs, 0.99), percentile(tally.pushMs, 1.0));
    std::printf("  after the first %d hand-raisers (every desk's first pushes and claims): "
                "%zu sightings, p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
                WarmingUp, tally.laterPushMs.size(), percentile(tally.laterPushMs, 0.5),
                percentile(tally.laterPushMs, 0.99), percentile(tally.laterPushMs, 1.0));
    // Where the time goes: a desk handing the hand-raiser over (the first desk to show it has
    // it once its own handing over commits), then the push of that to every other desk.
    std::vector<double> firstMs, spreadMs;
    for (const auto &[lead, times] : tally.firstAndLast) {
        firstMs.push_back(times.first);
        spreadMs.push_back(times.second - times.first);
    }
    std::printf("  of which: commit to the first console, p50 %.0f ms, p99 %.0f ms; first to last "
                "console, p50 %.0f ms, p99 %.0f ms\n",
                percentile(firstMs, 0.5), percentile(firstMs, 0.99), percentile(spreadMs, 0.5),
                percentile(spreadMs, 0.99));
    std::printf("  at the two desks that hand over (the others stand by): p50 %.0f ms, "
                "p99 %.0f ms\n",
                percentile(tally.handOverMs, 0.5), percentile(tally.handOverMs, 0.99));
    std::printf("claim (one transaction): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                percentile(tally.claimMs, 0.5), percentile(tally.claimMs, 0.99),
                percentile(tally.claimMs, 1.0));
    std::printf("peak resident memory %.0f MiB\n", bench::peakResidentMiB());
    return doubleClaims == 0 && unclaimed == 0 && withoutHandoff == 0 && severalHandoffs == 0 ? 0
                                                                                              : 1;
}
