#include "crosscheck/simulate/linkage_data.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "crosscheck/simulate/record_corruption.h"

namespace crosscheck::simulate {
namespace {

LinkageDataConfig SmallMultiParty(std::uint64_t seed) {
  LinkageDataConfig config;
  config.seed = seed;
  config.sources = 4;
  config.records_per_source = 400;
  return config;
}

TEST(LinkageData, MultiPartySourcesAreDuplicateFreeAndOverlap) {
  const Result<LinkageData> data = GenerateLinkageData(SmallMultiParty(3));
  ASSERT_TRUE(data.has_value());
  ASSERT_EQ(data->tables.size(), 4U);
  EXPECT_EQ(data->truth.rows.size(), 1600U);
  std::map<std::string, std::set<std::string>> sources_of_entity;
  std::map<std::string, std::set<std::string>> entities_of_source;
  for (const auto& row : data->truth.rows) {
    EXPECT_TRUE(entities_of_source[row[0]].insert(row[2]).second) << "entity twice in " << row[0];
    sources_of_entity[row[2]].insert(row[0]);
  }
  std::size_t shared = 0;
  for (const auto& [entity, sources] : sources_of_entity) shared += sources.size() > 1;
  EXPECT_GT(shared, 100U);  // overlap is drawn in [0.3, 0.7] of 400 per source
  EXPECT_LT(shared, sources_of_entity.size());
  for (const LinkageTable& table : data->tables) {
    EXPECT_EQ(table.rows.size(), 400U);
    for (const auto& row : table.rows) EXPECT_EQ(row.size(), table.header.size());
  }
}

TEST(LinkageData, HistoricalGivesEveryPersonARecordAndManyDuplicates) {
  LinkageDataConfig config;
  config.kind = LinkageKind::kHistorical;
  config.people = 300;
  config.records = 1800;
  const Result<LinkageData> data = GenerateLinkageData(config);
  ASSERT_TRUE(data.has_value());
  ASSERT_EQ(data->tables.size(), 1U);
  EXPECT_EQ(data->tables[0].rows.size(), 1800U);
  std::map<std::string, std::size_t> records_of;
  for (const auto& row : data->truth.rows) ++records_of[row[2]];
  EXPECT_EQ(records_of.size(), 300U);
  std::size_t most = 0;
  for (const auto& [person, count] : records_of) most = std::max(most, count);
  EXPECT_GT(most, 20U);  // heavy-tailed: some people fill many registers
}

TEST(LinkageData, SameSeedSameDataOtherSeedOtherData) {
  const Result<LinkageData> first = GenerateLinkageData(SmallMultiParty(9));
  const Result<LinkageData> again = GenerateLinkageData(SmallMultiParty(9));
  const Result<LinkageData> other = GenerateLinkageData(SmallMultiParty(10));
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first->tables[0].rows, again->tables[0].rows);
  EXPECT_EQ(first->settings, again->settings);
  EXPECT_NE(first->tables[0].rows, other->tables[0].rows);
}

TEST(LinkageData, RejectsBadConfigurations) {
  LinkageDataConfig config = SmallMultiParty(1);
  config.sources = 1;
  EXPECT_FALSE(GenerateLinkageData(config).has_value());
  config = SmallMultiParty(1);
  config.corruption = 1.5;
  EXPECT_FALSE(GenerateLinkageData(config).has_value());
  config.kind = LinkageKind::kHistorical;
  config.corruption = 0.2;
  config.people = 10;
  config.records = 5;
  EXPECT_FALSE(GenerateLinkageData(config).has_value());
  EXPECT_FALSE(ParseLinkageKind("voters").has_value());
}

TEST(RecordCorruption, EveryKindChangesAValue) {
  Rng rng(5);
  for (int kind = 0; kind <= static_cast<int>(CorruptionKind::kTruncate); ++kind) {
    SCOPED_TRACE(kind);
    for (const char* name : {"katherine", "smith", "o", "mill"}) {
      EXPECT_NE(ApplyCorruption(name, static_cast<CorruptionKind>(kind), rng), name);
    }
  }
  for (int trial = 0; trial < 50; ++trial) {
    const std::string code = CorruptDigits("2614", rng);
    EXPECT_NE(code, "2614");
    EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
  }
}

}  // namespace
}  // namespace crosscheck::simulate
