// Intake load: `handoff serve` (the real binary) on a SQLite file of demo leads, consoles
// watching the file as desks do (each a Console on a thread of its own, looking as often as
// the window does), and a client posting web-form hand-raisers at a steady rate: 500 a second
// for 10 s by default. One post in 25 is a retry of an earlier one (same Idempotency-Key),
// one in 40 has no e-mail address. Prints what was accepted, refused and recognised as a
// retry, what was lost (a request answered 201 whose lead some console never showed, or a good
// request never answered), and the time from sending a request to its hand-raiser being in
// each console's sales queue (p50, p99).
//   bench_intake [--rate PER_SECOND] [--seconds N] [--consoles N] [--look MS] [--leads N]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "queues/console.h"
#include "store/database.h"
#include "store/error.h"
#include "store/intakerepository.h"
#include "store/sqlquery.h"

using namespace handoff;
using bench::Clock;
using bench::msBetween;
using bench::percentile;

namespace {

const QString Secret = QStringLiteral("bench-intake-secret-0123456789");

// When each console first showed each lead in its sales queue.
struct Sightings
{
    std::mutex lock;
    std::vector<std::map<qint64, Clock::time_point>> byConsole;
};

class Watcher : public QObject
{
public:
    Watcher(QString path, int index, int lookMs, Sightings &sightings)
        : m_path(std::move(path))
        , m_index(index)
        , m_lookMs(lookMs)
        , m_sightings(sightings)
    {}
    void start()
    {
        m_console = new Console(m_path, Database::Open::Existing, {}, this);
        m_console->setProfile({0, QStringLiteral("rep%1").arg(m_index + 1), Profile::Role::Sales});
        connect(m_console, &Console::queuesChanged, this, &Watcher::look);
        m_console->watch(m_lookMs);
    }
    void stop()
    {
        delete m_console;
        m_console = nullptr;
    }

private:
    void look()
    {
        const auto now = Clock::now();
        std::lock_guard guard(m_sightings.lock);
        auto &seen = m_sightings.byConsole[size_t(m_index)];
        for (const Handoff &h : m_console->openHandoffs())
            seen.emplace(h.leadId, now);
    }

