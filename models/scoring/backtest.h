#pragma once

// What a scoring model would have done on past leads. For every lead created within the
// window whose outcome is known (see LeadOutcomes), the backtest replays its activities in
// time order under the model, up to the moment the outcome was decided, and notes when the
// score first reached the MQL threshold and the highest score it reached. From that:
// MQLs per week, precision (share of those MQLs that became SQL), recall (share of SQLs that
// were MQL before sales accepted them), the ROC AUC of the peak score, and conversion by
// score decile (the lift chart). MQLs per week count every lead of the window, decided or not;
// the rates only leads whose outcome is known. Disqualified leads never become MQL. Leads sales
// found themselves never pass through scoring and are left out.
//
// Undated history: a lead whose creation or outcome is undated (imported from a file without
// dates) cannot be replayed in time, so it has no week, no crossing and no peak, and no window
// can hold it. When its outcome is known it is judged on its *final* score instead (figures in
// `undated`, apart from the replayed ones): the score under the model with every activity from
// before its decision (decidedAt: the import that recorded it), seen at that moment, exactly as
// the scoring engine scores it (ScoreBoard, ScoreBreakdown). An undated activity counts as the
// oldest there is: a type that fades under the model's half-life has faded to nothing and adds
// no points (only its count, towards the cap); a type that does not fade, or a model without
// a half-life, counts it in full. `undated.fadedActivities` says how many add nothing for that
// reason. An MQL there is a final score at or above the threshold; AUC, precision and recall
// are of the final score. Leads created and decided at known times are replayed as above even
// when some of their activities are undated (those count from before the creation).

#include <QDate>
#include <QList>

#include "scoring/activitytimeline.h"
#include "scoring/leadoutcomes.h"
#include "scoring/scoreboard.h"

namespace handoff {

struct BacktestOptions
{
    int windowWeeks = 26;
    qint64 now = 0;
    // A lead that has not converted counts as a "no" only after this long.
    qint64 maturitySeconds = 30 * 86400;
};

struct BacktestFigures
{
    struct Week
    {
        QDate monday;
        int mqls = 0;
        int converted = 0; // of those MQLs
    };
    struct Decile
    {
        int leads = 0;
        int converted = 0; // rounded: tied leads across a boundary share their conversions
        double minScore = 0;
        double maxScore = 0;
        double conversion = 0; // converted / leads
        double lift = 0;       // conversion / overall conversion
    };

    // Leads with a known outcome whose creation or outcome is undated, on their final score
    // (see above): in no week and no window, not in the replayed figures.
    struct Undated
    {
        int leads = 0;
        int converted = 0;     // of those, became SQL
        int mqls = 0;          // final score at or above the threshold, not disqualified
        int mqlsConverted = 0; // MQLs that became SQL
        double precision = 0;
        double recall = 0;
        std::optional<double> auc;
        int activities = 0;      // their undated activities of types the model scores
        int fadedActivities = 0; // of those, of types that fade: they add no points
        QList<Decile> deciles;   // of the final score, highest first
    };

    int leads = 0;         // in the window, outcome known, replayed
    int converted = 0;     // of those, became SQL
    int mqls = 0;          // would have been MQL
    int mqlsConverted = 0; // MQLs that became SQL: precision's and recall's numerator
    double precision = 0;
    double recall = 0;
    std::optional<double> auc;
    QList<Week> weeks;     // oldest first, every week of the window
    QList<Decile> deciles; // highest scores first
    Undated undated;

    bool hasDated() const { return leads > 0; }
    bool hasUndated() const { return undated.leads > 0; }
};

class Backtest
{
public:
    // `board` gives the fit points and disqualification of each lead under `board.model()`;
    // engagement is replayed from `timeline` with the model's weights and half-life.
    Backtest(const LeadTable &leads, const ActivityCatalogue &types, const LeadOutcomes &outcomes,
             const ActivityTimeline &timeline);

    BacktestFigures run(const ScoreBoard &board, const BacktestOptions &options) const;
    // The same for `model`, scored as a copy of `live` (fit and disqualification only:
    // engagement is replayed, so the index's half-life does not matter). The copy shares
    // live's scores where the model leaves them as they are: a weight change writes the
    // engagement column, and fit and disqualification stay shared.
    BacktestFigures run(const ScoringModel &model, const ScoreBoard &live,
                        const BacktestOptions &options) const;

private:
    struct Replay
    {
        qint64 crossedAt = 0; // 0: never reached the threshold
        double peak = 0;
    };
    bool isSalesSourced(int row, int sourceColumn) const;
    // How a lead is judged: not at all (sales-sourced, created outside the window), on its
    // final score (undated history), or by replaying its activities.
    enum class Judged { Not, OnFinalScore, ByReplay };
    Judged judged(int row, int sourceColumn, qint64 windowStart,
                  const BacktestOptions &options) const;
    bool outcomeKnown(int row, const BacktestOptions &options) const;
    Replay replay(int row, double fit, const std::vector<ScoreBoard::Weight> &weights,
                  const ScoringModel &model, qint64 until) const;
    // The score at `until` from every activity up to then; counts undated activities.
    double finalScore(int row, double fit, const std::vector<ScoreBoard::Weight> &weights,
                      const ScoringModel &model, qint64 until,
                      BacktestFigures::Undated &figures) const;

    const LeadTable &m_leads;
    const ActivityCatalogue &m_types;
    const LeadOutcomes &m_outcomes;
    const ActivityTimeline &m_timeline;
};

} // namespace handoff
