#pragma once

// The area under the ROC curve of a score against a yes/no outcome: the chance that a
// randomly chosen positive scores above a randomly chosen negative, ties counting half.
// Computed from ranks (Mann-Whitney), so it costs one sort.

#include <optional>
#include <vector>

#include <QtGlobal>

namespace handoff {

namespace metrics {

// nullopt when there are no positives or no negatives.
std::optional<double> rocAuc(const std::vector<double> &scores,
                             const std::vector<quint8> &positive);

} // namespace metrics

} // namespace handoff
