#include "intake/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace handoff {

bool RateLimiter::take(qint64 sourceId, int perMinute, qint64 nowMs, int *retryAfterSeconds)
{
    const double capacity = std::max(perMinute, 1);
    auto it = m_buckets.find(sourceId);
    if (it == m_buckets.end())
        it = m_buckets.insert(sourceId, Bucket{capacity, nowMs});
    Bucket &bucket = *it;
    const double refill = double(std::max<qint64>(nowMs - bucket.atMs, 0)) * capacity / 60'000.0;
    bucket.tokens = std::min(capacity, bucket.tokens + refill);
    bucket.atMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    if (retryAfterSeconds)
        *retryAfterSeconds = int(std::ceil((1.0 - bucket.tokens) * 60.0 / capacity));
    return false;
}

} // namespace handoff
