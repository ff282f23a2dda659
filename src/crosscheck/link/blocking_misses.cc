#include "crosscheck/link/blocking_misses.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace crosscheck::link {

std::vector<BlockingMiss> FindBlockingMisses(const PreparedTable& table,
                                             const std::vector<BlockingRule>& rules,
                                             const CandidatePairs& candidates,
                                             const std::vector<std::string>& labels) {
  std::unordered_set<std::uint64_t> candidate_set;
  candidate_set.reserve(candidates.pairs.size());
  for (const auto& [left, right] : candidates.pairs) {
    candidate_set.insert((std::uint64_t{std::min(left, right)} << 32) | std::max(left, right));
  }
  // Every record's keys under every rule, and each key's block size (before the cap).
  std::vector<std::vector<std::vector<std::uint64_t>>> keys(rules.size(),
                                                            std::vector<std::vector<std::uint64_t>>(table.size()));
  std::vector<std::unordered_map<std::uint64_t, std::size_t>> block_sizes(rules.size());
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    for (std::size_t record_idx = 0; record_idx < table.size(); ++record_idx) {
      std::vector<std::uint64_t>& record_keys = keys[rule_idx][record_idx];
      ComputeRuleKeys(table, rules[rule_idx], static_cast<std::uint32_t>(rule_idx), record_idx, record_keys);
      for (std::uint64_t key : record_keys) ++block_sizes[rule_idx][key];
    }
  }
  // A std::map keeps the output in label order, independent of hashing.
  std::map<std::string, std::vector<std::uint32_t>> members;
  for (std::uint32_t record_idx = 0; record_idx < labels.size(); ++record_idx) {
    if (!labels[record_idx].empty()) members[labels[record_idx]].push_back(record_idx);
  }
  std::vector<BlockingMiss> misses;
  for (const auto& [label, records] : members) {
    for (std::size_t first = 0; first < records.size(); ++first) {
      for (std::size_t second = first + 1; second < records.size(); ++second) {
        BlockingMiss miss{records[first], records[second]};
        if (candidate_set.contains((std::uint64_t{miss.left} << 32) | miss.right)) continue;
        for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
          const auto& right_keys = keys[rule_idx][miss.right];
          for (std::uint64_t key : keys[rule_idx][miss.left]) {
            if (std::find(right_keys.begin(), right_keys.end(), key) == right_keys.end()) continue;
            const std::size_t size = block_sizes[rule_idx].at(key);
            if (miss.cause == MissCause::kNoSharedKey || size < miss.block_size) {
              miss = {miss.left, miss.right, MissCause::kOverCapBlock, rule_idx, size};
            }
          }
        }
        misses.push_back(miss);
      }
    }
  }
  return misses;
}

}  // namespace crosscheck::link
