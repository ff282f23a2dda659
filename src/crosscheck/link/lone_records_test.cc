#include "crosscheck/link/lone_records.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/link/pair_comparator.h"
#include "crosscheck/link/prepared_table.h"
#include "crosscheck/link/record_table.h"

namespace crosscheck::link {
namespace {

// A lone record, the two records of its person that each kept part of it, the whole person
// in one record, and a stranger.
constexpr int kLone = 0, kKeptGiven = 1, kKeptSurname = 2, kWhole = 3, kStranger = 4;

struct Fixture {
  Fixture() {
    LinkSource source;
    source.name = "people.csv";
    source.header = {"id", "given_name", "surname", "suburb"};
    source.rows = {{"r0", "gyndvoun", "nelzon", "dack hill"},
                   {"r1", "gyndvoun", "smith", "ashford"},
                   {"r2", "mary", "nelzon", "ashford"},
                   {"r3", "gyndvoun", "nelzon", "ashford"},
                   {"r4", "peter", "jones", "kew"}};
    IssueLog issues;
    auto built = BuildRecordTable({source}, SchemaOptions{.id_column = "id"}, issues);
    EXPECT_TRUE(built);
    table = std::make_unique<PreparedTable>(PreparedTable::FromRecords(*built, 1));
    comparator = std::make_unique<PairComparator>(*table);
    // Each level's m falls and u rises from exact to "else": every agreement is evidence.
    for (std::size_t field_idx = 0; field_idx < comparator->field_count(); ++field_idx) {
      FieldParameters field;
      field.spec = built->fields[field_idx];
      const std::vector<std::string>& labels = comparator->level_labels(field_idx);
      for (std::size_t level = 0; level < labels.size(); ++level) {
        const double n = static_cast<double>(labels.size());
        field.levels.push_back({labels[level], (n - level) / (n * (n + 1) / 2), 0.001 * (level + 1)});
      }
      field.levels.back().u = 0.99;
      model.fields.push_back(std::move(field));
    }
    model.lambda = 1e-2;
    scorer = std::make_unique<MatchScorer>(model, *table, *comparator);
  }
  double PairWeight(std::uint32_t a, std::uint32_t b) const { return scorer->Score(a, b, nullptr); }

  std::unique_ptr<PreparedTable> table;
  std::unique_ptr<PairComparator> comparator;
  LinkModel model;
  std::unique_ptr<MatchScorer> scorer;
};

TEST(ClusterEvidenceWeight, OneMemberIsThePairsOwnWeight) {
  const Fixture fixture;
  const std::vector<std::uint32_t> members = {kWhole};
  bool vetoed = true;
  EXPECT_DOUBLE_EQ(ClusterEvidenceWeight(*fixture.scorer, kLone, members, &vetoed), fixture.PairWeight(kLone, kWhole));
  EXPECT_FALSE(vetoed);
}

TEST(ClusterEvidenceWeight, MembersTogetherGiveTheBestLevelsLessABitPerDoubledValue) {
  const Fixture fixture;
  const std::vector<std::uint32_t> members = {kKeptGiven, kKeptSurname};
  const double together = ClusterEvidenceWeight(*fixture.scorer, kLone, members, nullptr);
  // Given name and surname each agree with one member: the evidence of the whole-person
  // record, less one bit for each of the two fields where the members hold two values.
  EXPECT_NEAR(together, fixture.PairWeight(kLone, kWhole) - 2.0, 1e-9);
  EXPECT_GT(together, fixture.PairWeight(kLone, kKeptGiven));
  EXPECT_GT(together, fixture.PairWeight(kLone, kKeptSurname));
}

TEST(AttachLoneRecords, JoinsTheClusterThatHoldsItsValuesNotAStranger) {
  const Fixture fixture;
  ClusterSet clusters(fixture.table->size());
  ASSERT_TRUE(clusters.MergeUnlessExclusive(kKeptGiven, kKeptSurname));
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates = {
      {kLone, kKeptGiven}, {kLone, kStranger}, {kKeptSurname, kStranger}};
  // At a threshold the pairs alone do not reach, the cluster's evidence does.
  const double threshold = 0.5;
  ASSERT_LT(fixture.scorer->LinkProbability(kLone, kKeptGiven), threshold);
  ASSERT_LT(fixture.scorer->LinkProbability(kLone, kKeptSurname), threshold);
  EXPECT_EQ(AttachLoneRecords(candidates, *fixture.scorer, threshold, 1, clusters), 1U);
  EXPECT_EQ(clusters.cluster_of(kLone), clusters.cluster_of(kKeptGiven));
  EXPECT_EQ(clusters.size_of(kStranger), 1U);
}

TEST(AttachLoneRecords, LeavesARecordAloneWhenTheClusterSaysTooLittle) {
  const Fixture fixture;
  ClusterSet clusters(fixture.table->size());
  ASSERT_TRUE(clusters.MergeUnlessExclusive(kKeptGiven, kKeptSurname));
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates = {{kStranger, kKeptGiven}};
  EXPECT_EQ(AttachLoneRecords(candidates, *fixture.scorer, 0.5, 1, clusters), 0U);
  EXPECT_EQ(clusters.size_of(kStranger), 1U);
}

TEST(AttachLoneRecords, KeepsExclusiveSourcesOneToOne) {
  const Fixture fixture;
  ClusterSet clusters(fixture.table->size());
  // The lone record comes from the source of one of the cluster's members, and sources are
  // one-to-one: however strong the evidence, the cluster has that source's record already.
  const std::vector<std::uint32_t> source_of = {0, 1, 0, 2, 3};
  clusters.SetExclusiveSources(source_of, 0b1111);
  ASSERT_TRUE(clusters.MergeUnlessExclusive(kKeptGiven, kKeptSurname));
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates = {{kLone, kKeptGiven}};
  EXPECT_EQ(AttachLoneRecords(candidates, *fixture.scorer, 0.5, 1, clusters), 0U);
  EXPECT_EQ(clusters.size_of(kLone), 1U);
}

}  // namespace
}  // namespace crosscheck::link
