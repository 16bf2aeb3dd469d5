#pragma once

// Who is in which queue. Intent: leads with an open hand-raise handoff, unclaimed first and
// oldest first. Interest: every other lead marketing still works (open stage), ordered by
// score, highest first. Disqualified leads are in neither.

#include <vector>

#include <QList>

#include "handoffrepository.h"

class ScoringEngine;

struct IntentQueueEntry
{
    Handoff handoff;
    int row = -1; // the lead's row in the engine's lead table
};

namespace queues {

QList<IntentQueueEntry> intent(const ScoringEngine &engine, const QList<Handoff> &openIntent);
// Open handoffs of any trigger whose lead is not disqualified: the sales view.
QList<IntentQueueEntry> sales(const ScoringEngine &engine, const QList<Handoff> &open);
// Per engine row, whether the lead is in the interest queue.
std::vector<char> interestMembers(const ScoringEngine &engine, const QList<Handoff> &openIntent);
// Rows of the interest queue, highest score first; `limit` < 0 means all of them.
std::vector<int> interest(const ScoringEngine &engine, const QList<Handoff> &openIntent,
                          int limit = -1);

} // namespace queues
