#include "crosscheck/link/nearest_blocks.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "crosscheck/link/blocking.h"

namespace crosscheck::link {
namespace {

PreparedTable Table(const std::vector<std::vector<std::string>>& rows) {
  PreparedTable table({FieldSpec{"given_name", FieldType::kGivenName}, FieldSpec{"surname", FieldType::kSurname},
                       FieldSpec{"postcode", FieldType::kPostalCode}});
  for (std::size_t idx = 0; idx < rows.size(); ++idx) table.Append(0, std::to_string(idx), rows[idx]);
  return table;
}

TEST(NearestBlocks, AlikeNamesAreNearerThanStrangers) {
  const PreparedTable table = Table({{"brandon", "nairdathwund", "2600"},
                                     {"brnadon", "nairaclthwund", "2600"},
                                     {"mary", "oconnor", "2600"},
                                     {"", "", "2600"}});
  const std::vector<NameBigrams> names = NameBigramSets(table);
  EXPECT_GT(NameSimilarity(names[0], names[1]), NameSimilarity(names[0], names[2]));
  EXPECT_EQ(NameSimilarity(names[0], names[3]), 0.0);  // no name, nothing alike
  EXPECT_EQ(NameSimilarity(names[0], names[0]), 1.0);
}

TEST(NearestBlocks, EachMemberPairsWithItsNearestOnly) {
  const PreparedTable table = Table({{"brandon", "nairdathwund", "2600"},
                                     {"brnadon", "nairaclthwund", "2600"},
                                     {"mary", "oconnor", "2600"},
                                     {"marie", "oconnor", "2600"},
                                     {"", "", "2600"}});
  const std::vector<NameBigrams> names = NameBigramSets(table);
  const std::vector<std::uint32_t> members{0, 1, 2, 3, 4};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  NearestPairs(names, members, 1, pairs);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  EXPECT_EQ(pairs, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}, {2, 3}}));
}

TEST(NearestBlocks, RuleRoundTripsThroughItsDescription) {
  const PreparedTable table = Table({{"a", "b", "1"}});
  BlockingRule rule{{KeyPart{2, KeyKind::kExact}}};
  rule.nearest = 4;
  const std::string text = rule.Describe(table);
  EXPECT_EQ(text, "postcode:exact ~4");
  std::vector<FieldSpec> fields;
  for (std::size_t idx = 0; idx < table.field_count(); ++idx) fields.push_back(table.column(idx).spec());
  const std::optional<BlockingRule> parsed = ParseBlockingRule(text, fields);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->nearest, 4u);
  EXPECT_FALSE(ParseBlockingRule("postcode:exact ~x", fields).has_value());
  EXPECT_FALSE(ParseBlockingRule("postcode:exact ~0", fields).has_value());
  EXPECT_FALSE(ParseBlockingRule("given_name:exact + postcode:exact ~2", fields).has_value());
}

TEST(NearestBlocks, ABroadPlaceStillPairsNamesCorruptedPastTheirKeys) {
  // 300 people in one postcode (too broad to pair in full), each twice: once as written and
  // once with both names corrupted so no name key agrees; a nearest rule on the postcode
  // pairs each with its twin.
  std::vector<std::vector<std::string>> rows;
  std::uint64_t state = 12345;
  auto letter = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<char>('a' + (state >> 33) % 26);
  };
  for (int person = 0; person < 300; ++person) {
    std::string given, surname;
    for (int idx = 0; idx < 7; ++idx) given += letter();
    for (int idx = 0; idx < 8; ++idx) surname += letter();
    rows.push_back({given, surname, "2600"});
    rows.push_back({"x" + given.substr(1), "q" + surname.substr(1), "2600"});
  }
  const PreparedTable table = Table(rows);
  BlockingRule rule{{KeyPart{2, KeyKind::kExact}}};
  rule.nearest = 2;
  BlockingOptions options;
  const CandidatePairs candidates = GenerateCandidatePairs(table, {rule}, options, 1);
  std::size_t twins = 0;
  for (const auto& [left, right] : candidates.pairs) twins += (left / 2 == right / 2);
  EXPECT_EQ(twins, 300u) << candidates.pairs.size() << " pairs";
  EXPECT_LE(candidates.pairs.size(), rows.size() * 2);
  rule.nearest = 0;  // in full, the block is over the cap: nothing
  options.max_split_block_size = 0;
  EXPECT_TRUE(GenerateCandidatePairs(table, {rule}, options, 1).pairs.empty());
}

}  // namespace
}  // namespace crosscheck::link
