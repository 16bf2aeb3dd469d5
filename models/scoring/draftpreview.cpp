#include "scoring/draftpreview.h"

#include <cmath>

#include "scoring/activitytimeline.h"

namespace handoff {

DraftPreview::DraftPreview(const LeadTable &leads, const FeatureIndex &index,
                           const ActivityCatalogue &types, const ScoreBoard &live)
    : m_leads(leads)
    , m_liveIndex(index)
    , m_types(types)
    , m_live(live)
    , m_draft(std::make_unique<ScoreBoard>(live)) // shares live's scores until the draft differs
{
    const int rows = live.size();
    m_liveFlags.assign(size_t(rows), 0);
    for (int row = 0; row < rows; ++row) {
        if (!stage::isOpen(leads.stage(row)))
            continue;
        quint8 flags = Open;
        if (live.isMql(row)) {
            flags |= LiveMql;
            ++m_liveMql;
        }
        if (!live.isDisqualified(row)) {
            flags |= LiveCounted;
            m_liveHistogram.add(live.score(row));
        }
        m_liveFlags[size_t(row)] = flags;
    }
}

void DraftPreview::FineHistogram::add(double score)
{
    // Scores far out (huge caps) pile up at the edges rather than growing the bins.
    score = std::clamp(score, -100000.0, 100000.0);
    int bin = int(score);
    if (score < bin)
        --bin; // floor, without the library call in the hot loop
    if (counts.empty()) {
        start = bin;
        counts.assign(1, 0);
    } else if (bin < start) {
        counts.insert(counts.begin(), size_t(start - bin), 0);
        start = bin;
    } else if (bin - start >= int(counts.size())) {
        counts.resize(size_t(bin - start) + 1, 0);
    }
    ++counts[size_t(bin - start)];
}

DraftPreview::~DraftPreview() = default;

void DraftPreview::setTimeline(const ActivityTimeline *timeline)
{
    m_timeline = timeline;
    if (m_halfLifePending)
        setDraft(ScoringModel(m_draft->model()));
}

void DraftPreview::setDraft(const ScoringModel &draft)
{
    const FeatureIndex &current = m_ownIndex ? *m_ownIndex : m_liveIndex;
    if (draft.halfLifeDays != current.halfLifeDays()) {
        if (draft.halfLifeDays == m_liveIndex.halfLifeDays()) {
            m_ownIndex.reset();
            m_draft = std::make_unique<ScoreBoard>(m_live);
            m_halfLifePending = false;
        } else if (m_timeline) {
            auto index =
                std::make_unique<FeatureIndex>(m_timeline->index(m_liveIndex, draft.halfLifeDays));
            m_draft = std::make_unique<ScoreBoard>(m_leads, *index, m_types);
            m_ownIndex = std::move(index);
            m_halfLifePending = false;
        } else {
            m_halfLifePending = true;
        }
    }
    m_draft->setModel(draft);
}

PreviewFigures DraftPreview::figures(double binWidth) const
{
    PreviewFigures f;
    f.liveMql = m_liveMql;
    const ScoreBoard &draft = *m_draft;
    const double threshold = draft.model().mqlThreshold;
    const int rows = std::min(int(m_liveFlags.size()), draft.size());
    FineHistogram draftHistogram;
    for (int row = 0; row < rows; ++row) {
        const quint8 flags = m_liveFlags[size_t(row)];
        if (!(flags & Open))
            continue;
        const bool counted = !draft.isDisqualified(row);
        const double score = draft.score(row);
        const bool draftMql = counted && score >= threshold;
        f.draftMql += draftMql;
        if (draftMql != bool(flags & LiveMql))
            (draftMql ? f.entering : f.leaving).push_back(row);
        if (counted)
            draftHistogram.add(score);
    }

    // Display bins on whole multiples of the width, at most 80 of them (wider when the range
    // is), over both histograms.
    const auto span = [](const FineHistogram &h) {
        return std::pair{h.start, h.start + int(h.counts.size())};
    };
    int low = 0;
    int high = 1;
    for (const FineHistogram *h :
         {&m_liveHistogram, static_cast<const FineHistogram *>(&draftHistogram)}) {
        if (h->counts.empty())
            continue;
        low = std::min(low, span(*h).first);
        high = std::max(high, span(*h).second);
    }
    auto &out = f.histogram;
    out.width = std::max(binWidth, std::ceil((high - low) / 80.0 / binWidth) * binWidth);
    out.start = std::floor(low / out.width) * out.width;
    const size_t bins = size_t(std::ceil((high - out.start) / out.width)) + 1;
    out.live.assign(bins, 0);
    out.draft.assign(bins, 0);
    const auto rebin = [&](const FineHistogram &h, std::vector<int> &into) {
        for (size_t i = 0; i < h.counts.size(); ++i) {
            const double score = h.start + double(i);
            into[std::min(bins - 1, size_t((score - out.start) / out.width))] += h.counts[i];
        }
    };
    rebin(m_liveHistogram, out.live);
    rebin(draftHistogram, out.draft);
    return f;
}

} // namespace handoff
