// Community detection on the weighted persona graph: the Leiden algorithm (Traag, Waltman &
// van Eck 2019) with the Constant Potts Model, through igraph. CPM keeps a group together only
// while its internal evidence per member pair exceeds the resolution, so a single generic
// value (a campus NAT, an agency phone) cannot glue strangers into one giant network.
//
//   std::vector<std::uint32_t> community = graph::DetectCommunities(node_count, edges, options);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crosscheck::graph {

// WeightedEdge is an undirected edge between nodes left != right.
struct WeightedEdge {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  double weight = 0;
};

// CommunityOptions tunes DetectCommunities.
struct CommunityOptions {
  // CPM resolution: a pair of groups is merged when the evidence between them exceeds
  // resolution x size_a x size_b. Edge weights are in (0, ~3], so 0.05 keeps a ring
  // whose members are tied by one strong artifact per ~20 member pairs.
  double resolution = 0.05;
  // After Leiden, a community of at most attach_max_size nodes joins the larger community it
  // is most strongly tied to when that tie totals at least attach_min_weight. CPM alone
  // would leave a ring's peripheral member (tied by one artifact to a big ring) outside,
  // since joining a group of n needs more than resolution x n; one pass, no chaining.
  std::size_t attach_max_size = 3;
  double attach_min_weight = 0.15;
  double beta = 0.01;          // Leiden's refinement randomness
  std::uint64_t seed = 20240501;  // fixed: the same graph always gives the same communities
  // per_component: run Leiden on each connected part of the graph alone (its own seeded run),
  // so a part's communities do not depend on the rest of the graph (one run over all parts
  // draws every part's moves from one random stream). The consortium hub sets it: it re-matches
  // only the parts a push touched, and they must come out as in a match of everything.
  bool per_component = false;
};

// DetectCommunities returns, for each node 0..node_count-1, its community number; numbers
// are dense, ordered by each community's smallest node, so the result depends only on the
// graph (nodes and edges in the given numbering), never on timing. Parallel edges are summed.
// Nodes without edges are their own communities. Not thread-safe: igraph's random generator
// is process-global (calls are serialized internally).
std::vector<std::uint32_t> DetectCommunities(std::uint32_t node_count,
                                             const std::vector<WeightedEdge>& edges,
                                             const CommunityOptions& options);

}  // namespace crosscheck::graph
