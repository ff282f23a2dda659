#include "crosscheck/link/blocking_misses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::link {
namespace {

// A table of surnames only: 150 "smith" records (one block over the cap, and no other field
// to split it by) of one person, and two records of another person spelled apart.
TEST(BlockingMisses, NamesTheCauseOfEachMissedTruePair) {
  PreparedTable table({FieldSpec{"surname", FieldType::kSurname}});
  std::vector<std::string> labels;
  for (int record = 0; record < 150; ++record) {
    table.Append(0, "s" + std::to_string(record), {"smith"});
    labels.push_back("smith");
  }
  table.Append(0, "a", {"quixote"});
  table.Append(0, "b", {"zabala"});
  labels.insert(labels.end(), {"other", "other"});
  const std::vector<BlockingRule> rules = {BlockingRule{{KeyPart{0, KeyKind::kExact}}}};
  const CandidatePairs candidates = GenerateCandidatePairs(table, rules, BlockingOptions{}, 1);
  EXPECT_TRUE(candidates.pairs.empty());
  const std::vector<BlockingMiss> misses = FindBlockingMisses(table, rules, candidates, labels);
  ASSERT_EQ(misses.size(), 1U + 150U * 149U / 2U);
  // "other" sorts before "smith".
  EXPECT_EQ(misses[0].cause, MissCause::kNoSharedKey);
  EXPECT_EQ(misses[0].left, 150U);
  EXPECT_EQ(misses[1].cause, MissCause::kOverCapBlock);
  EXPECT_EQ(misses[1].rule, 0U);
  EXPECT_EQ(misses[1].block_size, 150U);
}

}  // namespace
}  // namespace crosscheck::link
