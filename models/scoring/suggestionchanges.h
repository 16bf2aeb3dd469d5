#pragma once

// What applying suggestions (Suggester::applyAll) would change in a model, line by line, for
// a person to read before saying yes: each activity type whose points change (current ->
// suggested), each fit rule whose points change, each new rule, each rule a suggestion of 0
// points takes out, and each other rule on a field the suggestions cover, which they replace.
// A suggestion that changes nothing makes no line.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "scoring/suggester.h"

namespace handoff {

struct SuggestionChange
{
    enum class Kind { ActivityPoints, NewActivity, RulePoints, NewRule, RuleRemoved, Replaced };

    Kind kind = Kind::ActivityPoints;
    QString item;   // "Webinar attended", "Fit: Industry is Software"
    QString before; // "5 points", "none"
    QString after;  // "12 points, cap 36", "none"
};

class SuggestionChanges
{
    Q_DECLARE_TR_FUNCTIONS(SuggestionChanges)

public:
    static QList<SuggestionChange> describe(const ScoringModel &model,
                                            const QList<Suggestion> &suggestions);
};

} // namespace handoff
