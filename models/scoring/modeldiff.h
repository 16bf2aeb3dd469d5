#pragma once

// Two scoring model versions side by side, item by item: threshold, half-life, grades, each
// activity type's points (with cap and fading), each fit rule and each disqualification rule.
// Rules are matched by their condition, so a changed point value shows as one changed row.

#include <QCoreApplication>
#include <QList>

#include "scoringmodel.h"

struct ModelDiffRow
{
    QString item;
    QString left;  // empty: not in the left model
    QString right; // empty: not in the right model
    bool changed() const { return left != right; }
};

namespace modeldiff {

QList<ModelDiffRow> compare(const ScoringModel &left, const ScoringModel &right);

} // namespace modeldiff
