#pragma once

// Memory for the column blocks (scoring/sharedblocks.h), taken from 2 MiB slabs the kernel
// is asked to back with huge pages. A million-lead console fills some 200 MiB of blocks as it
// starts. On this machine (a virtual one, where a page fault is dear) writing 400 MiB for the
// first time takes 1.2 to 1.4 s in 4 KiB pages and 0.03 to 0.8 s in 2 MiB ones. A slab whose
// blocks are all given back goes back to the system (one spare kept for each size).

#include <cstddef>

namespace handoff::blockpool {

constexpr size_t SlabBytes = size_t(2) << 20;

// `bytes` a power of two from 4 KiB up to SlabBytes; aligned to it. Throws std::bad_alloc
// when the system has no more memory.
void *take(size_t bytes);
// What take(bytes) returned, with the same `bytes`.
void give(void *block, size_t bytes) noexcept;

// Slabs held from the system, in use or spare: for tests and memory reports.
size_t slabCount();
// The bytes of the blocks taken and not given back.
size_t bytesTaken();

} // namespace handoff::blockpool
