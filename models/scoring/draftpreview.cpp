#include "draftpreview.h"

#include <cmath>

#include "activitytimeline.h"

DraftPreview::DraftPreview(const LeadTable &leads, const FeatureIndex &index,
                           const ActivityCatalogue &types, const ScoreBoard &live)
    : m_leads(leads)
    , m_liveIndex(index)
    , m_types(types)
    , m_live(live)
    , m_draft(std::make_unique<ScoreBoard>(leads, index, types))
{
    m_draft->setModel(live.model());
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
            m_draft = std::make_unique<ScoreBoard>(m_leads, m_liveIndex, m_types);
            m_halfLifePending = false;
        } else if (m_timeline) {
            auto index = std::make_unique<FeatureIndex>(m_timeline->index(
                m_types.count(), draft.halfLifeDays, m_liveIndex.referenceTime()));
            m_draft = std::make_unique<ScoreBoard>(m_leads, *index, m_types);
            m_ownIndex = std::move(index);
            m_halfLifePending = false;
        } else {
            m_halfLifePending = true;
        }
    }
    m_draft->setModel(draft);
}

bool DraftPreview::isMql(const ScoreBoard &board, int row) const
{
    return stage::isOpen(m_leads.stage(row)) && !board.isDisqualified(row) &&
           board.score(row) >= board.model().mqlThreshold;
}

PreviewFigures DraftPreview::figures(double binWidth) const
{
    PreviewFigures f;
    const int rows = std::min(m_live.size(), m_draft->size());
    double low = 0;
    double high = 0;
    for (int row = 0; row < rows; ++row) {
        if (!stage::isOpen(m_leads.stage(row)))
            continue;
        const bool liveMql = isMql(m_live, row);
        const bool draftMql = isMql(*m_draft, row);
        f.liveMql += liveMql;
        f.draftMql += draftMql;
        if (draftMql && !liveMql)
            f.entering.push_back(row);
        else if (liveMql && !draftMql)
            f.leaving.push_back(row);
        low = std::min({low, m_live.score(row), m_draft->score(row)});
        high = std::max({high, m_live.score(row), m_draft->score(row)});
    }
    // Bins on whole multiples of the width, at most 80 of them (wider when the range is).
    auto &h = f.histogram;
    h.width = std::max(binWidth, std::ceil((high - low) / 80.0 / binWidth) * binWidth);
    h.start = std::floor(low / h.width) * h.width;
    const size_t bins = size_t(std::floor((high - h.start) / h.width)) + 1;
    h.live.assign(bins, 0);
    h.draft.assign(bins, 0);
    const auto binOf = [&](double score) {
        return std::min(bins - 1, size_t(std::max(0.0, std::floor((score - h.start) / h.width))));
    };
    for (int row = 0; row < rows; ++row) {
        if (!stage::isOpen(m_leads.stage(row)))
            continue;
        if (!m_live.isDisqualified(row))
            ++h.live[binOf(m_live.score(row))];
        if (!m_draft->isDisqualified(row))
            ++h.draft[binOf(m_draft->score(row))];
    }
    return f;
}
