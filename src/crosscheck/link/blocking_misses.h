// Blocking misses: the true pairs blocking did not make candidates, and why — the measurement
// behind blocking's pairs completeness (docs/PERFORMANCE.md, issue 19). A pair either shares
// no key under any rule (the rules are too narrow for its corruption) or shares keys only in
// blocks over the cap that splitting did not recover.
//
//   std::vector<BlockingMiss> misses = FindBlockingMisses(table, rules, candidates, labels, options);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/link/blocking.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// MissCause is why blocking missed a true pair.
enum class MissCause : std::uint8_t {
  kNoSharedKey,   // no rule gives both records a common key
  kOverCapBlock,  // they share keys, but only in blocks over max_block_size
};

// BlockingMiss is one missed true pair (left < right). For kOverCapBlock, rule and block_size
// name the smallest block the two share.
struct BlockingMiss {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  MissCause cause = MissCause::kNoSharedKey;
  std::size_t rule = 0;
  std::size_t block_size = 0;
};

// FindBlockingMisses returns the pairs of records with the same non-empty label that are not
// in `candidates` (as GenerateCandidatePairs made them from `rules`), in label order.
// O(records · rules · keys + true pairs); memory holds every record's keys under every rule.
std::vector<BlockingMiss> FindBlockingMisses(const PreparedTable& table,
                                             const std::vector<BlockingRule>& rules,
                                             const CandidatePairs& candidates,
                                             const std::vector<std::string>& labels);

}  // namespace crosscheck::link
