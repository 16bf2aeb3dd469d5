#pragma once

// Requests a minute per source, as a token bucket: a source may send a burst of up to its
// rate at once, then as fast as the bucket refills. Times come from the caller, so tests and
// the service share one clock.

#include <QHash>

namespace handoff {

class RateLimiter
{
public:
    // Takes one request from the source's bucket. False when it is empty; `retryAfterSeconds`
    // then says when one will be back.
    bool take(qint64 sourceId, int perMinute, qint64 nowMs, int *retryAfterSeconds = nullptr);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 atMs = 0;
    };
    QHash<qint64, Bucket> m_buckets;
};

} // namespace handoff
