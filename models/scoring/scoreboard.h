#pragma once

// Scores every lead of a LeadTable from its FeatureIndex under one ScoringModel: fit points,
// engagement points and disqualification, per row. setModel() compares the new model with
// the current one and recomputes only what changed, so dragging one weight costs one pass
// over one column of the index. A copy shares the scores until one side writes to them.

#include <limits>
#include <vector>

#include "scoring/activitycatalogue.h"
#include "scoring/featureindex.h"
#include "scoring/leadtable.h"
#include "scoring/scorebreakdown.h"
#include "scoring/scoringmodel.h"

namespace handoff {

class ScoreBoard
{
public:
    ScoreBoard(const LeadTable &leads, const FeatureIndex &index, const ActivityCatalogue &types);
    // `other`'s scores, for copies of the table, index and catalogue it scored: what copying
    // an engine takes without scoring every lead again.
    ScoreBoard(const ScoreBoard &other, const LeadTable &leads, const FeatureIndex &index,
               const ActivityCatalogue &types);

    // The index's half-life must be the model's; rebuild the index when it is not.
    void setModel(const ScoringModel &model);
    // `model`'s fit and disqualification, its engagement left as it was: for the backtest,
    // which replays engagement itself and should not write a second engagement column at the
    // tuning workspace's peak. engagement() and score() mean nothing until the next
    // setModel() or refreshAll(), which count engagement afresh.
    void setModelExceptEngagement(const ScoringModel &model);
    const ScoringModel &model() const { return m_model; }

    int size() const { return m_fit.size(); }
    double fit(int row) const { return m_fit[row]; }
    double engagement(int row) const { return m_engagement[row]; }
    double score(int row) const { return m_fit[row] + m_engagement[row]; }
    QChar grade(int row) const { return m_model.fitGrade(fit(row)); }
    bool isDisqualified(int row) const { return m_disqualifiedBy[row] >= 0; }
    // Marketing still works the lead (an open stage) and the model does not disqualify it:
    // what the interest queue, escalation and the tuning preview all count from.
    bool inPlay(int row) const { return stage::isOpen(m_leads.stage(row)) && !isDisqualified(row); }
    // In play and at or above the model's MQL threshold.
    bool isMql(int row) const { return inPlay(row) && score(row) >= m_model.mqlThreshold; }
    QString disqualificationReason(int row) const;
    bool raisedHand(int row) const;
    // The score the lead had one recent window ago (see FeatureIndex::setRecentWindow), with
    // today's fit: how much engagement moved it since.
    double scoreBefore(int row) const;

    // After the index or the table changed for these rows (a new activity, a new lead).
    void refreshRow(int row);
    // After the index moved its reference time, or anything else changed wholesale.
    void refreshAll();

    ScoreBreakdown explain(int row) const;

    // One activity type's weight, resolved against the catalogue, and what it adds for a lead
    // with this decayed sum and count: shared with the backtest's replay.
    struct Weight
    {
        double points = 0;
        double cap = std::numeric_limits<double>::infinity();
        bool decays = true;
        bool operator==(const Weight &) const = default;
    };
    static double contribution(const Weight &w, double decayedSum, double count);
    // By dense type index; types the model does not name weigh nothing.
    static std::vector<Weight> weightsFor(const ScoringModel &model,
                                          const ActivityCatalogue &types);

private:
    void adopt(const ScoringModel &model, bool engagement);
    void compileRules();
    double fitOf(int row) const;
    int disqualifierOf(int row) const;
    double engagementOf(int row) const;
    void recomputeFit();
    void recomputeDisqualification();
    void recomputeEngagement();
    void applyWeightChange(int type, const Weight &before, const Weight &after);

    const LeadTable &m_leads;
    const FeatureIndex &m_index;
    const ActivityCatalogue &m_types;
    ScoringModel m_model;
    bool m_hasModel = false;
    bool m_engagementStale = false; // setModelExceptEngagement() left it behind m_weights
    std::vector<Weight> m_weights;  // by dense activity type
    std::vector<int> m_intentTypes;

    // Per fit rule and per disqualification rule: the column it tests and, per distinct value
    // of that column, whether it matches. Extended lazily as new values appear.
    struct CompiledRule
    {
        int column = -1;
        Condition condition;
        mutable std::vector<char> matches;

        bool matchesRow(const LeadTable &leads, int row) const;
    };
    std::vector<CompiledRule> m_fitRules;
    std::vector<CompiledRule> m_disqualifiers;

    // In blocks a copy shares (the tuning workspace's) until one of them writes to a block.
    SharedBlocks<double> m_fit;
    SharedBlocks<double> m_engagement;
    SharedBlocks<qint16> m_disqualifiedBy; // rule index, -1 when the lead is fine
};

} // namespace handoff
