#include "crosscheck/link/clustering.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <numeric>

#include "crosscheck/link/internal/radix_sort.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {
namespace {

// Up to this many members a side are compared exactly; larger clusters are represented by
// this many evenly spaced members (a person's records are alike, so a sample suffices).
constexpr std::size_t kSampledMembers = 32;
// A tenth of cross pairs may contradict: a typo that vetoes a name, a mistyped birth date.
constexpr double kMaxContradictedShare = 0.1;

// Sample returns the members standing for a cluster.
std::vector<std::uint32_t> Sample(std::vector<std::uint32_t> members) {
  if (members.size() <= kSampledMembers) return members;
  std::vector<std::uint32_t> sample(kSampledMembers);
  for (std::size_t idx = 0; idx < kSampledMembers; ++idx) sample[idx] = members[idx * members.size() / kSampledMembers];
  return sample;
}

std::uint64_t PackSizes(std::size_t a, std::size_t b) {
  return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint64_t>(b);
}

}  // namespace

namespace {
std::uint64_t SlotOf(std::uint64_t key, std::uint64_t mask) {
  key ^= key >> 29;
  key *= 0xbf58476d1ce4e5b9ULL;
  key ^= key >> 32;
  return key & mask;
}
}  // namespace

void KnownPairs::Seal() {
  std::size_t size = 16;
  while (size < 2 * entries_.size()) size *= 2;  // load factor <= 1/2
  std::vector<Entry> table(size, Entry{kEmpty, PairJudgement{}});
  mask_ = size - 1;
  for (const Entry& entry : entries_) {
    for (std::uint64_t slot = SlotOf(entry.key, mask_);; slot = (slot + 1) & mask_) {
      if (table[slot].key == entry.key) break;  // the first judgement stays
      if (table[slot].key == kEmpty) {
        table[slot] = entry;
        break;
      }
    }
  }
  entries_ = std::move(table);
}

const PairJudgement* KnownPairs::Find(std::uint64_t key) const {
  if (entries_.empty()) return nullptr;
  for (std::uint64_t slot = SlotOf(key, mask_);; slot = (slot + 1) & mask_) {
    const Entry& entry = entries_[slot];
    if (entry.key == key) return &entry.judgement;
    if (entry.key == kEmpty) return nullptr;
  }
}

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

std::size_t ClusterSet::size_of(std::uint32_t record) const {
  auto it = members_.find(cluster_of_[record]);
  return it == members_.end() ? 1 : it->second.size();
}

CrossLinkage ClusterSet::CompareClusters(std::uint32_t a, std::uint32_t b, double threshold,
                                         const PairJudge& judge, const KnownPairs* known) const {
  // Singletons have no members_ entry: they stand for themselves.
  const std::vector<std::uint32_t> left = Sample(members(a));
  const std::vector<std::uint32_t> right = Sample(members(b));
  CrossLinkage linkage;
  double sum = 0.0;
  for (std::uint32_t left_record : left) {
    for (std::uint32_t right_record : right) {
      PairJudgement judgement;
      bool found = false;
      if (known != nullptr) {
        if (const PairJudgement* hit = known->Find(PairKey(left_record, right_record))) {
          judgement = *hit;
          found = true;
        }
      }
      if (!found) judgement = judge(left_record, right_record);
      ++linkage.pairs;
      sum += judgement.probability;
      if (judgement.contradicts) ++linkage.contradicted;
      if (judgement.probability >= threshold) ++linkage.strong;
    }
  }
  linkage.mean_probability = linkage.pairs == 0 ? 0.0 : sum / static_cast<double>(linkage.pairs);
  return linkage;
}

bool ClusterSet::TryMerge(std::uint32_t a, std::uint32_t b, double threshold, const PairJudge& judge,
                          const KnownPairs* known) {
  const std::uint32_t cluster_a = cluster_of_[a];
  const std::uint32_t cluster_b = cluster_of_[b];
  if (cluster_a == cluster_b) return true;
  const std::size_t size_a = size_of(a);
  const std::size_t size_b = size_of(b);
  const std::uint64_t clusters_key = PairKey(cluster_a, cluster_b);
  const std::uint64_t sizes = cluster_a < cluster_b ? PackSizes(size_a, size_b) : PackSizes(size_b, size_a);
  if (auto it = refused_.find(clusters_key); it != refused_.end() && it->second == sizes) return false;
  const CrossLinkage linkage = CompareClusters(a, b, threshold, judge, known);
  const bool few_contradictions =
      static_cast<double>(linkage.contradicted) <= kMaxContradictedShare * static_cast<double>(linkage.pairs);
  // One strong pair between two multi-record clusters is a bridge (a shared phone), not
  // evidence that the clusters are one entity; a second independent one, or a high mean, is.
  const std::size_t needed_strong = std::min<std::size_t>(2, std::min(size_a, size_b));
  const bool supported = linkage.mean_probability >= threshold || linkage.strong >= needed_strong;
  if (!few_contradictions || !supported) {
    refused_[clusters_key] = sizes;
    return false;
  }
  refused_.erase(clusters_key);
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

void ClusterEdges(const std::vector<ScoredPair>& edges, double threshold, const PairJudge& judge,
                  ClusterSet& clusters) {
  // Merge order: strongest first, ties by record indices. Sorting the keys themselves (not
  // indexes into `edges`) keeps the sort in cache.
  struct OrderKey {
    float weight;
    std::uint32_t left;
    std::uint32_t right;
  };
  std::vector<OrderKey> order;
  KnownPairs known;
  known.Reserve(edges.size());
  for (const ScoredPair& edge : edges) {
    known.Add(PairKey(edge.left, edge.right), PairJudgement{edge.probability, edge.contradicts});
    if (edge.probability >= threshold) order.push_back({edge.weight, edge.left, edge.right});
  }
  known.Seal();
  // (weight descending, left, right): by records first, then stably by weight.
  std::uint32_t largest = 0;
  for (const OrderKey& edge : order) largest = std::max({largest, edge.left, edge.right});
  const int index_bits = std::bit_width(largest);
  internal::RadixSortByKey(order, [index_bits](const OrderKey& edge) {
    return (static_cast<std::uint64_t>(edge.left) << index_bits) | edge.right;
  });
  internal::RadixSortByKey(order, [](const OrderKey& edge) {
    return static_cast<std::uint64_t>(~internal::SortableFloat(edge.weight));
  });
  for (const OrderKey& edge : order) clusters.TryMerge(edge.left, edge.right, threshold, judge, &known);
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
