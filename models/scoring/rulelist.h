#pragma once

// The two kinds of rule a scoring model holds, and where it keeps each: whatever handles
// rules (the JSON, the draft's undo steps, the editor) handles both kinds through RuleList,
// written once.

#include "scoring/scoringmodel.h"

namespace handoff {

enum class RuleKind { Fit, Disqualification };

template <typename Rule> struct RuleList;

template <> struct RuleList<FitRule>
{
    static constexpr RuleKind kind = RuleKind::Fit;
    static constexpr QList<FitRule> ScoringModel::*of = &ScoringModel::fitRules;
};

template <> struct RuleList<DisqualificationRule>
{
    static constexpr RuleKind kind = RuleKind::Disqualification;
    static constexpr QList<DisqualificationRule> ScoringModel::*of =
        &ScoringModel::disqualifications;
};

} // namespace handoff
