#include "crosscheck/common/allocator_tuning.h"

#include <cstddef>
#include <cstdlib>

#if defined(CROSSCHECK_HAVE_MIMALLOC)
#include <mimalloc.h>
#endif

namespace crosscheck {

void TuneAllocator() {
#if defined(CROSSCHECK_HAVE_MIMALLOC)
  static const bool tuned = [] {
    // mimalloc has already reserved what MIMALLOC_RESERVE_OS_MEMORY asks for; don't add to it.
    if (mi_option_get(mi_option_reserve_os_memory) != 0) return false;
    // Transparent huge pages where the kernel offers them on request (madvise): a hub match of
    // the default world took 430k page faults, 270k with this (docs/PERFORMANCE.md). The
    // user's MIMALLOC_LARGE_OS_PAGES, when set, decides instead.
    if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr) mi_option_enable(mi_option_large_os_pages);
    // Measured on BM_ReadAndNormalize/200000/1 (200k rows, ~540 MB per iteration): the
    // median CPU time falls by ~15-30 % because freed rows' pages stay mapped (see
    // docs/PERFORMANCE.md). Committed = mapped read-write up front, so the arena's pages need
    // no mprotect later; not large OS pages, which this kernel would refuse and log. A failed
    // reservation (small address space, overcommit off) only leaves the default behaviour.
    constexpr std::size_t kArenaBytes = std::size_t{1} << 30;
    return mi_reserve_os_memory(kArenaBytes, /*commit=*/true, /*allow_large=*/false) == 0;
  }();
  (void)tuned;
#endif
}

}  // namespace crosscheck
