#include "queues/leadqueues.h"

#include <algorithm>

#include <QSet>

#include "scoring/scoringengine.h"

namespace handoff {

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
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return queueOrder(a.handoff) < queueOrder(b.handoff);
    });
    return entries;
}

QList<IntentQueueEntry> sales(const ScoringEngine &engine, const QList<Handoff> &open)
{
    QList<IntentQueueEntry> entries;
    entries.reserve(open.size());
    for (const Handoff &h : open) {
        if (const auto row = salesRow(engine, h))
            entries.append({h, *row});
    }
    return entries;
}

std::optional<int> salesRow(const ScoringEngine &engine, const Handoff &handoff)
{
    const auto row = engine.leads().rowOf(handoff.leadId);
    if (row && !engine.scores().isDisqualified(*row))
        return row;
    return std::nullopt;
}

std::vector<char> interestMembers(const ScoringEngine &engine, const QList<Handoff> &open)
{
    const LeadTable &leads = engine.leads();
    const ScoreBoard &scores = engine.scores();
    std::vector<char> members(size_t(leads.size()), 0);
    for (int row = 0; row < leads.size(); ++row)
        members[size_t(row)] = scores.inPlay(row);
    for (const Handoff &h : open) {
        if (const auto row = leads.rowOf(h.leadId))
            members[size_t(*row)] = 0; // with sales now
    }
    return members;
}

std::vector<std::pair<int, bool>> interestMembership(const ScoringEngine &engine,
                                                     const QList<Handoff> &open,
                                                     const std::vector<int> &rows)
{
    const LeadTable &leads = engine.leads();
    QSet<qint64> withSales; // of these rows' leads
    if (!rows.empty()) {
        QSet<qint64> asked;
        for (int row : rows)
            asked.insert(leads.id(row));
        for (const Handoff &h : open) {
            if (asked.contains(h.leadId))
                withSales.insert(h.leadId);
        }
    }
    std::vector<std::pair<int, bool>> membership;
    membership.reserve(rows.size());
    for (int row : rows)
        membership.emplace_back(row,
                                engine.scores().inPlay(row) && !withSales.contains(leads.id(row)));
    return membership;
}

std::vector<int> interest(const ScoringEngine &engine, const QList<Handoff> &open, int limit)
{
    const LeadTable &leads = engine.leads();
    const ScoreBoard &scores = engine.scores();
    const std::vector<char> members = interestMembers(engine, open);
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

} // namespace handoff
