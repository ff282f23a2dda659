// Pairwise precision, recall and F1 of a predicted grouping against a true one, the standard
// measure for entity resolution and clustering (every pair of items in one group counts once).
//
//   PairCounts counts = CountPairs(predicted_ids, true_ids);  // same length, one entry per item
//   double f1 = counts.f1();
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crosscheck::evaluate {

// PairCounts holds the pair tallies; precision and recall are 1 when nothing was predicted or
// nothing was true (no pair to get wrong), so a world without duplicates scores perfectly.
struct PairCounts {
  std::uint64_t predicted_pairs = 0;  // pairs placed in one predicted group
  std::uint64_t true_pairs = 0;       // pairs that share a true group
  std::uint64_t correct_pairs = 0;    // pairs in both

  double precision() const;
  double recall() const;
  double f1() const;
};

// CountPairs counts pairs over items i < j. predicted[i] and truth[i] label item i; an empty
// label makes the item a group of its own. O(n log n) via a contingency table.
PairCounts CountPairs(const std::vector<std::string>& predicted, const std::vector<std::string>& truth);

}  // namespace crosscheck::evaluate
