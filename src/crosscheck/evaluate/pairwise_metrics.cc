#include "crosscheck/evaluate/pairwise_metrics.h"

#include <unordered_map>

#include "crosscheck/common/check.h"

namespace crosscheck::evaluate {
namespace {

std::uint64_t PairsIn(std::uint64_t group_size) { return group_size * (group_size - 1) / 2; }

// Group sizes of non-empty labels (an empty label stands alone: it forms no pair).
template <class Key>
std::uint64_t SumPairs(const std::unordered_map<Key, std::uint64_t>& sizes) {
  std::uint64_t total = 0;
  for (const auto& [label, size] : sizes) total += PairsIn(size);
  return total;
}

}  // namespace

double PairCounts::precision() const {
  return predicted_pairs == 0 ? 1.0 : static_cast<double>(correct_pairs) / predicted_pairs;
}

double PairCounts::recall() const {
  return true_pairs == 0 ? 1.0 : static_cast<double>(correct_pairs) / true_pairs;
}

double PairCounts::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

PairCounts CountPairs(const std::vector<std::string>& predicted, const std::vector<std::string>& truth) {
  CC_CHECK(predicted.size() == truth.size()) << predicted.size() << " vs " << truth.size();
  std::unordered_map<std::string, std::uint64_t> predicted_sizes;
  std::unordered_map<std::string, std::uint64_t> true_sizes;
  std::unordered_map<std::string, std::uint64_t> joint_sizes;
  for (std::size_t item_idx = 0; item_idx < predicted.size(); ++item_idx) {
    const bool has_predicted = !predicted[item_idx].empty();
    const bool has_truth = !truth[item_idx].empty();
    if (has_predicted) ++predicted_sizes[predicted[item_idx]];
    if (has_truth) ++true_sizes[truth[item_idx]];
    if (has_predicted && has_truth) {
      ++joint_sizes[predicted[item_idx] + '\x1f' + truth[item_idx]];
    }
  }
  PairCounts counts;
  counts.predicted_pairs = SumPairs(predicted_sizes);
  counts.true_pairs = SumPairs(true_sizes);
  counts.correct_pairs = SumPairs(joint_sizes);
  return counts;
}

}  // namespace crosscheck::evaluate
