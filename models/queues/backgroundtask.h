#pragma once

// The one way the windows and the console run work off the GUI thread. `background::run` starts the
// work on a pool thread and hands what came of it back on the GUI thread: the result, or the
// message for the user when the work threw (a Error's own words; bad_alloc and anything else as a
// failure, never the end of the process). The work may report progress and poll a cancel flag
// through its Control. Delivery happens only while the context lives, and the returned Task cancels
// and waits for the work when it goes: kept as a member of the window whose data the work reads, no
// thread outlives that window.
//
// The work must not touch widgets or the console's connection (Qt SQL connections belong to
// the thread that opened them): it opens what it needs (a Database) itself, or runs in a
// Lane, whose one thread keeps a connection between runs.

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "store/error.h"
namespace handoff {

namespace background {

template <typename T> struct Outcome
{
    std::optional<T> value;
    QString error; // empty when the work succeeded
};

// The words for the user when the work threw `failure`.
QString failureMessage(std::exception_ptr failure);

// What the work and its Task share.
struct State
{
    std::atomic<bool> cancelled{false};
    bool pending = true; // GUI thread only: the outcome is not handed over yet
};

// Handed to work that takes it: its way to say how far it got and to hear that it may stop.
class Control
{
public:
    Control(const State &state, std::function<void(int)> report,
            std::function<void(const QString &)> describe)
        : m_state(state)
        , m_report(std::move(report))
        , m_describe(std::move(describe))
    {}

    bool cancelled() const { return m_state.cancelled.load(); }
    // 0..100, shown on the GUI thread (when the caller asked for progress).
    void progress(int percent) const { m_report(percent); }
    // A line about the progress ("12,345 rows/s"), shown on the GUI thread (when the caller
    // asked for progressText).
    void describe(const QString &text) const { m_describe(text); }
    // Both at once, the shape of the loaders' "keep going?" callbacks.
    bool keepGoing(int percent) const
    {
        progress(percent);
        return !cancelled();
    }

private:
    const State &m_state;
    std::function<void(int)> m_report;
    std::function<void(const QString &)> m_describe;
};

// Work in flight. Move-only; going out of scope cancels it and waits for it to return.
class Task
{
public:
    Task() = default;
    Task(std::shared_ptr<State> state, QFuture<void> future)
        : m_state(std::move(state))
        , m_future(std::move(future))
    {}
    Task(Task &&other) noexcept = default;
    Task &operator=(Task &&other) noexcept
    {
        if (this != &other) {
            cancelAndWait();
            m_state = std::move(other.m_state);
            m_future = std::move(other.m_future);
        }
        return *this;
    }
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;
    ~Task() { cancelAndWait(); }

    // Started and its outcome not handed over yet (nor dropped by cancel).
    bool isRunning() const { return m_state && m_state->pending; }
    // Asks the work to stop; what it returns is not delivered.
    void cancel()
    {
        if (m_state)
            m_state->cancelled = true;
    }
    // Blocks until the work has returned; the outcome still arrives later, as an event.
    void wait()
    {
        if (m_state)
            m_future.waitForFinished();
    }
    void cancelAndWait()
    {
        cancel();
        wait();
    }

private:
    std::shared_ptr<State> m_state;
    QFuture<void> m_future;
};

// One thread that stays, for work that keeps a Qt SQL connection between runs (a connection
// is usable only on the thread that opened it). `release` runs on that thread too: what it
// holds (the connection) is closed where it was opened.
class Lane
{
public:
    Lane();
    ~Lane();
    Lane(const Lane &) = delete;
    Lane &operator=(const Lane &) = delete;

    QThreadPool *pool() { return &m_pool; }
    // Runs `last` on the lane's thread and waits for it.
    void finish(std::function<void()> last);

private:
    QThreadPool m_pool;
};

// The shared pool: more threads than cores, since a load or a backtest of several seconds
// must not hold up a short write behind it.
QThreadPool *pool();

struct Options
{
    std::function<void(int)> progress;                 // on the GUI thread, 0..100
    std::function<void(const QString &)> progressText; // on the GUI thread
    QThreadPool *pool = nullptr;                       // background::pool() unless set (a Lane's)
};

// `work()` or `work(const Control &)` runs off the GUI thread; `done(Outcome)` runs on
// `context`'s thread, unless `context` is gone or the task was cancelled by then.
template <typename Work, typename Done>
[[nodiscard]] Task run(QObject *context, Work work, Done done, Options options = {})
{
    constexpr bool takesControl = std::is_invocable_v<Work, const Control &>;
    using Result =
        typename std::conditional_t<takesControl, std::invoke_result<Work, const Control &>,
                                    std::invoke_result<Work>>::type;
    auto state = std::make_shared<State>();
    auto *watcher = new QFutureWatcher<Outcome<Result>>(context);
    if (options.progress)
        QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, context,
                         [state, report = options.progress](int percent) {
                             if (!state->cancelled)
                                 report(percent);
                         });
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, state, done] {
        watcher->deleteLater();
        state->pending = false;
        if (state->cancelled)
            return;
        // A copy (takeResult() would reset the future the Task waits on): work with a large
        // result hands back a shared_ptr to it.
        Outcome<Result> outcome = watcher->future().resultCount() > 0
                                      ? watcher->result()
                                      : Outcome<Result>{std::nullopt, failureMessage({})};
        done(std::move(outcome));
    });
    // Texts go as events to the watcher: it outlives the work (the Task, a member of the
    // context, waits for the work before the context deletes its children), and QFuture's
    // own progress text is dropped unless the value grows too.
    std::function<void(const QString &)> describe = [](const QString &) {};
    if (options.progressText)
        describe = [watcher, state, report = options.progressText](const QString &text) {
            QMetaObject::invokeMethod(
                watcher,
                [state, report, text] {
                    if (!state->cancelled)
                        report(text);
                },
                Qt::QueuedConnection);
        };
    QFuture<Outcome<Result>> future = QtConcurrent::run(
        options.pool ? options.pool : background::pool(),
        [work = std::move(work), state,
         describe = std::move(describe)](QPromise<Outcome<Result>> &promise) mutable {
            promise.setProgressRange(0, 100);
            try {
                if constexpr (takesControl) {
                    const Control control(
                        *state, [&promise](int p) { promise.setProgressValue(p); }, describe);
                    promise.addResult(Outcome<Result>{work(control), {}});
                } else {
                    promise.addResult(Outcome<Result>{work(), {}});
                }
            } catch (...) {
                promise.addResult(
                    Outcome<Result>{std::nullopt, failureMessage(std::current_exception())});
            }
        });
    watcher->setFuture(future);
    return Task(std::move(state), QFuture<void>(future));
}

} // namespace background

} // namespace handoff
