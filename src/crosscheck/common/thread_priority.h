// Background work that must not delay requests: a service's whole-store rescans run beside
// the requests they serve on the same few cores.
#pragma once

#include "crosscheck/common/error.h"

namespace crosscheck {

// LowerThisThreadsPriority sets the calling thread's nice value to `nice` (1..19; Linux
// schedules threads, so the rest of the process keeps its own). The scheduler then gives a
// waking normal thread the core at once and the background thread a share by weight (nice 10:
// about a tenth of a contended core), so background work slows under load but never stops.
// Threads the caller starts afterwards inherit the value, so a background scan's workers
// follow it. Errors: kInvalidInput for a value out of range; kInternal with the system's
// reason (the thread keeps its priority and may go on).
Status LowerThisThreadsPriority(int nice);

// ThisThreadsNice is the calling thread's nice value.
int ThisThreadsNice();

}  // namespace crosscheck
