// Small std::thread helpers for the link module: run tasks on all cores while keeping
// results in a fixed order, so output never depends on the thread count.
//
//   RunTasks(rules.size(), threads, [&](std::size_t rule_idx) { Build(rule_idx); });
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace crosscheck::link::internal {

// ResolveThreads turns 0 ("all cores") into the hardware concurrency, at least 1.
inline unsigned ResolveThreads(unsigned threads) {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

// RunTasks calls fn(task) for every task in [0, tasks) on up to `threads` threads (0 = all
// cores). Tasks are taken dynamically; fn must write only task-owned output.
template <class Fn>
void RunTasks(std::size_t tasks, unsigned threads, Fn&& fn) {
  threads = static_cast<unsigned>(std::min<std::size_t>(ResolveThreads(threads), tasks));
  if (threads <= 1) {
    for (std::size_t task = 0; task < tasks; ++task) fn(task);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t task = next++; task < tasks; task = next++) fn(task);
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (unsigned worker = 1; worker < threads; ++worker) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
}

// RunChunks splits [0, items) into fixed chunks of chunk_size (independent of the thread
// count) and calls fn(chunk_idx, begin, end) for each, in parallel.
template <class Fn>
void RunChunks(std::size_t items, std::size_t chunk_size, unsigned threads, Fn&& fn) {
  const std::size_t chunks = (items + chunk_size - 1) / chunk_size;
  RunTasks(chunks, threads, [&](std::size_t chunk_idx) {
    const std::size_t begin = chunk_idx * chunk_size;
    fn(chunk_idx, begin, std::min(items, begin + chunk_size));
  });
}

}  // namespace crosscheck::link::internal
