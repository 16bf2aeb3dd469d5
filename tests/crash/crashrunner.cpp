#include "crashrunner.h"

#include <algorithm>
#include <csignal>
#include <functional>
#include <thread>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include "crashchecker.h"
#include "crashchild.h"
#include "demo/demodatabase.h"
#include "queues/console.h"
#include "store/error.h"

namespace handoff {

struct CrashRunner::ChildRun
{
    bool ready = false;
    bool committed = false;
    bool done = false;
    bool killed = false;
    int exitCode = -1;
    qint64 commitMicros = 0; // from "ready" to "committed", as the child measured it
    qint64 closeMicros = 0;  // from "ready" to the database closed
    QString err;
};

struct CrashRunner::Check
{
    bool exists = false;
    QStringList damage;   // the file: integrity, foreign keys, handoffs without a lead
    QStringList refusals; // the command line or the console would not open it
    CrashChecker::Verdict verdict;
    int cliExit = -1;
    QString cliErr;
    bool refused = false; // there is nothing to work in, and the command line said why
};

namespace {

void removeWithCompanions(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

} // namespace

CrashRunner::CrashRunner(const QString &workDirectory, CrashOptions options, QTextStream &out)
    : m_dir(workDirectory)
    , m_options(std::move(options))
    , m_out(out)
    , m_rng(m_options.seed)
{}

QString CrashRunner::runFile(const Scenario &scenario) const
{
    return m_dir.filePath(QStringLiteral("run-%1.sqlite").arg(operationName(scenario.operation)));
}

void CrashRunner::resetRunFile(const Scenario &scenario, bool clearLeftovers)
{
    const QString path = runFile(scenario);
    removeWithCompanions(path);
    if (scenario.base.isEmpty()) {
        // A demo's target starts absent; what a killed demo left beside it stays, because
        // the next demo has to cope with it.
        if (clearLeftovers)
            removeWithCompanions(DemoDatabase::partialPath(path));
        return;
    }
    if (!QFile::copy(scenario.base, path))
        throw Error(QStringLiteral("cannot copy %1 to %2").arg(scenario.base, path));
}

CrashRunner::ChildRun CrashRunner::runChild(const Scenario &scenario,
                                            std::optional<qint64> killAfterMicros)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments(QStringList{QStringLiteral("--child"), operationName(scenario.operation),
                                   QStringLiteral("--db"), runFile(scenario)} +
                       scenario.childArguments);
    child.start();
    ChildRun r;
    if (!child.waitForStarted(30'000))
        throw Error(QStringLiteral("the child does not start: %1").arg(child.errorString()));
    QByteArray out;
    while (!out.contains("ready\n") && child.waitForReadyRead(60'000))
        out += child.readAllStandardOutput();
    r.ready = out.contains("ready\n");
    if (r.ready && killAfterMicros) {
        std::this_thread::sleep_for(std::chrono::microseconds(*killAfterMicros));
        // A pid of 0 would signal our own process group: only a running child is killed.
        const qint64 pid = child.processId();
        if (child.state() == QProcess::Running && pid > 0)
            ::kill(pid_t(pid), SIGKILL);
    }
    if (!child.waitForFinished(300'000)) {
        child.kill();
        child.waitForFinished();
    }
    out += child.readAllStandardOutput();
    const qsizetype done = out.indexOf("done ");
    r.done = done >= 0;
    r.committed = out.contains("committed\n");
    if (r.done) {
        const QList<QByteArray> spans = out.mid(done + 5).trimmed().split(' ');
        r.commitMicros = spans.value(0).toLongLong();
        r.closeMicros = spans.value(1).toLongLong();
    }
    r.killed = child.exitStatus() == QProcess::CrashExit;
    r.exitCode = child.exitCode();
    r.err = QString::fromUtf8(child.readAllStandardError()).trimmed();
    return r;
}

CrashRunner::Check CrashRunner::check(const Scenario &scenario, int firstOpener)
{
    const QString path = runFile(scenario);
    Check c;
    const auto handoff = [&](const QStringList &arguments) {
        QProcess process;
        process.start(m_options.handoffBinary, arguments);
        process.waitForFinished(120'000);
        return std::pair{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                         QString::fromUtf8(process.readAllStandardError()).trimmed()};
    };
    const auto queue = [&] {
        std::tie(c.cliExit, c.cliErr) =
            handoff({QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"),
                     path, QStringLiteral("--limit"), QStringLiteral("5")});
    };
    c.exists = QFileInfo::exists(path);
    if (!c.exists) {
        // Nothing to open; the command line has to say so rather than make an empty one.
        queue();
        c.verdict = {CrashChecker::State::NotThere, QStringLiteral("no file")};
        c.refused = c.cliExit == 1 && c.cliErr.contains(QLatin1String("no such database"));
        return c;
    }
    // A new database killed before its schema was in holds nothing: a command may complete
    // it, or refuse it saying that a run was interrupted.
    const auto accept = [&](const QString &command, int exit, const QString &err) {
        const bool explained = scenario.operation == Operation::Create && exit == 1 &&
                               err.contains(QLatin1String("interrupted"));
        if (exit != 0 && !explained)
            c.refusals << QStringLiteral("%1 exits %2: %3").arg(command).arg(exit).arg(err);
        return explained;
    };
    const auto checkCommand = [&] {
        const auto [exit, err] = handoff({QStringLiteral("check"), QStringLiteral("--db"), path});
        accept(QStringLiteral("handoff check"), exit, err);
    };
    const auto checker = [&] {
        try {
            const CrashChecker checker(path);
            c.damage << checker.damage();
            c.verdict = checker.verdict(scenario.operation, scenario.expect);
        } catch (const Error &e) {
            c.damage << e.message();
        }
    };
    const auto console = [&] {
        try {
            const Console console(path);
        } catch (const Error &e) {
            c.refusals << QStringLiteral("the console refuses it: %1").arg(e.message());
        }
    };
    // Whoever opens the file first after the kill meets it as the kill left it (a hot
    // journal, a WAL to recover): each gets to be first. The console, which completes a
    // new database, comes last otherwise, so the others see what the kill left.
    const std::function<void()> openers[] = {queue, checkCommand, checker, console};
    const int first = firstOpener % int(std::size(openers));
    openers[first]();
    for (int i = 0; i < int(std::size(openers)); ++i) {
        if (i != first)
            openers[i]();
    }
    c.refused = accept(QStringLiteral("handoff queue intent"), c.cliExit, c.cliErr);
    return c;
}

void CrashRunner::fail(const Scenario &scenario, const QString &what)
{
    ++m_failures;
    m_out << "FAIL " << operationName(scenario.operation) << ": " << what << '\n' << Qt::flush;
}

bool CrashRunner::selfTest(const Scenario &scenario)
{
    // The full run must read as whole, and the same file broken on purpose as partial: a
    // checker that cannot tell them apart would pass anything.
    const Check whole = check(scenario, 2);
    if (!whole.damage.isEmpty() || !whole.refusals.isEmpty() ||
        whole.verdict.state != CrashChecker::State::AllThere) {
        fail(scenario, QStringLiteral("a full run does not check out as whole: %1 %2")
                           .arg((whole.damage + whole.refusals).join(QStringLiteral("; ")),
                                whole.verdict.detail));
        return false;
    }
    CrashChecker::breakOnPurpose(runFile(scenario), scenario.operation);
    const CrashChecker checker(runFile(scenario));
    if (checker.verdict(scenario.operation, scenario.expect).state !=
        CrashChecker::State::Partial) {
        fail(scenario, QStringLiteral("the checker does not notice a half-done operation"));
        return false;
    }
    if (scenario.operation == Operation::Create)
        return true; // a new database has no handoffs to orphan
    CrashChecker::orphanAHandoff(runFile(scenario));
    if (CrashChecker(runFile(scenario)).damage().size() < 2) {
        fail(scenario, QStringLiteral("the checker does not notice a handoff without its lead"));
        return false;
    }
    return true;
}

CrashRunner::Tally CrashRunner::runOperation(const Scenario &scenario)
{
    Tally t;
    // The median of three full runs: one run alone may meet a busy machine.
    std::vector<qint64> commits, closes;
    for (int i = 0; i < 3; ++i) {
        resetRunFile(scenario, true);
        const ChildRun full = runChild(scenario, std::nullopt);
        if (!full.done || full.exitCode != 0) {
            fail(scenario, QStringLiteral("a run without a kill fails: %1").arg(full.err));
            return t;
        }
        commits.push_back(full.commitMicros);
        closes.push_back(std::max(full.closeMicros, full.commitMicros));
    }
    std::sort(commits.begin(), commits.end());
    std::sort(closes.begin(), closes.end());
    t.commitMicros = commits[1];
    t.closeMicros = closes[1];
    if (!selfTest(scenario)) // on the last full run's file
        return t;

    for (int i = 0; i < m_options.kills; ++i) {
        resetRunFile(scenario, false);
        // The end of an operation (its commit, a demo's rename) and the close after it get a
        // quarter of the kills of their own, with a tenth of the run's time either side, as
        // runs under load take longer than the one that was timed.
        const bool nearTheEnd = std::bernoulli_distribution(0.25)(m_rng);
        const qint64 margin = t.commitMicros / 10;
        const qint64 delay = std::uniform_int_distribution<qint64>(
            nearTheEnd ? t.commitMicros - margin : 0,
            nearTheEnd ? t.closeMicros + margin : t.commitMicros)(m_rng);
        const int firstOpener = std::uniform_int_distribution<int>(0, 3)(m_rng);
        const ChildRun r = runChild(scenario, delay);
        ++t.runs;
        if (!r.killed && r.exitCode != 0) {
            fail(scenario,
                 QStringLiteral("run %1: the child failed on its own: %2").arg(i + 1).arg(r.err));
            continue;
        }
        if (r.ready && !r.committed && r.killed)
            ++t.midOperation;
        else if (r.committed && !r.done && r.killed)
            ++t.inClose;
        const Check c = check(scenario, firstOpener);
        const QString where = QStringLiteral("run %1 (killed after %2 us of %3)")
                                  .arg(i + 1)
                                  .arg(delay)
                                  .arg(t.closeMicros);
        if (!c.refusals.isEmpty()) {
            ++t.unopenable;
            fail(scenario,
                 QStringLiteral("%1: %2").arg(where, c.refusals.join(QStringLiteral("; "))));
        }
        if (!c.damage.isEmpty()) {
            ++t.corrupt;
            fail(scenario,
                 QStringLiteral("%1: %2").arg(where, c.damage.join(QStringLiteral("; "))));
        }
        switch (c.verdict.state) {
        case CrashChecker::State::NotThere:
            ++t.notThere;
            break;
        case CrashChecker::State::AllThere:
            ++t.allThere;
            break;
        case CrashChecker::State::Partial:
            ++t.partial;
            fail(scenario, QStringLiteral("%1: partial: %2").arg(where, c.verdict.detail));
            break;
        }
        if (c.refused)
            ++t.refused;
        else if (!c.exists)
            fail(scenario, QStringLiteral("%1: no database, yet the command line exits %2: %3")
                               .arg(where)
                               .arg(c.cliExit)
                               .arg(c.cliErr));
        if (m_options.verbose)
            m_out << operationName(scenario.operation) << ' ' << where << ": "
                  << (r.done        ? "finished"
                      : r.committed ? "while closing"
                      : r.ready     ? "mid-operation"
                                    : "before start")
                  << ", " << c.verdict.detail << '\n'
                  << Qt::flush;
    }

    if (scenario.operation == Operation::Demo) {
        // Whatever the killed demos left beside the target, the next one completes and
        // leaves nothing behind.
        resetRunFile(scenario, false);
        const ChildRun last = runChild(scenario, std::nullopt);
        const Check c = check(scenario, 2);
        if (!last.done || c.verdict.state != CrashChecker::State::AllThere ||
            QFileInfo::exists(DemoDatabase::partialPath(runFile(scenario))))
            fail(scenario, QStringLiteral("a demo after the killed ones does not complete "
                                          "cleanly: %1 %2")
                               .arg(last.err, c.verdict.detail));
    }
    return t;
}

int CrashRunner::run()
{
    QElapsedTimer clock;
    clock.start();
    CrashFixture fixture(m_dir.path(), m_options.sizes);
    QList<std::pair<Operation, Tally>> tallies;
    for (const Operation operation : std::as_const(m_options.operations)) {
        try {
            tallies.append({operation, runOperation(fixture.scenario(operation))});
        } catch (const Error &e) {
            ++m_failures;
            m_out << "FAIL " << operationName(operation) << ": " << e.message() << '\n';
        }
    }

    const QStringList heads = {
        QStringLiteral("operation"), QStringLiteral("op ms"),      QStringLiteral("close ms"),
        QStringLiteral("runs"),      QStringLiteral("mid-op"),     QStringLiteral("in close"),
        QStringLiteral("not there"), QStringLiteral("all there"),  QStringLiteral("partial"),
        QStringLiteral("corrupt"),   QStringLiteral("won't open"), QStringLiteral("refused ok")};
    const auto line = [&](const QStringList &cells) {
        m_out << cells.first().leftJustified(12);
        for (qsizetype i = 1; i < cells.size(); ++i)
            m_out << cells[i].rightJustified(heads[i].size() + 2);
        m_out << '\n';
    };
    m_out << '\n';
    line(heads);
    const auto ms = [](qint64 micros) { return QString::number(double(micros) / 1000.0, 'f', 1); };
    for (const auto &[operation, t] : std::as_const(tallies)) {
        line({operationName(operation), ms(t.commitMicros), ms(t.closeMicros),
              QString::number(t.runs), QString::number(t.midOperation), QString::number(t.inClose),
              QString::number(t.notThere), QString::number(t.allThere), QString::number(t.partial),
              QString::number(t.corrupt), QString::number(t.unopenable),
              operation == Operation::Demo || operation == Operation::Create
                  ? QString::number(t.refused)
                  : QStringLiteral("-")});
    }
    m_out << QStringLiteral("seed %1, %2 kills per operation, %3 s, %4 failures\n")
                 .arg(m_options.seed)
                 .arg(m_options.kills)
                 .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1)
                 .arg(m_failures)
          << Qt::flush;
    return m_failures == 0 ? 0 : 1;
}

} // namespace handoff
