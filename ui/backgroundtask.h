#pragma once

// Runs work off the GUI thread and hands what came of it back on the GUI thread: the result,
// or the message for the user when the work threw (a Error's own words; anything else,
// bad_alloc included, as a failure instead of ending the process). The work must not touch
// widgets or the console's connection: it opens what it needs (a Database) itself.

#include <exception>
#include <optional>
#include <type_traits>

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include "store/error.h"

namespace handoff {

namespace background {

template <typename T> struct Outcome
{
    std::optional<T> value;
    QString error; // empty when the work succeeded
};

// `done(Outcome)` runs on `context`'s thread, unless `context` is gone by then.
template <typename Work, typename Done> void run(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Outcome<Result>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done] {
        Outcome<Result> outcome = watcher->result();
        watcher->deleteLater();
        done(std::move(outcome));
    });
    watcher->setFuture(QtConcurrent::run([work]() -> Outcome<Result> {
        try {
            return {work(), {}};
        } catch (const Error &e) {
            return {std::nullopt, e.message()};
        } catch (const std::exception &e) {
            return {std::nullopt,
                    QObject::tr("The work failed: %1").arg(QString::fromLocal8Bit(e.what()))};
        }
    }));
}

} // namespace background

} // namespace handoff
