#include "leadqueues.h"

#include <algorithm>

#include "scoringengine.h"

namespace queues {

QList<IntentQueueEntry> intent(const ScoringEngine &engine, const QList<Handoff> &openIntent)
{
    QList<IntentQueueEntry> entries;
    for (const Handoff &h : openIntent) {
        const auto row = engine.leads().rowOf(h.leadId);
        if (!row || engine.scores().isDisqualified(*row))
            continue;
        entries.append({h, *row});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        const bool aClaimed = !a.handoff.claimedBy.isEmpty();
        const bool bClaimed = !b.handoff.claimedBy.isEmpty();
        if (aClaimed != bClaimed)
            return !aClaimed;
        return a.handoff.raisedAt < b.handoff.raisedAt;
    });
    return entries;
}

QList<IntentQueueEntry> sales(const ScoringEngine &engine, const QList<Handoff> &open)
{
    QList<IntentQueueEntry> entries;
    for (const Handoff &h : open) {
        const auto row = engine.leads().rowOf(h.leadId);
        if (row && !engine.scores().isDisqualified(*row))
            entries.append({h, *row});
    }
    return entries;
}

std::vector<char> interestMembers(const ScoringEngine &engine, const QList<Handoff> &openIntent)
{
    const LeadTable &leads = engine.leads();
    const ScoreBoard &scores = engine.scores();
    std::vector<char> members(size_t(leads.size()), 0);
    for (int row = 0; row < leads.size(); ++row)
        members[size_t(row)] = stage::isOpen(leads.stage(row)) && !scores.isDisqualified(row);
    for (const Handoff &h : openIntent) {
        if (const auto row = leads.rowOf(h.leadId); row && h.trigger == Handoff::Trigger::Intent)
            members[size_t(*row)] = 0;
    }
    return members;
}

std::vector<int> interest(const ScoringEngine &engine, const QList<Handoff> &openIntent, int limit)
{
    const LeadTable &leads = engine.leads();
    const ScoreBoard &scores = engine.scores();
    const std::vector<char> members = interestMembers(engine, openIntent);
    std::vector<int> rows;
    rows.reserve(size_t(leads.size()));
    for (int row = 0; row < leads.size(); ++row) {
        if (members[size_t(row)])
            rows.push_back(row);
    }
    const auto higher = [&](int a, int b) {
        const double sa = scores.score(a), sb = scores.score(b);
        return sa != sb ? sa > sb : leads.id(a) < leads.id(b);
    };
    if (limit >= 0 && size_t(limit) < rows.size()) {
        std::partial_sort(rows.begin(), rows.begin() + limit, rows.end(), higher);
        rows.resize(size_t(limit));
    } else {
        std::sort(rows.begin(), rows.end(), higher);
    }
    return rows;
}

} // namespace queues
