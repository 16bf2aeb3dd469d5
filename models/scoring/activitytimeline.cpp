#include "scoring/activitytimeline.h"

#include <numeric>

#include <QCoreApplication>

#include "scoring/activitycatalogue.h"
#include "scoring/featureindex.h"
#include "scoring/leadtable.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

ActivityTimeline ActivityTimeline::read(Database &db, const LeadTable &leads,
                                        const ActivityCatalogue &types, const Progress &progress)
{
    const ActivityRepository activities(db.connection());
    const qint64 total = activities.maxId();
    std::vector<int> rows;
    std::vector<quint16> typeOf;
    std::vector<qint64> at;
    rows.reserve(size_t(total));
    typeOf.reserve(size_t(total));
    at.reserve(size_t(total));
    qint64 done = 0;
    bool cancelled = false;
    activities.scan([&](qint64 leadId, int typeId, qint64 occurredAt) {
        if (cancelled)
            return;
        if (progress && (++done & 0x3fff) == 0 && !progress(done, total)) {
            cancelled = true;
            return;
        }
        const auto row = leads.rowOf(leadId);
        const int type = types.indexOfId(typeId);
        if (!row || type < 0)
            return;
        rows.push_back(*row);
        typeOf.push_back(quint16(type));
        at.push_back(occurredAt);
    });
    if (cancelled)
        throw Error(QCoreApplication::translate("ActivityTimeline", "Cancelled"));
    return build(leads.size(), rows, typeOf, at);
}

ActivityTimeline ActivityTimeline::build(int rows, const std::vector<int> &row,
                                         const std::vector<quint16> &type,
                                         const std::vector<qint64> &at)
{
    ActivityTimeline t;
    t.m_offsets.assign(size_t(rows) + 1, 0);
    for (int r : row)
        ++t.m_offsets[size_t(r) + 1];
    std::partial_sum(t.m_offsets.begin(), t.m_offsets.end(), t.m_offsets.begin());
    t.m_at.resize(row.size());
    t.m_type.resize(row.size());
    std::vector<qint64> next(t.m_offsets.begin(), t.m_offsets.end() - 1);
    for (size_t i = 0; i < row.size(); ++i) {
        const qint64 slot = next[size_t(row[i])]++;
        t.m_at[size_t(slot)] = quint32(std::max<qint64>(0, at[i]));
        t.m_type[size_t(slot)] = type[i];
    }
    // Oldest first within each lead; leads have a handful to a few hundred events.
    std::vector<std::pair<quint32, quint16>> scratch;
    for (int r = 0; r < rows; ++r) {
        const size_t begin = size_t(t.m_offsets[size_t(r)]);
        const size_t end = size_t(t.m_offsets[size_t(r) + 1]);
        if (std::is_sorted(t.m_at.begin() + qint64(begin), t.m_at.begin() + qint64(end)))
            continue;
        scratch.clear();
        for (size_t i = begin; i < end; ++i)
            scratch.emplace_back(t.m_at[i], t.m_type[i]);
        std::sort(scratch.begin(), scratch.end());
        for (size_t i = begin; i < end; ++i)
            std::tie(t.m_at[i], t.m_type[i]) = scratch[i - begin];
    }
    return t;
}

ActivityTimeline::Events ActivityTimeline::events(int row) const
{
    const size_t begin = size_t(m_offsets[size_t(row)]);
    const size_t count = size_t(m_offsets[size_t(row) + 1]) - begin;
    return {std::span<const quint32>(m_at.data() + begin, count),
            std::span<const quint16>(m_type.data() + begin, count)};
}

FeatureIndex ActivityTimeline::index(int typeCount, double halfLifeDays, qint64 referenceTime) const
{
    FeatureIndex index(typeCount, halfLifeDays, referenceTime);
    index.resize(rows());
    for (int r = 0; r < rows(); ++r) {
        const Events e = events(r);
        for (size_t i = 0; i < e.at.size(); ++i)
            index.add(r, e.type[i], e.at[i]);
    }
    index.finishBuild();
    return index;
}

} // namespace handoff
