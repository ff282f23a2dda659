#include "crosscheck/link/block_splitting.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace crosscheck::link {
namespace {

// kOtherNames are ten given names of distinct phonetic codes.
constexpr const char* kOtherNames[] = {"mary", "peter", "susan", "robert", "linda",
                                       "george", "helen", "frank", "alice", "walter"};

// CommonSurname: 150 records all named "smith" (one block over the cap of 100): a famous
// "john smith" holds 40 of them, ten other given names 11 each.
PreparedTable CommonSurname() {
  PreparedTable table({FieldSpec{"given_name", FieldType::kGivenName}, FieldSpec{"surname", FieldType::kSurname}});
  for (int record = 0; record < 150; ++record) {
    const std::string given = record < 40 ? "john" : kOtherNames[(record - 40) / 11];
    table.Append(0, "r" + std::to_string(record), {given, "smith"});
  }
  return table;
}

// SplitAll splits the whole table as one block under a surname rule.
std::set<std::pair<std::uint32_t, std::uint32_t>> SplitAll(const PreparedTable& table, std::size_t max_block_size) {
  const std::vector<KeyPart> parts = RefiningParts(table, BlockingRule{{KeyPart{1, KeyKind::kExact}}});
  std::vector<std::uint32_t> members;
  for (std::uint32_t record = 0; record < table.size(); ++record) members.push_back(record);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  const std::size_t added = SplitOversizedBlock(table, parts, 42, members, max_block_size, pairs);
  EXPECT_EQ(added, pairs.size());
  return {pairs.begin(), pairs.end()};
}

TEST(BlockSplitting, RefinesOnTheFieldsTheRuleDoesNotKey) {
  const PreparedTable table = CommonSurname();
  const std::vector<KeyPart> parts = RefiningParts(table, BlockingRule{{KeyPart{1, KeyKind::kExact}}});
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].field, 0U);
  EXPECT_EQ(parts[0].kind, KeyKind::kPhonetic);
}

TEST(BlockSplitting, PairsTheRecordsThatAlsoShareTheSecondKey) {
  const PreparedTable table = CommonSurname();
  const auto pairs = SplitAll(table, 100);
  // Every pair of the 40 "john smith" records and of each other name's 11, none across names.
  EXPECT_EQ(pairs.size(), 40U * 39U / 2U + 10U * (11U * 10U / 2U));
  for (const auto& [left, right] : pairs) {
    EXPECT_LT(left, right);
    EXPECT_EQ(table.column(0).value(left, 0).text, table.column(0).value(right, 0).text);
  }
}

TEST(BlockSplitting, ASubBlockOverTheCapIsStillGeneric) {
  const PreparedTable table = CommonSurname();
  // 40 "john smith" records are over a cap of 30: only the other names' pairs remain.
  const auto pairs = SplitAll(table, 30);
  EXPECT_EQ(pairs.size(), 10U * (11U * 10U / 2U));
  for (const auto& [left, right] : pairs) EXPECT_GE(left, 40U);
}

}  // namespace
}  // namespace crosscheck::link
