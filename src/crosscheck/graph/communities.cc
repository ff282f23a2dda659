#include "crosscheck/graph/communities.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include <igraph/igraph.h>

#include "crosscheck/common/check.h"
#include "crosscheck/common/turns.h"
#include "crosscheck/common/union_find.h"

namespace crosscheck::graph {

namespace {

// Leiden iterations before a partition that has not settled is taken as it is.
constexpr int kMaxLeidenIterations = 50;

// Debian's igraph is built without thread safety: its error stack and default generator are
// globals, so igraph is entered by one thread at a time, first come, first served (TicketLock):
// a run that lets go between two iterations really lets a waiting run in.
TicketLock& IgraphMutex() {
  static TicketLock lock;
  return lock;
}

// WithGenerator makes `rng` igraph's default for one call (under the mutex) and restores the
// previous default after it.
template <class Call>
void WithGenerator(igraph_rng_t& rng, Call call) {
  igraph_rng_t* const previous = igraph_rng_default();
  igraph_rng_set_default(&rng);
  call();
  igraph_rng_set_default(previous);
}

// LeidenMembership runs Leiden (CPM) to convergence on `edges` (merged, sorted), whose nodes
// are numbered 0..node_count-1 by `compact`; returns each node's community. Debian's igraph is
// not thread-safe, so every igraph call is made under one process-wide mutex — but one call
// at a time, with a generator of the run's own: a service's small run waits for one iteration
// of a whole-store run, not all of it, and neither changes the other's draws.
std::vector<std::int64_t> LeidenMembership(std::size_t node_count, const std::vector<WeightedEdge>& merged,
                                           const std::vector<std::int64_t>& compact, const CommunityOptions& options) {
  std::vector<std::int64_t> result(node_count, -1);
  if (merged.empty()) return result;
  std::unique_lock<TicketLock> lock(IgraphMutex());
  igraph_rng_t rng;
  CC_CHECK(igraph_rng_init(&rng, igraph_rng_default()->type) == IGRAPH_SUCCESS);
  CC_CHECK(igraph_rng_seed(&rng, options.seed) == IGRAPH_SUCCESS);
  igraph_vector_int_t edge_list;
  igraph_vector_t weights;
  igraph_vector_int_t membership;
  CC_CHECK(igraph_vector_int_init(&edge_list, static_cast<igraph_integer_t>(2 * merged.size())) ==
           IGRAPH_SUCCESS);
  CC_CHECK(igraph_vector_init(&weights, static_cast<igraph_integer_t>(merged.size())) ==
           IGRAPH_SUCCESS);
  CC_CHECK(igraph_vector_int_init(&membership, 0) == IGRAPH_SUCCESS);
  for (std::size_t edge_idx = 0; edge_idx < merged.size(); ++edge_idx) {
    VECTOR(edge_list)[2 * edge_idx] = compact[merged[edge_idx].left];
    VECTOR(edge_list)[2 * edge_idx + 1] = compact[merged[edge_idx].right];
    VECTOR(weights)[edge_idx] = merged[edge_idx].weight;
  }
  igraph_t graph;
  CC_CHECK(igraph_create(&graph, &edge_list, static_cast<igraph_integer_t>(node_count),
                         IGRAPH_UNDIRECTED) == IGRAPH_SUCCESS);
  igraph_integer_t cluster_count = 0;
  igraph_real_t quality = 0;
  // node_weights = NULL selects CPM with unit node weights. One iteration at a time until an
  // iteration changes nothing (what n_iterations < 0 does), but at most kMaxLeidenIterations:
  // on a clique of equal weights near the CPM threshold igraph's own loop never settles (a
  // 127-persona clique ran for minutes).
  const auto iterate = [&](bool start) {
    WithGenerator(rng, [&] {
      CC_CHECK(igraph_community_leiden(&graph, &weights, nullptr, options.resolution, options.beta, start,
                                       /*n_iterations=*/1, &membership, &cluster_count, &quality) == IGRAPH_SUCCESS);
    });
  };
  iterate(/*start=*/false);
  igraph_vector_int_t previous;
  CC_CHECK(igraph_vector_int_init_copy(&previous, &membership) == IGRAPH_SUCCESS);
  for (int iteration = 1; iteration < kMaxLeidenIterations; ++iteration) {
    lock.unlock();  // another run may take its turn between two iterations
    lock.lock();
    iterate(/*start=*/true);
    if (igraph_vector_int_all_e(&previous, &membership)) break;
    CC_CHECK(igraph_vector_int_update(&previous, &membership) == IGRAPH_SUCCESS);
  }
  igraph_vector_int_destroy(&previous);
  for (std::size_t node_idx = 0; node_idx < node_count; ++node_idx) {
    result[node_idx] = VECTOR(membership)[node_idx];
  }
  igraph_destroy(&graph);
  igraph_vector_int_destroy(&membership);
  igraph_vector_destroy(&weights);
  igraph_vector_int_destroy(&edge_list);
  igraph_rng_destroy(&rng);
  return result;
}

}  // namespace

std::vector<std::uint32_t> DetectCommunities(std::uint32_t node_count,
                                             const std::vector<WeightedEdge>& edges,
                                             const CommunityOptions& options) {
  // Sum parallel edges; drop self-loops (they never change a CPM partition).
  std::vector<WeightedEdge> merged;
  merged.reserve(edges.size());
  for (WeightedEdge edge : edges) {
    CC_CHECK(edge.left < node_count && edge.right < node_count);
    if (edge.left == edge.right) continue;
    if (edge.left > edge.right) std::swap(edge.left, edge.right);
    merged.push_back(edge);
  }
  std::sort(merged.begin(), merged.end(), [](const WeightedEdge& a, const WeightedEdge& b) {
    return std::tie(a.left, a.right) < std::tie(b.left, b.right);
  });
  std::size_t out = 0;
  for (std::size_t in = 0; in < merged.size(); ++in) {
    if (out > 0 && merged[out - 1].left == merged[in].left && merged[out - 1].right == merged[in].right) {
      merged[out - 1].weight += merged[in].weight;
    } else {
      merged[out++] = merged[in];
    }
  }
  merged.resize(out);

  // Only nodes with edges go to igraph; the rest are singletons.
  std::vector<std::int64_t> compact(node_count, -1);
  std::vector<std::uint32_t> original;
  for (const WeightedEdge& edge : merged) {
    for (std::uint32_t node : {edge.left, edge.right}) {
      if (compact[node] < 0) {
        compact[node] = static_cast<std::int64_t>(original.size());
        original.push_back(node);
      }
    }
  }
  std::vector<std::int64_t> raw_community(node_count, -1);
  if (!options.per_component) {
    const std::vector<std::int64_t> membership = LeidenMembership(original.size(), merged, compact, options);
    for (std::size_t node_idx = 0; node_idx < original.size(); ++node_idx) {
      raw_community[original[node_idx]] = membership[node_idx];
    }
  } else if (!merged.empty()) {
    // One Leiden run per connected part, its nodes numbered as in the whole graph (first
    // appearance in the sorted edges) and the generator seeded afresh: a part's communities
    // are then a function of that part alone, whatever else the graph holds.
    UnionFind parts(original.size());
    for (const WeightedEdge& edge : merged) {
      parts.Union(static_cast<std::uint32_t>(compact[edge.left]), static_cast<std::uint32_t>(compact[edge.right]));
    }
    std::vector<std::vector<WeightedEdge>> edges_of(original.size());
    for (const WeightedEdge& edge : merged) {
      edges_of[parts.Find(static_cast<std::uint32_t>(compact[edge.left]))].push_back(edge);
    }
    std::vector<std::int64_t> part_compact(node_count, -1);
    std::int64_t offset = 0;
    for (std::size_t root = 0; root < original.size(); ++root) {
      if (edges_of[root].empty()) continue;
      std::size_t part_nodes = 0;
      for (const WeightedEdge& edge : edges_of[root]) {
        for (std::uint32_t node : {edge.left, edge.right}) {
          if (part_compact[node] < 0) part_compact[node] = static_cast<std::int64_t>(part_nodes++);
        }
      }
      const std::vector<std::int64_t> membership = LeidenMembership(part_nodes, edges_of[root], part_compact, options);
      std::int64_t largest = -1;
      for (const WeightedEdge& edge : edges_of[root]) {
        for (std::uint32_t node : {edge.left, edge.right}) {
          raw_community[node] = offset + membership[static_cast<std::size_t>(part_compact[node])];
          largest = std::max(largest, raw_community[node]);
        }
      }
      offset = largest + 1;
    }
  }

  if (options.attach_max_size > 0 && !merged.empty()) {
    std::vector<std::size_t> size(original.size() + node_count, 0);
    auto label = [&](std::uint32_t node) {
      return raw_community[node] >= 0 ? static_cast<std::size_t>(raw_community[node])
                                      : original.size() + node;
    };
    for (std::uint32_t node = 0; node < node_count; ++node) ++size[label(node)];
    // Ties of each small community to each other community, summed.
    std::vector<std::tuple<std::size_t, std::size_t, double>> ties;
    for (const WeightedEdge& edge : merged) {
      const std::size_t left = label(edge.left), right = label(edge.right);
      if (left == right) continue;
      if (size[left] <= options.attach_max_size) ties.emplace_back(left, right, edge.weight);
      if (size[right] <= options.attach_max_size) ties.emplace_back(right, left, edge.weight);
    }
    std::sort(ties.begin(), ties.end());
    std::vector<std::int64_t> target(size.size(), -1);
    for (std::size_t begin = 0; begin < ties.size();) {
      const std::size_t small = std::get<0>(ties[begin]);
      std::size_t best = 0;
      double best_weight = 0;
      std::size_t end = begin;
      while (end < ties.size() && std::get<0>(ties[end]) == small) {
        std::size_t other = std::get<1>(ties[end]);
        double total = 0;
        while (end < ties.size() && std::get<0>(ties[end]) == small && std::get<1>(ties[end]) == other) {
          total += std::get<2>(ties[end]);
          ++end;
        }
        if (size[other] > size[small] && total > best_weight) {
          best = other;
          best_weight = total;
        }
      }
      if (best_weight >= options.attach_min_weight) target[small] = static_cast<std::int64_t>(best);
      begin = end;
    }
    for (std::uint32_t node = 0; node < node_count; ++node) {
      const std::int64_t to = target[label(node)];
      if (to >= 0) raw_community[node] = to;  // target labels of Leiden communities are < original.size()
    }
  }

  // Renumber densely in order of each community's smallest node.
  std::vector<std::uint32_t> community(node_count);
  std::vector<std::int64_t> renumber(original.size() + 1, -1);
  std::uint32_t next = 0;
  for (std::uint32_t node = 0; node < node_count; ++node) {
    if (raw_community[node] < 0) {
      community[node] = next++;
      continue;
    }
    std::int64_t& slot = renumber[static_cast<std::size_t>(raw_community[node])];
    if (slot < 0) slot = next++;
    community[node] = static_cast<std::uint32_t>(slot);
  }
  return community;
}

}  // namespace crosscheck::graph
