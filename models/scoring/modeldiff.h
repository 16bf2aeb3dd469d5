#pragma once

// Two scoring model versions side by side, item by item: threshold, half-life, grades, each
// activity type's points (with cap and fading), each fit rule and each disqualification rule.
// Rules are matched by their condition, so a changed point value shows as one changed row.

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include "scoring/scoringmodel.h"

namespace handoff {

struct ModelDiffRow
{
    QString item;
    QString left;  // empty: not in the left model
    QString right; // empty: not in the right model
    bool changed() const { return left != right; }
};

namespace modeldiff {

// `labels`: activity type code -> the label people read ("form_submit" -> "Form submitted");
// a code without a label is shown as it is.
QList<ModelDiffRow> compare(const ScoringModel &left, const ScoringModel &right,
                            const QHash<QString, QString> &labels = {});
// The changed rows in a few words, for a version's name: "MQL threshold 50 → 45, Points: Form
// submitted 10 → 15 and 2 more changes"; empty when nothing changed.
QString summary(const QList<ModelDiffRow> &rows, int items = 2);

} // namespace modeldiff

} // namespace handoff
