#pragma once

// Work run on another thread beside the calling thread's own (a read that takes both cores).
// Leaving the scope stops it and waits: when the caller throws (a cancel, an error), the work
// is told to stop (`stop` turns true; it throws out of its loop) and nothing outlives what
// it reads. Waiting for its result keeps asking the caller's `keepGoing`, so a cancel is
// heard while the other half finishes.

#include <atomic>
#include <chrono>
#include <functional>
#include <future>

#include <QString>

#include "store/error.h"

namespace handoff {

template <typename Result> class BesideWork
{
public:
    // `work(stop)` runs on a thread of its own at once.
    template <typename Work>
    explicit BesideWork(Work work)
        : m_result(std::async(std::launch::async, [this, work] { return work(m_stop); }))
    {}
    ~BesideWork()
    {
        m_stop = true;
        if (m_result.valid())
            m_result.wait();
    }
    BesideWork(const BesideWork &) = delete;
    BesideWork &operator=(const BesideWork &) = delete;

    // The result, or what the work threw; Error(`cancelled`) when `keepGoing` turns false
    // while waiting.
    Result get(const std::function<bool()> &keepGoing, const QString &cancelled)
    {
        using namespace std::chrono_literals;
        while (m_result.wait_for(50ms) != std::future_status::ready) {
            if (keepGoing && !keepGoing()) {
                m_stop = true;
                m_result.wait();
                throw Error(cancelled);
            }
        }
        return m_result.get();
    }

private:
    std::atomic<bool> m_stop = false; // before m_result: the work reads it from the start
    std::future<Result> m_result;
};

} // namespace handoff
