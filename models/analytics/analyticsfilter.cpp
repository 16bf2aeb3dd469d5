#include "analytics/analyticsfilter.h"

namespace handoff {

LeadMatcher::LeadMatcher(const AnalyticsDataset &data, const AnalyticsFilter &filter,
                         bool ignoreSource)
    : m_source(ignoreSource ? AnalyticsFilter::Source::Any : filter.source)
{
    if (!filter.channel.isEmpty()) {
        m_channel = int(data.channels.indexOf(filter.channel));
        m_none = m_channel < 0;
    }
    if (filter.segment)
        m_segment = *filter.segment;
}

} // namespace handoff
