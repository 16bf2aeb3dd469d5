#include "store/latestrejections.h"

#include <algorithm>
#include <utility>

namespace handoff {

void LatestRejections::Builder::add(qint64 leadId, const Rejection &rejection)
{
    m_list.append(leadId, rejection);
}

LatestRejections LatestRejections::Builder::take()
{
    m_list.sortByLead();
    m_list.m_textIds = {}; // only adding needs it
    m_list.m_textsWhenBuilt = m_list.m_texts.size();
    return std::exchange(m_list, {});
}

void LatestRejections::append(qint64 leadId, const Rejection &rejection)
{
    m_entries.push_back({leadId, rejection.at, textId(rejection.by), textId(rejection.reason),
                         textId(rejection.note)});
}

void LatestRejections::sortByLead()
{
    // Stable, so of a lead noted twice the later stays last, and is the one kept.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.leadId < b.leadId; });
    const auto kept =
        std::unique(m_entries.rbegin(), m_entries.rend(),
                    [](const Entry &a, const Entry &b) { return a.leadId == b.leadId; });
    m_entries.erase(m_entries.begin(), kept.base());
    m_entries.shrink_to_fit();
}

LatestRejections LatestRejections::withLeadsReplaced(const QSet<qint64> &leads,
                                                     const LatestRejections &now) const
{
    // The texts of both, `now`'s numbered after this list's: a verdict's few texts are not
    // looked for among the list's (one it holds already is held twice, which compares the
    // same). Once they are more than twice what the list was built with, plus some, they
    // are numbered again, each once.
    LatestRejections merged;
    merged.m_texts = m_texts + now.m_texts;
    merged.m_textsWhenBuilt = m_textsWhenBuilt;
    const auto offset = quint32(m_texts.size());
    merged.m_entries.reserve(m_entries.size() + now.m_entries.size());
    for (const Entry &e : m_entries) {
        if (!leads.contains(e.leadId))
            merged.m_entries.push_back(e);
    }
    const auto kept = merged.m_entries.size();
    for (const Entry &e : now.m_entries) {
        if (leads.contains(e.leadId))
            merged.m_entries.push_back(
                {e.leadId, e.at, e.by + offset, e.reason + offset, e.note + offset});
    }
    const auto byLead = [](const Entry &a, const Entry &b) { return a.leadId < b.leadId; };
    std::inplace_merge(merged.m_entries.begin(), merged.m_entries.begin() + std::ptrdiff_t(kept),
                       merged.m_entries.end(), byLead);
    if (merged.m_texts.size() <= 2 * merged.m_textsWhenBuilt + 256)
        return merged;
    Builder again;
    for (const Entry &e : merged.m_entries)
        again.add(e.leadId, merged.rejection(e));
    return again.take();
}

const LatestRejections::Entry *LatestRejections::entry(qint64 leadId) const
{
    const auto at = std::lower_bound(m_entries.begin(), m_entries.end(), leadId,
                                     [](const Entry &e, qint64 id) { return e.leadId < id; });
    return at != m_entries.end() && at->leadId == leadId ? &*at : nullptr;
}

std::optional<Rejection> LatestRejections::find(qint64 leadId) const
{
    const Entry *e = entry(leadId);
    return e ? std::optional(rejection(*e)) : std::nullopt;
}

bool LatestRejections::operator==(const LatestRejections &other) const
{
    // Texts are numbered as each list met them: compared as texts.
    return std::equal(m_entries.begin(), m_entries.end(), other.m_entries.begin(),
                      other.m_entries.end(), [&](const Entry &a, const Entry &b) {
                          return a.leadId == b.leadId && rejection(a) == other.rejection(b);
                      });
}

quint32 LatestRejections::textId(const QString &text)
{
    const auto known = m_textIds.constFind(text);
    if (known != m_textIds.cend())
        return *known;
    const auto id = quint32(m_texts.size());
    m_texts.append(text);
    m_textIds.insert(text, id);
    return id;
}

Rejection LatestRejections::rejection(const Entry &e) const
{
    return {e.at, m_texts[e.by], m_texts[e.reason], m_texts[e.note]};
}

} // namespace handoff
