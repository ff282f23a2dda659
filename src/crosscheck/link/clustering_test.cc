#include "crosscheck/link/clustering.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace crosscheck::link {
namespace {

// A probability table over record pairs; pairs not listed are 0.01 (clearly different).
struct Graph {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> probability;
  double operator()(std::uint32_t a, std::uint32_t b) const {
    auto it = probability.find({std::min(a, b), std::max(a, b)});
    return it == probability.end() ? 0.01 : it->second;
  }
  std::vector<ScoredPair> Edges() const {
    std::vector<ScoredPair> edges;
    for (const auto& [pair, p] : probability) {
      edges.push_back({pair.first, pair.second, static_cast<float>(std::log2(p / (1 - p))),
                       static_cast<float>(p)});
    }
    return edges;
  }
};

std::vector<std::uint32_t> Cluster(const Graph& graph, std::size_t records, double threshold) {
  ClusterSet clusters(records);
  ClusterEdges(graph.Edges(), threshold, [&](std::uint32_t a, std::uint32_t b) { return graph(a, b); },
               clusters);
  std::vector<std::uint32_t> out;
  for (std::uint32_t record = 0; record < records; ++record) out.push_back(clusters.cluster_of(record));
  return out;
}

TEST(ClusterEdges, WeakBridgeDoesNotChainTwoStrongClusters) {
  struct Case {
    std::string name;
    Graph graph;
    std::size_t records;
    std::vector<std::uint32_t> expected;
  };
  const std::vector<Case> cases = {
      // Two households: 0-1 and 2-3 are the same people; 1 and 2 share one phone (0.95).
      {"shared phone between two pairs",
       {{{{0, 1}, 0.999}, {{2, 3}, 0.999}, {{1, 2}, 0.95}}}, 4, {0, 0, 2, 2}},
      // A chain a-b-c-d of strong links only between neighbours: no single cluster.
      {"chain of neighbours",
       {{{{0, 1}, 0.95}, {{1, 2}, 0.95}, {{2, 3}, 0.95}}}, 4, {0, 0, 2, 2}},
      // A real triple with one weak pair still merges: average linkage 0.99, 0.99 vs 0.4.
      {"triple with one weak pair",
       {{{{0, 1}, 0.99}, {{0, 2}, 0.99}, {{1, 2}, 0.40}}}, 3, {0, 0, 0}},
      // A hub (a stolen SSN shared by 4 people) links each to it weakly-but-above-threshold.
      {"hub does not absorb everyone",
       {{{{0, 1}, 0.9}, {{0, 2}, 0.9}, {{0, 3}, 0.9}, {{0, 4}, 0.9}}}, 5, {0, 0, 2, 3, 4}},
      {"below threshold stays apart", {{{{0, 1}, 0.3}}}, 2, {0, 1}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Cluster(c.graph, c.records, 0.5), c.expected);
  }
}

TEST(ClusterSet, AddRecordAndMergeKeepSortedMembers) {
  ClusterSet clusters;
  for (int idx = 0; idx < 4; ++idx) clusters.AddRecord();
  auto always = [](std::uint32_t, std::uint32_t) { return 1.0; };
  EXPECT_TRUE(clusters.TryMerge(3, 1, 0.5, always, nullptr));
  EXPECT_TRUE(clusters.TryMerge(2, 1, 0.5, always, nullptr));
  EXPECT_EQ(clusters.members(3), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(clusters.cluster_of(3), 1u);
  EXPECT_EQ(clusters.members(0), (std::vector<std::uint32_t>{0}));
  auto never = [](std::uint32_t, std::uint32_t) { return 0.0; };
  EXPECT_FALSE(clusters.TryMerge(0, 1, 0.5, never, nullptr));
}

TEST(StableClusterId, DependsOnlyOnContent) {
  EXPECT_EQ(StableClusterId("a.csv", "17"), StableClusterId("a.csv", "17"));
  EXPECT_NE(StableClusterId("a.csv", "17"), StableClusterId("b.csv", "17"));
  EXPECT_NE(StableClusterId("a.csv1", "7"), StableClusterId("a.csv", "17"));
  EXPECT_EQ(StableClusterId("a.csv", "17").size(), 17u);
}

}  // namespace
}  // namespace crosscheck::link