    QString m_path;
    int m_index;
    int m_lookMs;
    Sightings &m_sightings;
    Console *m_console = nullptr;
};

qint64 peakMemoryKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("rate"), QStringLiteral("Posts a second."), QStringLiteral("N"),
         QStringLiteral("500")},
        {QStringLiteral("seconds"), QStringLiteral("How long the client posts."),
         QStringLiteral("N"), QStringLiteral("10")},
        {QStringLiteral("consoles"), QStringLiteral("Consoles watching the file."),
         QStringLiteral("N"), QStringLiteral("2")},
        {QStringLiteral("look"),
         QStringLiteral("How often a console looks at the file, in ms (the window's setting)."),
         QStringLiteral("MS"), QStringLiteral("250")},
        {QStringLiteral("leads"), QStringLiteral("Demo leads already in the file."),
         QStringLiteral("N"), QStringLiteral("2000")},
    });
    parser.process(app);
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int consoles = parser.value(QStringLiteral("consoles")).toInt();
    const int total = int(rate * seconds);

    QTemporaryDir dir;
    qputenv("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")).toUtf8());
    const QString path = dir.filePath(QStringLiteral("intake.sqlite"));
    {
        Database db(path);
        DemoGenerator(db, {parser.value(QStringLiteral("leads")).toInt(), 42, 0, 26}).run();
        IntakeSource source;
        source.name = QStringLiteral("load");
        source.secret = Secret;
        source.perMinute = 1'000'000;
        IntakeRepository(db.connection()).save(source, QStringLiteral("bench"));
    }

    QProcess serve;
    // The service logs a line a request; the load is not about the terminal.
    serve.setStandardErrorFile(QProcess::nullDevice());
    serve.start(QStringLiteral(HANDOFF_BINARY),
                {QStringLiteral("serve"), QStringLiteral("--db"), path, QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0")});
    QByteArray banner;
    while (!banner.contains('\n') && serve.waitForReadyRead(10000))
        banner += serve.readAllStandardOutput();
    const qsizetype at = banner.indexOf("http://127.0.0.1:");
    if (at < 0) {
        std::fprintf(stderr, "handoff serve did not start: %s\n", banner.constData());
        return 1;
    }
    const int port = banner.mid(at + 17).split(' ').first().toInt();
    serve.setStandardOutputFile(QProcess::nullDevice());
    std::printf("handoff serve on port %d, %d demo leads\n", port,
                parser.value(QStringLiteral("leads")).toInt());

    Sightings sightings;
    sightings.byConsole.resize(size_t(consoles));
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<std::unique_ptr<Watcher>> watchers;
    for (int i = 0; i < consoles; ++i) {
        auto watcher = std::make_unique<Watcher>(
            path, i, parser.value(QStringLiteral("look")).toInt(), sightings);
        auto thread = std::make_unique<QThread>();
        watcher->moveToThread(thread.get());
        thread->start();
        QMetaObject::invokeMethod(
            watcher.get(), [w = watcher.get()] { w->start(); }, Qt::BlockingQueuedConnection);
        watchers.push_back(std::move(watcher));
        threads.push_back(std::move(thread));
    }

    // The client: posts on schedule, as many connections as Qt opens to one host (six).
    QNetworkAccessManager network;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/forms/load").arg(port));
    struct Sent
    {
        Clock::time_point at;
        qint64 leadId = 0;
        bool good = true;
    };
    std::vector<Sent> sent(static_cast<size_t>(total));
    std::vector<double> roundTrips;
    int accepted = 0, rejected = 0, duplicates = 0, wrongDuplicates = 0, failed = 0, answered = 0;
    std::set<qint64> acceptedLeads;
    const auto post = [&](int i) {
        const bool retry = i % 25 == 24;
        const int original = retry ? i - 12 : i;
        const bool good = i % 40 != 39;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer " + Secret.toUtf8());
        request.setRawHeader("Idempotency-Key", "load-" + QByteArray::number(original));
        const QByteArray body =
            good
                ? QStringLiteral(
                      R"({"email": "load%1@example.com", "first_name": "Load", "last_name": "%1", "company": "Bench", "request": "demo"})")
                      .arg(original)
                      .toUtf8()
                : QByteArray(R"({"first_name": "No e-mail"})");
        sent[size_t(i)] = {Clock::now(), 0, good};
        QNetworkReply *reply = network.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, i, retry, original] {
            ++answered;
            roundTrips.push_back(msBetween(sent[size_t(i)].at, Clock::now()));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const qint64 lead =
                QJsonDocument::fromJson(reply->readAll()).object().value(u"lead").toInteger();
            if (status == 201) {
                ++accepted;
                sent[size_t(i)].leadId = lead;
                acceptedLeads.insert(lead);
            } else if (status == 200 && retry) {
                ++duplicates;
                if (sent[size_t(original)].leadId != 0 && sent[size_t(original)].leadId != lead)
                    ++wrongDuplicates;
                sent[size_t(i)].leadId = lead;
            } else if (status == 422) {
                ++rejected;
            } else {
                ++failed;
            }
            reply->deleteLater();
        });
    };
    int next = 0;
    const auto clientStart = Clock::now();
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pace, &QTimer::timeout, [&] {
        const double due = msBetween(clientStart, Clock::now()) * rate / 1000.0;
        while (next < total && next <= int(due))
            post(next++);
        if (next == total)
            pace.stop();
    });
    pace.start(1);
    QElapsedTimer waited;
    waited.start();
    while ((next < total || answered < total) && waited.elapsed() < (seconds + 60) * 1000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const double clientSeconds = msBetween(clientStart, Clock::now()) / 1000;

    // Until every console has shown every accepted lead, or 30 s.
    const auto allSeen = [&] {
        std::lock_guard guard(sightings.lock);
        for (const auto &seen : sightings.byConsole) {
            for (qint64 lead : acceptedLeads) {
                if (!seen.count(lead))
                    return false;
            }
        }
        return true;
    };
    QElapsedTimer settle;
    settle.start();
    while (!allSeen() && settle.elapsed() < 30000)
        QThread::msleep(50);
    for (size_t i = 0; i < watchers.size(); ++i) {
        QMetaObject::invokeMethod(
            watchers[i].get(), [w = watchers[i].get()] { w->stop(); },
            Qt::BlockingQueuedConnection);
        threads[i]->quit();
        threads[i]->wait();
    }
    const qint64 servePeakKiB = peakMemoryKiB(serve.processId());
    serve.terminate();
    serve.waitForFinished(10000);

    // Lost: a good request never answered 201/200, or an accepted lead a console never showed.
    int lost = 0;
    std::vector<std::vector<double>> visible(static_cast<size_t>(consoles));
    for (int i = 0; i < total; ++i) {
        const Sent &s = sent[size_t(i)];
        if (!s.good)
            continue;
        if (s.leadId == 0) {
            ++lost;
            continue;
        }
        for (int c = 0; c < consoles; ++c) {
            const auto &seen = sightings.byConsole[size_t(c)];
            const auto it = seen.find(s.leadId);
            if (it == seen.end()) {
                ++lost;
                break;
            }
            if (i % 25 != 24) // a retry's lead was shown for its first request
                visible[size_t(c)].push_back(std::max(0.0, msBetween(s.at, it->second)));
        }
    }
    qint64 storedLeads = 0, storedActivities = 0;
    {
        Database db(path, Database::Open::Existing);
        storedLeads = sql::scalar(db.connection(),
                                  QStringLiteral("SELECT count(*) FROM leads WHERE email LIKE "
                                                 "'load%@example.com'"));
        storedActivities = sql::scalar(
            db.connection(), QStringLiteral("SELECT count(*) FROM activities a JOIN leads l ON "
                                            "l.id = a.lead_id WHERE l.email LIKE "
                                            "'load%@example.com'"));
    }

    std::printf("client: %d posts in %.1f s (%.0f a second asked, %.0f sent)\n", total,
                clientSeconds, rate, total / clientSeconds);
    std::printf("accepted %d, refused %d (no e-mail), retries recognised %d (%d answered with "
                "another lead), failed %d, lost %d\n",
                accepted, rejected, duplicates, wrongDuplicates, failed, lost);
    std::printf("stored: %lld leads and %lld activities for %zu accepted requests\n", storedLeads,
                storedActivities, acceptedLeads.size());
    std::printf("round trip: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", percentile(roundTrips, 0.5),
                percentile(roundTrips, 0.99), percentile(roundTrips, 1.0));
    for (int c = 0; c < consoles; ++c)
        std::printf("console %d, request to sales queue (looking every %s ms): p50 %.0f ms, p99 "
                    "%.0f ms, max %.0f ms\n",
                    c + 1, qPrintable(parser.value(QStringLiteral("look"))),
                    percentile(visible[size_t(c)], 0.5), percentile(visible[size_t(c)], 0.99),
                    percentile(visible[size_t(c)], 1.0));
    std::printf("handoff serve peak resident memory %.0f MiB\n", double(servePeakKiB) / 1024);
    return lost == 0 && wrongDuplicates == 0 && failed == 0 ? 0 : 1;
}
