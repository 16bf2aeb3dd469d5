#include "store/analyticsdataset.h"

#include <algorithm>

namespace handoff {

namespace {
quint16 intern(QStringList &list, QHash<QString, quint16> &index, const QString &value)
{
    const auto it = index.constFind(value);
    if (it != index.constEnd())
        return *it;
    const quint16 position = quint16(list.size());
    list.append(value);
    index.insert(value, position);
    return position;
}
} // namespace

AnalyticsDataset::AnalyticsDataset()
{
    internChannel(QString());
    internReason(QString());
}

quint16 AnalyticsDataset::internChannel(const QString &channel)
{
    return intern(channels, m_channelIndex, channel);
}

quint16 AnalyticsDataset::internReason(const QString &reason)
{
    return intern(reasons, m_reasonIndex, reason);
}

int AnalyticsDataset::indexOf(qint64 leadId) const
{
    // Ids are dense unless leads were deleted: try where the lead would be, then search.
    if (leadId >= 1 && size_t(leadId) <= leads.size() && leads[size_t(leadId - 1)].id == leadId)
        return int(leadId - 1);
    const auto it = std::lower_bound(leads.begin(), leads.end(), leadId,
                                     [](const LeadJourney &l, qint64 id) { return l.id < id; });
    return it != leads.end() && it->id == leadId ? int(it - leads.begin()) : -1;
}

} // namespace handoff
