#include "crosscheck/link/clustering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "crosscheck/link/internal/radix_sort.h"

namespace crosscheck::link {
namespace {

// A probability table over record pairs; pairs not listed are 0.01. A pair below 0.05 is
// "clearly different" (its fields contradict a match); one between 0.05 and the threshold
// merely shares too little to link on its own.
struct Graph {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> probability;
  PairJudgement operator()(std::uint32_t a, std::uint32_t b) const {
    auto it = probability.find({std::min(a, b), std::max(a, b)});
    const double p = it == probability.end() ? 0.01 : it->second;
    return {static_cast<float>(p), p < 0.05};
  }
  std::vector<ScoredPair> Edges() const {
    std::vector<ScoredPair> edges;
    for (const auto& [pair, p] : probability) {
      edges.push_back({pair.first, pair.second, static_cast<float>(std::log2(p / (1 - p))),
                       static_cast<float>(p), p < 0.05});
    }
    return edges;
  }
  // Clique makes every pair of records [first, last) link with probability p.
  void Clique(std::uint32_t first, std::uint32_t last, double p) {
    for (std::uint32_t a = first; a < last; ++a) {
      for (std::uint32_t b = a + 1; b < last; ++b) probability[{a, b}] = p;
    }
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

std::size_t ClusterCount(const std::vector<std::uint32_t>& cluster_of) {
  std::size_t count = 0;
  for (std::uint32_t record = 0; record < cluster_of.size(); ++record) count += cluster_of[record] == record;
  return count;
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

// A person with many records (a heavy applier) forms one clique of strong links; a few
// variants (a typo in the name that vetoes some pairs, a new e-mail) link strongly to only
// some records and share little with the rest. They must join the person, not split off.
TEST(ClusterEdges, HeavyApplierWithVariantsStaysOneCluster) {
  struct Case {
    std::string name;
    std::size_t records;
    std::function<void(Graph&)> build;
  };
  const std::vector<Case> cases = {
      {"typo variant vetoed against a few, unsure with most", 41,
       [](Graph& graph) {
         graph.Clique(0, 40, 0.999);
         for (std::uint32_t member = 0; member < 40; ++member) {
           graph.probability[{member, 40}] = member < 6 ? 0.98 : (member < 9 ? 0.0 : 0.2);
         }
       }},
      {"two halves (old and new e-mail) that share only the name", 80,
       [](Graph& graph) {
         graph.Clique(0, 40, 0.999);
         graph.Clique(40, 80, 0.999);
         for (std::uint32_t left = 0; left < 40; ++left) {
           for (std::uint32_t right = 40; right < 80; ++right) {
             // The records that kept the phone link strongly across; the others are unsure.
             graph.probability[{left, right}] = (left % 8 == 0 && right % 8 == 0) ? 0.97 : 0.3;
           }
         }
       }},
      {"variants with typos vetoed against each other but not the main cluster", 64,
       [](Graph& graph) {
         graph.Clique(0, 60, 0.99);
         graph.Clique(60, 64, 0.0);
         for (std::uint32_t member = 0; member < 60; ++member) {
           for (std::uint32_t variant = 60; variant < 64; ++variant) graph.probability[{member, variant}] = 0.9;
         }
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Graph graph;
    c.build(graph);
    EXPECT_EQ(ClusterCount(Cluster(graph, c.records, 0.5)), 1u);
  }
}

// Two people with several records each, joined by links that are above the threshold but
// isolated: one shared value must not merge them, whatever the clusters' sizes.
TEST(ClusterEdges, TwoStrongClustersJoinedByOneWeakLinkStayApart) {
  struct Case {
    std::string name;
    std::uint32_t left_size;
    std::uint32_t right_size;
    double bridge;
    double others;  // the other cross pairs
  };
  const std::vector<Case> cases = {
      {"different people (cross pairs contradict)", 5, 5, 0.6, 0.01},
      {"strangers who share nothing else", 5, 5, 0.6, 0.2},
      {"a strong bridge between contradicting clusters", 30, 3, 0.999, 0.01},
      {"large clusters, sampled", 100, 80, 0.9, 0.0},
      {"pair and cluster sharing a phone", 2, 20, 0.95, 0.01},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Graph graph;
    const std::uint32_t records = c.left_size + c.right_size;
    graph.Clique(0, c.left_size, 0.999);
    graph.Clique(c.left_size, records, 0.999);
    for (std::uint32_t left = 0; left < c.left_size; ++left) {
      for (std::uint32_t right = c.left_size; right < records; ++right) graph.probability[{left, right}] = c.others;
    }
    graph.probability[{c.left_size - 1, c.left_size}] = c.bridge;
    const std::vector<std::uint32_t> cluster_of = Cluster(graph, records, 0.5);
    EXPECT_EQ(ClusterCount(cluster_of), 2u);
    EXPECT_NE(cluster_of[0], cluster_of[records - 1]);
  }
}

TEST(ClusterSet, AddRecordAndMergeKeepSortedMembers) {
  ClusterSet clusters;
  for (int idx = 0; idx < 4; ++idx) clusters.AddRecord();
  auto always = [](std::uint32_t, std::uint32_t) { return PairJudgement{1.0F, false}; };
  EXPECT_TRUE(clusters.TryMerge(3, 1, 0.5, always, nullptr));
  EXPECT_TRUE(clusters.TryMerge(2, 1, 0.5, always, nullptr));
  EXPECT_EQ(clusters.members(3), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(clusters.cluster_of(3), 1u);
  EXPECT_EQ(clusters.members(0), (std::vector<std::uint32_t>{0}));
  auto never = [](std::uint32_t, std::uint32_t) { return PairJudgement{0.0F, true}; };
  EXPECT_FALSE(clusters.TryMerge(0, 1, 0.5, never, nullptr));
}

TEST(KnownPairs, FindsEveryAddedPairAndKeepsTheFirstJudgement) {
  KnownPairs known;
  EXPECT_EQ(known.Find(PairKey(1, 2)), nullptr);  // before anything is added
  // Enough pairs to make the table probe past collisions; keys as clustering packs them.
  for (std::uint32_t left = 0; left < 300; ++left) {
    for (std::uint32_t right = left + 1; right < left + 4; ++right) {
      known.Add(PairKey(right, left), PairJudgement{static_cast<float>(left) / 1000.0F, right % 2 == 0});
    }
  }
  known.Add(PairKey(0, 1), PairJudgement{0.99F, true});  // repeated: the first one stays
  for (std::uint32_t left = 0; left < 300; ++left) {
    for (std::uint32_t right = left + 1; right < left + 4; ++right) {
      SCOPED_TRACE(std::to_string(left) + " / " + std::to_string(right));
      const PairJudgement* found = known.Find(PairKey(left, right));
      ASSERT_NE(found, nullptr);
      EXPECT_FLOAT_EQ(found->probability, static_cast<float>(left) / 1000.0F);
      EXPECT_EQ(found->contradicts, right % 2 == 0);
    }
  }
  EXPECT_EQ(known.Find(PairKey(0, 5)), nullptr);
  EXPECT_EQ(known.Find(PairKey(299, 1000)), nullptr);
}

TEST(RadixSortByKey, MatchesAStableComparisonSort) {
  struct Item {
    std::uint64_t key;
    int position;
  };
  // Keys of different widths (one byte, record pairs, full 64 bits), with repeats.
  for (const std::uint64_t modulus : {std::uint64_t{200}, std::uint64_t{1} << 40, ~std::uint64_t{0}}) {
    SCOPED_TRACE(modulus);
    std::vector<Item> items;
    std::uint64_t state = 12345;
    for (int idx = 0; idx < 5000; ++idx) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      items.push_back({(state >> 7) % modulus, idx});
    }
    std::vector<Item> expected = items;
    std::stable_sort(expected.begin(), expected.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
    internal::RadixSortByKey(items, [](const Item& item) { return item.key; });
    ASSERT_EQ(items.size(), expected.size());
    for (std::size_t idx = 0; idx < items.size(); ++idx) {
      EXPECT_EQ(items[idx].key, expected[idx].key);
      EXPECT_EQ(items[idx].position, expected[idx].position);
    }
  }
  // Floats map to keys in the same order.
  const float ordered[] = {-1e30F, -2.5F, -0.0F, 0.0F, 1e-20F, 3.0F, 1e30F};
  for (std::size_t idx = 0; idx + 1 < std::size(ordered); ++idx) {
    SCOPED_TRACE(ordered[idx]);
    EXPECT_LE(internal::SortableFloat(ordered[idx]), internal::SortableFloat(ordered[idx + 1]));
  }
  EXPECT_EQ(internal::SortableFloat(-0.0F), internal::SortableFloat(0.0F));
}

TEST(StableClusterId, DependsOnlyOnContent) {
  EXPECT_EQ(StableClusterId("a.csv", "17"), StableClusterId("a.csv", "17"));
  EXPECT_NE(StableClusterId("a.csv", "17"), StableClusterId("b.csv", "17"));
  EXPECT_NE(StableClusterId("a.csv1", "7"), StableClusterId("a.csv", "17"));
  EXPECT_EQ(StableClusterId("a.csv", "17").size(), 17u);
}

TEST(ClusterSet, ExclusiveSourcesHoldOneRecordPerCluster) {
  // Records 0 and 2 come from source 0, 1 and 3 from source 1. The strongest pair 0-1 claims
  // both; 2 and 3 then pair with each other, not with the taken records (anonlink's greedy
  // one-to-one), although 1-2 is a strong pair too.
  Graph graph;
  graph.probability[{0, 1}] = 0.99;
  graph.probability[{1, 2}] = 0.95;
  graph.probability[{0, 2}] = 0.6;
  graph.probability[{2, 3}] = 0.9;
  graph.probability[{0, 3}] = graph.probability[{1, 3}] = 0.6;
  ClusterSet one_to_one(4);
  one_to_one.SetExclusiveSources({0, 1, 0, 1}, 0b11);
  ClusterEdges(graph.Edges(), 0.5, graph, one_to_one);
  EXPECT_EQ(one_to_one.members(0), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(one_to_one.members(2), (std::vector<std::uint32_t>{2, 3}));
  // Without the constraint the same edges make one cluster.
  ClusterSet free(4);
  ClusterEdges(graph.Edges(), 0.5, graph, free);
  EXPECT_EQ(free.size_of(0), 4U);
  // Only source 1 exclusive: 0 and 2 (source 0) may share a cluster, 1 and 3 may not.
  ClusterSet partly(4);
  partly.SetExclusiveSources({0, 1, 0, 1}, 0b10);
  ClusterEdges(graph.Edges(), 0.5, graph, partly);
  EXPECT_EQ(partly.members(0), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(partly.size_of(3), 1U);
}

}  // namespace
}  // namespace crosscheck::link
