#include "scoring/rocauc.h"

#include <algorithm>
#include <functional>

namespace handoff {

namespace metrics {

void ScoresByOutcome::sort()
{
    std::sort(positive.begin(), positive.end(), std::greater<>());
    std::sort(negative.begin(), negative.end(), std::greater<>());
}

std::optional<double> rocAuc(const ScoresByOutcome &scores)
{
    const double positives = double(scores.positive.size());
    const double negatives = double(scores.negative.size());
    if (positives == 0 || negatives == 0)
        return std::nullopt;
    // Walking down from the highest score: each positive beats every negative below its
    // score, and ties with those at it.
    double negativesBelow = negatives;
    double wins = 0;
    scores.forEachTie([&](double, size_t p, size_t n) {
        negativesBelow -= double(n);
        wins += double(p) * (negativesBelow + 0.5 * double(n));
    });
    return wins / (positives * negatives);
}

std::optional<double> rocAuc(const std::vector<double> &scores, const std::vector<quint8> &positive)
{
    ScoresByOutcome split;
    for (size_t i = 0; i < scores.size(); ++i)
        (positive[i] ? split.positive : split.negative).push_back(scores[i]);
    split.sort();
    return rocAuc(split);
}

} // namespace metrics

} // namespace handoff
