// RadixSortByKey: a stable least-significant-digit radix sort of a vector by a 64-bit key.
// Linkage sorts millions of scored pairs by record indexes and by weight (three times per
// scan); a comparison sort spent more instructions there than comparing the pairs did.
//
//   internal::RadixSortByKey(pairs, [](const ScoredPair& p) { return PairKey(p.left, p.right); });
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace crosscheck::link::internal {

// RadixSortByKey sorts `items` ascending by key(item), stably (equal keys keep their order),
// in O(n · significant bytes of the largest key) with one scratch copy of the vector. Passes
// whose digit is the same for every item are skipped.
template <typename T, typename KeyFn>
void RadixSortByKey(std::vector<T>& items, KeyFn key) {
  if (items.size() < 2) return;
  constexpr int kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  std::vector<std::uint64_t> keys(items.size());
  std::uint64_t all_bits = 0;
  for (std::size_t idx = 0; idx < items.size(); ++idx) {
    keys[idx] = key(items[idx]);
    all_bits |= keys[idx];
  }
  const int passes = (std::bit_width(all_bits) + kDigitBits - 1) / kDigitBits;
  std::vector<T> scratch_items(items.size());
  std::vector<std::uint64_t> scratch_keys(items.size());
  for (int pass = 0; pass < passes; ++pass) {
    const int shift = pass * kDigitBits;
    std::array<std::size_t, kBuckets> starts{};
    for (std::uint64_t value : keys) ++starts[(value >> shift) & (kBuckets - 1)];
    // A digit every key shares moves nothing.
    if (starts[(keys[0] >> shift) & (kBuckets - 1)] == keys.size()) continue;
    std::size_t offset = 0;
    for (std::size_t& start : starts) {
      const std::size_t count = start;
      start = offset;
      offset += count;
    }
    for (std::size_t idx = 0; idx < items.size(); ++idx) {
      const std::size_t target = starts[(keys[idx] >> shift) & (kBuckets - 1)]++;
      scratch_items[target] = std::move(items[idx]);
      scratch_keys[target] = keys[idx];
    }
    items.swap(scratch_items);
    keys.swap(scratch_keys);
  }
}

// SortableFloat maps a float to an unsigned key with the same order (-0 and +0 equal).
inline std::uint32_t SortableFloat(float value) {
  if (value == 0.0F) value = 0.0F;
  const auto bits = std::bit_cast<std::uint32_t>(value);
  return (bits & 0x80000000U) != 0 ? ~bits : bits | 0x80000000U;
}

}  // namespace crosscheck::link::internal
