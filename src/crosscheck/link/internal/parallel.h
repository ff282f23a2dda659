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

// ParallelSort sorts `items` by `less` on up to `threads` threads (0 = all cores): equal
// parts sorted concurrently, then merged. The order of elements that compare equal depends
// on the thread count, so `less` must be a total order (break ties, e.g. by index) wherever
// the result must not depend on it.
template <class T, class Less>
void ParallelSort(std::vector<T>& items, Less less, unsigned threads = 0) {
  constexpr std::size_t kMinPart = 1 << 16;
  const std::size_t parts = std::min<std::size_t>(ResolveThreads(threads), std::max<std::size_t>(1, items.size() / kMinPart));
  if (parts <= 1) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  std::vector<std::size_t> bounds(parts + 1);
  for (std::size_t part = 0; part <= parts; ++part) bounds[part] = items.size() * part / parts;
  const auto at = [&](std::size_t pos) { return items.begin() + static_cast<std::ptrdiff_t>(pos); };
  RunTasks(parts, static_cast<unsigned>(parts), [&](std::size_t part) {
    std::sort(at(bounds[part]), at(bounds[part + 1]), less);
  });
  for (std::size_t part = 1; part < parts; ++part) {
    std::inplace_merge(items.begin(), at(bounds[part]), at(bounds[part + 1]), less);
  }
}

}  // namespace crosscheck::link::internal
