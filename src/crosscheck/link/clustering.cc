#include "crosscheck/link/clustering.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {
namespace {

constexpr std::size_t kExactLinkagePairs = 4096;
constexpr std::size_t kSampledMembers = 64;

}  // namespace

ClusterSet::ClusterSet(std::size_t record_count) : cluster_of_(record_count) {
  std::iota(cluster_of_.begin(), cluster_of_.end(), 0);
}

std::uint32_t ClusterSet::AddRecord() {
  const auto record = static_cast<std::uint32_t>(cluster_of_.size());
  cluster_of_.push_back(record);
  return record;
}

std::vector<std::uint32_t> ClusterSet::members(std::uint32_t record) const {
  auto it = members_.find(cluster_of_[record]);
  if (it == members_.end()) return {record};
  return it->second;
}

double ClusterSet::AverageLinkage(std::uint32_t a, std::uint32_t b,
                                  const PairProbability& probability,
                                  const std::unordered_map<std::uint64_t, float>* known) const {
  // Singletons have no members_ entry: they stand for themselves.
  std::vector<std::uint32_t> left = members(a);
  std::vector<std::uint32_t> right = members(b);
  if (left.size() * right.size() > kExactLinkagePairs) {
    if (left.size() > kSampledMembers) left.resize(kSampledMembers);
    if (right.size() > kSampledMembers) right.resize(kSampledMembers);
  }
  double sum = 0.0;
  for (std::uint32_t left_record : left) {
    for (std::uint32_t right_record : right) {
      if (known != nullptr) {
        auto it = known->find(PairKey(left_record, right_record));
        if (it != known->end()) {
          sum += it->second;
          continue;
        }
      }
      sum += probability(left_record, right_record);
    }
  }
  return sum / static_cast<double>(left.size() * right.size());
}

bool ClusterSet::TryMerge(std::uint32_t a, std::uint32_t b, double threshold,
                          const PairProbability& probability,
                          const std::unordered_map<std::uint64_t, float>* known) {
  const std::uint32_t cluster_a = cluster_of_[a];
  const std::uint32_t cluster_b = cluster_of_[b];
  if (cluster_a == cluster_b) return true;
  if (AverageLinkage(a, b, probability, known) < threshold) return false;
  Merge(cluster_a, cluster_b);
  return true;
}

void ClusterSet::Merge(std::uint32_t cluster_a, std::uint32_t cluster_b) {
  auto take = [&](std::uint32_t cluster) {
    auto it = members_.find(cluster);
    if (it == members_.end()) return std::vector<std::uint32_t>{cluster};
    std::vector<std::uint32_t> members = std::move(it->second);
    members_.erase(it);
    return members;
  };
  std::vector<std::uint32_t> left = take(cluster_a);
  std::vector<std::uint32_t> right = take(cluster_b);
  std::vector<std::uint32_t> merged;
  merged.reserve(left.size() + right.size());
  std::merge(left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(merged));
  // The cluster is named by its smallest record index.
  const std::uint32_t cluster = merged.front();
  for (std::uint32_t record : merged) cluster_of_[record] = cluster;
  members_[cluster] = std::move(merged);
}

void ClusterEdges(const std::vector<ScoredPair>& edges, double threshold,
                  const PairProbability& probability, ClusterSet& clusters) {
  std::vector<std::uint32_t> order;
  std::unordered_map<std::uint64_t, float> known;
  known.reserve(edges.size());
  for (std::uint32_t edge_idx = 0; edge_idx < edges.size(); ++edge_idx) {
    const ScoredPair& edge = edges[edge_idx];
    known.emplace(PairKey(edge.left, edge.right), edge.probability);
    if (edge.probability >= threshold) order.push_back(edge_idx);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const ScoredPair& left = edges[a];
    const ScoredPair& right = edges[b];
    if (left.weight != right.weight) return left.weight > right.weight;
    if (left.left != right.left) return left.left < right.left;
    return left.right < right.right;
  });
  for (std::uint32_t edge_idx : order) {
    clusters.TryMerge(edges[edge_idx].left, edges[edge_idx].right, threshold, probability, &known);
  }
}

std::string StableClusterId(std::string_view source, std::string_view record_id) {
  std::string key(source);
  key.push_back('\0');
  key.append(record_id);
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "c%016llx", static_cast<unsigned long long>(Hash64(key)));
  return buffer;
}

}  // namespace crosscheck::link
