// TuneAllocator sets the process allocator up for crosscheck's batch runs, where ingest and
// normalize allocate ~3 KB in ~60 small strings per application row and free them again.
// Call it once, first thing in main() (the CLI and the benchmarks do).
#pragma once

namespace crosscheck {

// TuneAllocator, with mimalloc linked (CROSSCHECK_HAVE_MIMALLOC), reserves a 1 GiB arena of
// address space at start-up. mimalloc keeps freed arena memory mapped, so memory that one
// stage frees is handed to the next without unmapping and page-faulting it in again; without
// the arena it allocates segments straight from the OS and returns them. The reservation is
// address space only: pages become resident when first written, and beyond 1 GiB mimalloc
// allocates from the OS as before. A MIMALLOC_RESERVE_OS_MEMORY in the environment wins.
// A no-op without mimalloc (sanitizer builds) and on any call after the first.
void TuneAllocator();

}  // namespace crosscheck
