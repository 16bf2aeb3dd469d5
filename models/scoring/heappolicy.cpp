#include "scoring/heappolicy.h"

#include <cstdlib> // defines __GLIBC__ under glibc
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace handoff::heappolicy {

void apply()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1 << 20); // fixed: no longer follows the largest block freed
    mallopt(M_ARENA_MAX, 2);
#endif
}

void giveBackFreed()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace handoff::heappolicy
