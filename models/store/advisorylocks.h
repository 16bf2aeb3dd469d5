#pragma once

// The team server's advisory locks the store takes, named in one place so that no two share
// a key. A lead is locked by its id, in the key space of one number (pg_advisory_lock(bigint):
// HandoffRepository::reserveLead, handOverAtOnce); everything else by a pair of numbers
// (pg_advisory_lock(int, int)), a key space of its own that no lead id reaches, each kind of
// lock with a first number of its own.

namespace handoff::advisorylocks {

// (HandingOver, desk) for desk 1 up to HandoffRepository::HandingOverDesks: the session locks
// of the desks that hand over (HandoffRepository::leadHandingOver).
constexpr int HandingOver = 0x48616e64; // "Hand"
// (RoutingPass, 1): a routing pass, one at a time (RoutingRepository::lockForPass).
constexpr int RoutingPass = 0x526f7574; // "Rout"

} // namespace handoff::advisorylocks
