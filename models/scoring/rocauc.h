#pragma once

// The area under the ROC curve of a score against a yes/no outcome: the chance that a
// randomly chosen positive scores above a randomly chosen negative, ties counting half
// (Mann-Whitney), from the scores of each outcome apart, each sorted: one walk down both.

#include <algorithm>
#include <optional>
#include <vector>

#include <QtGlobal>

namespace handoff {

namespace metrics {

// The scores of the leads that turned out yes, and of those that turned out no. Kept apart,
// each sorted in place, they need no list of ranks or order beside them: the backtest holds
// one for every past lead at the tuning workspace's peak of memory.
struct ScoresByOutcome
{
    std::vector<double> positive;
    std::vector<double> negative;

    size_t size() const { return positive.size() + negative.size(); }
    // Highest first, as forEachTie() walks them.
    void sort();
    // Calls tie(score, positives, negatives) for each score held, highest first, with how
    // many of each outcome have it. Sorted first.
    template <typename Tie> void forEachTie(Tie tie) const
    {
        size_t p = 0, n = 0;
        while (p < positive.size() || n < negative.size()) {
            const double score = p == positive.size()   ? negative[n]
                                 : n == negative.size() ? positive[p]
                                                        : std::max(positive[p], negative[n]);
            size_t positives = 0, negatives = 0;
            for (; p < positive.size() && positive[p] == score; ++p)
                ++positives;
            for (; n < negative.size() && negative[n] == score; ++n)
                ++negatives;
            tie(score, positives, negatives);
        }
    }
};

// nullopt when there are no positives or no negatives. Sorted first.
std::optional<double> rocAuc(const ScoresByOutcome &scores);
// The same from a score and an outcome for each case.
std::optional<double> rocAuc(const std::vector<double> &scores,
                             const std::vector<quint8> &positive);

} // namespace metrics

} // namespace handoff
