// Clustering that does not chain. Connected components over match edges merges two groups
// as soon as one weak pair connects them (one shared phone between two families); here two
// clusters merge only when the average match probability over ALL their cross pairs stays
// at or above the threshold (average linkage, computed exactly on demand), considering edges
// from strongest to weakest. Cluster ids come from content, not row positions.
//
//   ClusterSet clusters(record_count);
//   ClusterEdges(edges, probability_fn, 0.5, clusters);
//   std::string id = StableClusterId(source_name, record_id);  // of the cluster's smallest member
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crosscheck::link {

// ScoredPair is one compared record pair (left < right, canonical indices).
struct ScoredPair {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  float weight = 0.0F;       // match weight (bits)
  float probability = 0.0F;  // match probability, 0 when vetoed
};

// PairProbability returns the link probability of two records (0 when they must not link).
using PairProbability = std::function<double(std::uint32_t, std::uint32_t)>;

// ClusterSet is a partition of records into clusters, grown by merges. Not thread-safe.
class ClusterSet {
 public:
  explicit ClusterSet(std::size_t record_count = 0);

  // AddRecord appends a new record as its own cluster and returns its index.
  std::uint32_t AddRecord();

  std::size_t record_count() const { return cluster_of_.size(); }
  // cluster_of returns the cluster index (a member record index) of a record.
  std::uint32_t cluster_of(std::uint32_t record) const { return cluster_of_[record]; }
  // members returns the records of the cluster containing `record`, ascending.
  std::vector<std::uint32_t> members(std::uint32_t record) const;

  // AverageLinkage returns the mean probability over the cross pairs of the clusters of a
  // and b; known probabilities are looked up in `known` (key PairKey), others come from
  // `probability`. For clusters whose product exceeds 4096 pairs, the first 64 members of
  // each (ascending) stand for the whole.
  double AverageLinkage(std::uint32_t a, std::uint32_t b, const PairProbability& probability,
                        const std::unordered_map<std::uint64_t, float>* known) const;

  // TryMerge merges the clusters of a and b when their average linkage is >= threshold.
  // Returns true when they are (now) in one cluster.
  bool TryMerge(std::uint32_t a, std::uint32_t b, double threshold,
                const PairProbability& probability,
                const std::unordered_map<std::uint64_t, float>* known);

 private:
  void Merge(std::uint32_t cluster_a, std::uint32_t cluster_b);

  std::vector<std::uint32_t> cluster_of_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> members_;
};

// PairKey packs a record pair (order-insensitive) into one key.
inline std::uint64_t PairKey(std::uint32_t a, std::uint32_t b) {
  return a < b ? (static_cast<std::uint64_t>(a) << 32) | b : (static_cast<std::uint64_t>(b) << 32) | a;
}

// ClusterEdges merges along edges with probability >= threshold, strongest first (ties by
// record indices, so the result is deterministic), each merge subject to average linkage.
void ClusterEdges(const std::vector<ScoredPair>& edges, double threshold,
                  const PairProbability& probability, ClusterSet& clusters);

// StableClusterId derives a cluster id from its smallest member's (source, record id):
// "c" + 16 hex digits of a stable hash. The same input in any row order gives the same ids.
std::string StableClusterId(std::string_view source, std::string_view record_id);

}  // namespace crosscheck::link
