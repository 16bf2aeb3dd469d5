// The helper every window runs its off-thread work with: whatever the work throws becomes a
// message delivered on the GUI thread (the process goes on), cancel stops the work and
// delivers nothing, progress arrives on the GUI thread, and a context destroyed before the
// work returns gets no callback.

#include <atomic>
#include <new>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "queues/backgroundtask.h"
#include "store/error.h"

using namespace handoff;

class TestBackgroundTask : public QObject
{
    Q_OBJECT

private slots:
    void deliversTheResultOnTheGuiThread();
    void badAllocBecomesAMessage();
    void storeErrorKeepsItsWords();
    void cancelStopsTheWork();
    void reportsProgressOnTheGuiThread();
    void destroyedContextGetsNoCallback();
};

void TestBackgroundTask::deliversTheResultOnTheGuiThread()
{
    QObject context;
    std::optional<int> value;
    QThread *workThread = nullptr;
    QThread *doneThread = nullptr;
    background::Task task = background::run(
        &context,
        [&workThread] {
            workThread = QThread::currentThread();
            return 42;
        },
        [&](const background::Outcome<int> &outcome) {
            doneThread = QThread::currentThread();
            value = outcome.value;
        });
    QTRY_VERIFY(value.has_value());
    QCOMPARE(*value, 42);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(!task.isRunning());
}

void TestBackgroundTask::badAllocBecomesAMessage()
{
    QObject context;
    std::optional<background::Outcome<int>> got;
    QThread *doneThread = nullptr;
    background::Task task = background::run(
        &context, []() -> int { throw std::bad_alloc(); },
        [&](const background::Outcome<int> &outcome) {
            doneThread = QThread::currentThread();
            got = outcome;
        });
    QTRY_VERIFY(got.has_value());
    QVERIFY(!got->value);
    QVERIFY(got->error.contains(QStringLiteral("memory")));
    QCOMPARE(doneThread, QThread::currentThread());
    // Still here: the process survived the work's bad_alloc.
}

void TestBackgroundTask::storeErrorKeepsItsWords()
{
    QObject context;
    QString error;
    background::Task task = background::run(
        &context, []() -> int { throw Error(QStringLiteral("The file is locked")); },
        [&](const background::Outcome<int> &outcome) { error = outcome.error; });
    QTRY_COMPARE(error, QStringLiteral("The file is locked"));
}

void TestBackgroundTask::cancelStopsTheWork()
{
    QObject context;
    std::atomic<bool> started{false};
    std::atomic<bool> stopped{false};
    bool delivered = false;
    background::Task task = background::run(
        &context,
        [&](const background::Control &control) {
            started = true;
            while (!control.cancelled())
                QThread::msleep(1);
            stopped = true;
            return 0;
        },
        [&](const background::Outcome<int> &) { delivered = true; });
    QTRY_VERIFY(started.load());
    task.cancel();
    task.wait();
    QVERIFY(stopped.load());
    QTest::qWait(50); // the finished event passes without a delivery
    QVERIFY(!delivered);
    QVERIFY(!task.isRunning());
}

void TestBackgroundTask::reportsProgressOnTheGuiThread()
{
    QObject context;
    int last = -1;
    bool guiThread = true;
    bool done = false;
    background::Options options;
    options.progress = [&](int percent) {
        guiThread = guiThread && QThread::currentThread() == context.thread();
        last = percent;
    };
    background::Task task = background::run(
        &context,
        [](const background::Control &control) {
            for (int p = 0; p <= 100; p += 10) {
                control.progress(p);
                QThread::msleep(5);
            }
            return true;
        },
        [&](const background::Outcome<bool> &) { done = true; }, options);
    QTRY_VERIFY(done);
    QVERIFY(last > 0);
    QVERIFY(guiThread);
}

void TestBackgroundTask::destroyedContextGetsNoCallback()
{
    bool delivered = false;
    std::atomic<bool> release{false};
    std::atomic<bool> returned{false};
    background::Task task;
    {
        QObject context;
        task = background::run(
            &context,
            [&] {
                while (!release)
                    QThread::msleep(1);
                returned = true;
                return 1;
            },
            [&](const background::Outcome<int> &) { delivered = true; });
    }
    release = true;
    task.wait(); // the work ran to its end...
    QVERIFY(returned.load());
    QTest::qWait(50);
    QVERIFY(!delivered); // ...and nobody was told
}

QTEST_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
