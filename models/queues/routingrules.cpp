#include "queues/routingrules.h"

#include <algorithm>

#include "store/segment.h"

namespace handoff::routing {

namespace {
constexpr qint64 WindowSeconds = 24 * 3600;
}

QString fieldValue(const Lead &lead, const QString &field)
{
    if (field == QLatin1String("country"))
        return lead.country;
    if (field == QLatin1String("industry"))
        return lead.industry;
    if (field == QLatin1String("seniority"))
        return lead.seniority;
    if (field == QLatin1String("channel"))
        return lead.channel;
    if (field == QLatin1String("segment"))
        return segment::code(segment::bandFor(lead.companySize));
    return {};
}

bool covers(const RepRouting &rep, const Lead &lead)
{
    if (!rep.hasTerritory())
        return false;
    const QString value = fieldValue(lead, rep.territoryField).trimmed();
    return !value.isEmpty() && rep.territoryValues.contains(value, Qt::CaseInsensitive);
}

QList<RepRouting> candidates(const QList<RepRouting> &reps, const Lead &lead,
                             const QSet<QString> &excluded)
{
    QList<RepRouting> covering, general;
    for (const RepRouting &rep : reps) {
        if (!rep.available || excluded.contains(rep.rep))
            continue;
        if (covers(rep, lead))
            covering.append(rep);
        else if (!rep.hasTerritory())
            general.append(rep);
    }
    return covering.isEmpty() ? general : covering;
}

std::optional<QString> pick(RoutingSettings::Mode mode, const QList<RepRouting> &candidates,
                            const QHash<QString, RoutingRepository::Share> &shares)
{
    if (mode == RoutingSettings::Mode::Off || candidates.isEmpty())
        return std::nullopt;
    // (assigned + 1) / weight compared without division: a * wb < b * wa.
    const auto load = [&](const RepRouting &rep) {
        const int weight = mode == RoutingSettings::Mode::Weighted ? rep.weight : 1;
        return std::pair{qint64(shares.value(rep.rep).assigned) + 1, qint64(weight)};
    };
    const auto before = [&](const RepRouting &a, const RepRouting &b) {
        const auto [na, wa] = load(a);
        const auto [nb, wb] = load(b);
        if (na * wb != nb * wa)
            return na * wb < nb * wa;
        const qint64 lastA = shares.value(a.rep).lastAt, lastB = shares.value(b.rep).lastAt;
        if (lastA != lastB)
            return lastA < lastB;
        return a.rep < b.rep;
    };
    return std::min_element(candidates.cbegin(), candidates.cend(), before)->rep;
}

qint64 windowStart(const QList<RepRouting> &candidates, qint64 now)
{
    qint64 start = now - WindowSeconds;
    for (const RepRouting &rep : candidates)
        start = std::max(start, rep.availableSince);
    return start;
}

} // namespace handoff::routing
