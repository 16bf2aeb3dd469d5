#pragma once

// How the process's heap gives memory back. A million-lead console reads every lead with
// buffers of tens of MB that live for a moment (the recent week's build list, the lead
// table's columns growing, the sales view's engine taken over by the full one). glibc serves
// blocks of that size from its heaps once one was freed (its mmap threshold follows the
// largest block freed) and keeps a heap per thread, so a buffer freed on the reading thread
// stays resident beside its successor. Blocks of 1 MiB or more mapped on their own, given
// back when freed, and two heaps for the two cores: reading every lead behind the window
// peaked at 451 to 475 MiB instead of 485 (import and open times unchanged).

namespace handoff::heappolicy {

// Call first in main(), before any thread starts. Does nothing outside glibc.
void apply();

// Gives the heaps' free memory back to the system: after a large read whose passing buffers
// are freed, so that they do not add to the peak of what comes next (the column blocks come
// from a pool of their own, scoring/blockpool.h, and cannot reuse them). Does nothing
// outside glibc.
void giveBackFreed();

} // namespace handoff::heappolicy
