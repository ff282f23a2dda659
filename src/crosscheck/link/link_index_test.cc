#include "crosscheck/link/link_index.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/link/model_io.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::link {
namespace {

const std::string kShared = CROSSCHECK_SHARED_DIR;

LinkSource LoadCsv(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  LinkSource source;
  source.name = name;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields = SplitString(line, ',');
    for (auto& field : fields) field = std::string(TrimAscii(field));
    if (source.header.empty()) {
      source.header = std::move(fields);
    } else {
      fields.resize(source.header.size());
      source.rows.push_back(std::move(fields));
    }
  }
  return source;
}

// Partition renders clusters as a set of member sets, independent of ids.
std::set<std::set<std::size_t>> Partition(const std::vector<std::string>& cluster_ids) {
  std::map<std::string, std::set<std::size_t>> groups;
  for (std::size_t idx = 0; idx < cluster_ids.size(); ++idx) groups[cluster_ids[idx]].insert(idx);
  std::set<std::set<std::size_t>> partition;
  for (auto& [id, members] : groups) partition.insert(members);
  return partition;
}

struct IncrementalRun {
  std::vector<std::string> batch_ids;
  std::vector<std::string> incremental_ids;
};

IncrementalRun RunBoth(const std::vector<LinkSource>& sources, const SchemaOptions& schema) {
  IssueLog issues;
  auto table = BuildRecordTable(sources, schema, issues);
  EXPECT_TRUE(table);
  auto engine = LinkEngine::Run(*table, LinkOptions{});
  EXPECT_TRUE(engine);
  // Through model.json, as a service would start.
  auto model = ModelFromJson(ModelToJson(engine->model()));
  EXPECT_TRUE(model);
  auto index = LinkIndex::CreateFromModel(std::move(*model), LinkOptions{});
  EXPECT_TRUE(index) << index.error().ToString();
  IncrementalRun run;
  run.batch_ids = engine->cluster_ids();
  for (const Record& record : table->records) {
    auto added = index->Add(table->sources[record.source], record.id, record.values);
    EXPECT_TRUE(added);
  }
  for (std::uint32_t record = 0; record < table->records.size(); ++record) {
    run.incremental_ids.push_back(index->cluster_id(record));
  }
  return run;
}

TEST(LinkIndex, AddingFebrlOneByOneGivesTheBatchClusters) {
  const IncrementalRun run = RunBoth({LoadCsv(kShared + "/data/febrl/dataset4a.csv", "dataset4a.csv"),
                                      LoadCsv(kShared + "/data/febrl/dataset4b.csv", "dataset4b.csv")},
                                     SchemaOptions{.id_column = "rec_id"});
  EXPECT_EQ(Partition(run.incremental_ids), Partition(run.batch_ids));
  // Stable ids: the same content gives the same id either way.
  EXPECT_EQ(run.incremental_ids, run.batch_ids);
}

TEST(LinkIndex, FakeThousandIncrementalAgreesWithBatch) {
  const IncrementalRun run = RunBoth({LoadCsv(kShared + "/data/splink/fake_1000.csv", "fake_1000.csv")},
                                     SchemaOptions{.id_column = "unique_id", .ignore = {"cluster"}});
  // Arrival order can change a few merge decisions in large noisy clusters; pairwise
  // agreement must stay high.
  auto pairs_of = [](const std::vector<std::string>& ids) {
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    for (const auto& members : Partition(ids)) {
      for (auto a = members.begin(); a != members.end(); ++a) {
        for (auto b = std::next(a); b != members.end(); ++b) pairs.emplace(*a, *b);
      }
    }
    return pairs;
  };
  const auto batch = pairs_of(run.batch_ids);
  const auto incremental = pairs_of(run.incremental_ids);
  std::size_t common = 0;
  for (const auto& pair : incremental) common += batch.contains(pair);
  const double agreement = 2.0 * static_cast<double>(common) / static_cast<double>(batch.size() + incremental.size());
  std::printf("fake_1000 incremental vs batch pairwise agreement %.4f\n", agreement);
  // Batch clustering may merge two multi-record clusters; one-by-one adds only join a new
  // record to clusters, so the two differ a little more on heavily duplicated data.
  EXPECT_GE(agreement, 0.94);
}

TEST(LinkIndex, RejectsRepeatedRecordsAndBadRules) {
  LinkModel model;
  model.lambda = 0.001;
  model.fields.push_back({{"name", FieldType::kFullName},
                          {{"exact", 0.9, 0.01}, {"reordered", 0.05, 0.01}, {"close", 0.03, 0.02},
                           {"some", 0.01, 0.05}, {"else", 0.01, 0.91}}});
  model.fields.push_back({{"email", FieldType::kEmail},
                          {{"exact", 0.8, 0.0001}, {"local", 0.1, 0.001}, {"near", 0.05, 0.001}, {"else", 0.05, 0.997}}});
  model.blocking_rules = {"name:token pairs", "email:exact"};
  auto index = LinkIndex::CreateFromModel(model, LinkOptions{});
  ASSERT_TRUE(index) << index.error().ToString();
  auto first = index->Add("a", "1", {"Maria Lopez", "maria@x.com"});
  auto second = index->Add("a", "2", {"Lopez Maria", "maria@x.com"});
  auto third = index->Add("a", "3", {"Kim Park", "kim@y.com"});
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(second->cluster_id, index->cluster_id(first->record));
  EXPECT_NE(third->cluster_id, second->cluster_id);
  ASSERT_EQ(second->links.size(), 1u);
  EXPECT_FALSE(index->Add("a", "1", {"x", "y"}));
  model.blocking_rules = {"nosuchfield:exact"};
  EXPECT_FALSE(LinkIndex::CreateFromModel(model, LinkOptions{}));
}

}  // namespace
}  // namespace crosscheck::link
