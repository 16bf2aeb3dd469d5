#pragma once

// The dashboard's filters: lead source (marketing or sales), channel and segment
// (company-size band). An empty/unset filter lets everything through.

#include <optional>

#include <QString>

#include "store/analyticsdataset.h"
#include "store/segment.h"

namespace handoff {

struct AnalyticsFilter
{
    enum class Source { Any, Marketing, Sales };

    Source source = Source::Any;
    QString channel; // empty: any channel
    std::optional<segment::Band> segment;

    bool isEmpty() const { return source == Source::Any && channel.isEmpty() && !segment; }
    bool operator==(const AnalyticsFilter &) const = default;
};

// A filter bound to one dataset (the channel resolved to its index once), asked per lead.
class LeadMatcher
{
public:
    LeadMatcher(const AnalyticsDataset &data, const AnalyticsFilter &filter,
                bool ignoreSource = false);

    bool matches(const LeadJourney &lead) const
    {
        if (m_none)
            return false;
        if (m_source != AnalyticsFilter::Source::Any &&
            lead.marketing != (m_source == AnalyticsFilter::Source::Marketing))
            return false;
        if (m_channel >= 0 && lead.channel != m_channel)
            return false;
        return m_segment < 0 || segment::bandFor(lead.knownCompanySize()) == m_segment;
    }

private:
    AnalyticsFilter::Source m_source;
    int m_channel = -1;
    int m_segment = -1;
    bool m_none = false; // a channel no lead has
};

} // namespace handoff
