#pragma once

// The two small calculations every figure uses: a share that is 0 rather than NaN when
// there is nothing to divide by, and a median.

#include <algorithm>
#include <vector>

#include <QtGlobal>

namespace handoff {

namespace analyticsmath {

inline double share(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

// The middle value; the mean of the two middle values for an even count; 0 when empty.
inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + mid, values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    return (*std::max_element(values.begin(), values.begin() + mid) + upper) / 2.0;
}

} // namespace analyticsmath

} // namespace handoff
