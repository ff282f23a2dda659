// ParallelFor: runs work(index) for every index in [0, count) on up to 8 threads, each taking
// the next index as it finishes one (uneven work, such as companies of different sizes, stays
// balanced). Internal to pipeline; work must be safe to run concurrently for distinct indexes.
//
//   internal::ParallelFor(records.size(), [&](std::size_t idx) { out[idx] = Encode(idx); });
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace crosscheck::pipeline::internal {

template <class Work>
void ParallelFor(std::size_t count, const Work& work) {
  const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned worker = 0; worker < threads; ++worker) {
    pool.emplace_back([&] {
      for (std::size_t idx = next++; idx < count; idx = next++) work(idx);
    });
  }
  for (std::thread& thread : pool) thread.join();
}

}  // namespace crosscheck::pipeline::internal
