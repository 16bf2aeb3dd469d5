#pragma once

// The draft beside the live model, over the same leads: how many leads are MQL under each,
// which leads would enter or leave the MQL set, and both score histograms. A lead counts as
// MQL under a model when marketing still works it (an open stage), the model does not
// disqualify it and its score reaches that model's threshold. setDraft() rescoring is
// incremental (ScoreBoard), so a dragged slider costs one pass over one index column plus
// one pass to count.

#include <memory>
#include <vector>

#include "scoring/scoreboard.h"

namespace handoff {

class ActivityTimeline;

struct PreviewFigures
{
    struct Histogram
    {
        double start = 0; // lower edge of the first bin
        double width = 5;
        std::vector<int> live;
        std::vector<int> draft;
    };

    int liveMql = 0;
    int draftMql = 0;
    std::vector<int> entering; // rows MQL under the draft only
    std::vector<int> leaving;  // rows MQL under the live model only
    Histogram histogram;       // open, not disqualified leads
};

class DraftPreview
{
public:
    // `live` scores under the live model over `leads` and `index`.
    DraftPreview(const LeadTable &leads, const FeatureIndex &index, const ActivityCatalogue &types,
                 const ScoreBoard &live);
    ~DraftPreview();

    // Gives the events a draft with another half-life is rescored from; without them such a
    // draft keeps the live index (halfLifePending() says so).
    void setTimeline(const ActivityTimeline *timeline);
    void setDraft(const ScoringModel &draft);
    const ScoreBoard &live() const { return m_live; }
    const ScoreBoard &draft() const { return *m_draft; }
    bool halfLifePending() const { return m_halfLifePending; }

    PreviewFigures figures(double binWidth = 5) const;

private:
    const LeadTable &m_leads;
    const FeatureIndex &m_liveIndex;
    const ActivityCatalogue &m_types;
    const ScoreBoard &m_live;
    const ActivityTimeline *m_timeline = nullptr;
    std::unique_ptr<FeatureIndex> m_ownIndex; // the draft's, when its half-life differs
    std::unique_ptr<ScoreBoard> m_draft;
    bool m_halfLifePending = false;

    // Scores counted in one-point bins from `m_fineStart`: re-binned to the width asked for.
    struct FineHistogram
    {
        int start = 0;
        std::vector<int> counts;
        void add(double score);
    };
    // What does not change while the draft does, per row: open stage, MQL and disqualified
    // under the live model; and the live histogram. One pass over the draft is left per call.
    enum LiveFlag : quint8 { Open = 1, LiveMql = 2, LiveCounted = 4 };
    std::vector<quint8> m_liveFlags;
    int m_liveMql = 0;
    FineHistogram m_liveHistogram;
};

} // namespace handoff
