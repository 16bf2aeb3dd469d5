#include "scoring/rocauc.h"

#include <algorithm>
#include <numeric>

namespace handoff {

namespace metrics {

std::optional<double> rocAuc(const std::vector<double> &scores, const std::vector<quint8> &positive)
{
    const size_t n = scores.size();
    std::vector<quint32> order(n); // 4 bytes a lead: the backtest runs at the workspace's peak
    std::iota(order.begin(), order.end(), quint32(0));
    std::sort(order.begin(), order.end(),
              [&](quint32 a, quint32 b) { return scores[a] < scores[b]; });
    double positiveRankSum = 0;
    double positives = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]])
            ++j;
        const double averageRank = (double(i) + double(j - 1)) / 2.0 + 1.0; // ties share
        for (size_t k = i; k < j; ++k) {
            if (positive[order[k]]) {
                positiveRankSum += averageRank;
                positives += 1;
            }
        }
        i = j;
    }
    const double negatives = double(n) - positives;
    if (positives == 0 || negatives == 0)
        return std::nullopt;
    return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

} // namespace metrics

} // namespace handoff
