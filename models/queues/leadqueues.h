#pragma once

// Who is in which queue. Sales: leads with an open handoff (a raised hand, or a score that
// crossed the MQL threshold). Interest: every other lead marketing still works (open stage),
// ordered by score, highest first. Disqualified leads are in neither.

#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include <QList>

#include "store/handoffrepository.h"

namespace handoff {

class ScoringEngine;

struct IntentQueueEntry
{
    Handoff handoff;
    int row = -1; // the lead's row in the engine's lead table
};

namespace queues {

// The sales view's own order: unclaimed first, hand-raisers before MQLs, oldest first.
inline auto queueOrder(const Handoff &h)
{
    return std::tuple(!h.claimedBy.isEmpty(), h.trigger == Handoff::Trigger::Mql, h.raisedAt, h.id);
}

QList<IntentQueueEntry> intent(const ScoringEngine &engine, const QList<Handoff> &openIntent);
// Open handoffs of any trigger whose lead is not disqualified: the sales view.
QList<IntentQueueEntry> sales(const ScoringEngine &engine, const QList<Handoff> &open);
// The lead's row when the sales view shows this open handoff (its lead is known and not
// disqualified).
std::optional<int> salesRow(const ScoringEngine &engine, const Handoff &handoff);
// Per engine row, whether the lead is in the interest queue: open stage, not disqualified,
// no open handoff.
std::vector<char> interestMembers(const ScoringEngine &engine, const QList<Handoff> &open);
// The same for these engine rows only, each with whether it is in the interest queue.
std::vector<std::pair<int, bool>> interestMembership(const ScoringEngine &engine,
                                                     const QList<Handoff> &open,
                                                     const std::vector<int> &rows);
// Rows of the interest queue, highest score first; `limit` < 0 means all of them.
std::vector<int> interest(const ScoringEngine &engine, const QList<Handoff> &open, int limit = -1);

} // namespace queues

} // namespace handoff
