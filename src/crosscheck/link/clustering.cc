#include "crosscheck/link/clustering.h"

#include <algorithm>
#include <array>
#include <span>
#include <thread>
#include <utility>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "crosscheck/link/internal/radix_sort.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {
namespace {

// Up to this many members a side are compared exactly; larger clusters are represented by
// this many evenly spaced members (a person's records are alike, so a sample suffices).
constexpr std::size_t kSampledMembers = kClusterSampleSize;
// A tenth of cross pairs may contradict: a typo that vetoes a name, a mistyped birth date.
constexpr double kMaxContradictedShare = 0.1;
// Up to a third may contradict when the pairs together argue for the merge: in heavily
// corrupted data one typo-ridden record of a person contradicts several of its others, while
// a bridge between two people is outweighed by their many contradicting cross pairs.
constexpr double kMaxContradictedShareWithEvidence = 1.0 / 3.0;
constexpr double kMaxPairBits = 20.0;

double ClampedLogOdds(double probability) {
  if (probability <= 0.0) return -kMaxPairBits;
  if (probability >= 1.0) return kMaxPairBits;
  return std::clamp(std::log2(probability / (1.0 - probability)), -kMaxPairBits, kMaxPairBits);
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

void KnownPairs::Reserve(std::size_t count) {
  std::size_t capacity = 16;
  while (capacity < 2 * count) capacity *= 2;
  if (capacity > slots_.size()) Rehash(capacity);
}

void KnownPairs::Rehash(std::size_t capacity) {
  std::vector<Entry> old = std::exchange(slots_, std::vector<Entry>(capacity, Entry{kEmpty, PairJudgement{}}));
  mask_ = capacity - 1;
  for (const Entry& entry : old) {
    if (entry.key == kEmpty) continue;
    std::uint64_t slot = SlotOf(entry.key, mask_);
    while (slots_[slot].key != kEmpty) slot = (slot + 1) & mask_;
    slots_[slot] = entry;
  }
}

void KnownPairs::Add(std::uint64_t key, PairJudgement judgement) {
  if (2 * (size_ + 1) > slots_.size()) Rehash(std::max<std::size_t>(16, 2 * slots_.size()));
  for (std::uint64_t slot = SlotOf(key, mask_);; slot = (slot + 1) & mask_) {
    if (slots_[slot].key == key) return;  // the first judgement stays
    if (slots_[slot].key == kEmpty) {
      slots_[slot] = Entry{key, judgement};
      ++size_;
      return;
    }
  }
}

void KnownPairs::Prefetch(std::uint64_t key) const {
  if (!slots_.empty()) __builtin_prefetch(slots_.data() + SlotOf(key, mask_));
}

const PairJudgement* KnownPairs::Find(std::uint64_t key) const {
  if (size_ == 0) return nullptr;
  for (std::uint64_t slot = SlotOf(key, mask_);; slot = (slot + 1) & mask_) {
    const Entry& entry = slots_[slot];
    if (entry.key == key) return &entry.judgement;
    if (entry.key == kEmpty) return nullptr;
  }
}

ClusterSet::ClusterSet(std::size_t record_count) : cluster_of_(record_count), slot_of_(record_count, kNoSlot) {
  std::iota(cluster_of_.begin(), cluster_of_.end(), 0);
}

void ClusterSet::SetExclusiveSources(const std::vector<std::uint32_t>& source_of, std::uint64_t exclusive_mask) {
  exclusive_bits_.clear();
  if (exclusive_mask == 0) return;
  exclusive_bits_.assign(cluster_of_.size(), 0);
  for (std::size_t record = 0; record < cluster_of_.size() && record < source_of.size(); ++record) {
    if (source_of[record] < 64) exclusive_bits_[record] = (std::uint64_t{1} << source_of[record]) & exclusive_mask;
  }
}

std::uint32_t ClusterSet::AddRecord() {
  const auto record = static_cast<std::uint32_t>(cluster_of_.size());
  cluster_of_.push_back(record);
  slot_of_.push_back(kNoSlot);
  if (!exclusive_bits_.empty()) exclusive_bits_.push_back(0);
  return record;
}

std::vector<std::uint32_t> ClusterSet::members(std::uint32_t record) const {
  const std::uint32_t slot = slot_of_[cluster_of_[record]];
  if (slot == kNoSlot) return {record};
  return lists_[slot];
}

std::size_t ClusterSet::size_of(std::uint32_t record) const {
  const std::uint32_t slot = slot_of_[cluster_of_[record]];
  return slot == kNoSlot ? 1 : lists_[slot].size();
}

std::span<const std::uint32_t> ClusterSet::SampleInto(
    std::uint32_t record, std::array<std::uint32_t, kClusterSampleSize>& buffer) const {
  const std::uint32_t slot = slot_of_[cluster_of_[record]];
  if (slot == kNoSlot) {
    buffer[0] = record;
    return std::span<const std::uint32_t>(buffer.data(), 1);
  }
  const std::vector<std::uint32_t>& all = lists_[slot];
  if (all.size() <= kSampledMembers) return std::span<const std::uint32_t>(all);
  for (std::size_t idx = 0; idx < kSampledMembers; ++idx) buffer[idx] = all[idx * all.size() / kSampledMembers];
  return std::span<const std::uint32_t>(buffer.data(), kSampledMembers);
}

CrossLinkage ClusterSet::CompareClusters(std::uint32_t a, std::uint32_t b, double threshold,
                                         const PairJudge& judge, const KnownPairs* known) const {
  // Singletons have no member list: they stand for themselves. The samples go into
  // fixed buffers: this runs once per merge candidate, millions of times.
  std::array<std::uint32_t, kSampledMembers> left_buffer;
  std::array<std::uint32_t, kSampledMembers> right_buffer;
  const std::span<const std::uint32_t> left = SampleInto(a, left_buffer);
  const std::span<const std::uint32_t> right = SampleInto(b, right_buffer);
  CrossLinkage linkage;
  double sum = 0.0;
  // The probabilities, for the log-odds sum: only needed (and computed) when more than a
  // tenth of the pairs contradict, which is rare; log2 on every judged pair is not free.
  std::array<float, kSampledMembers * kSampledMembers> probabilities;
  // Every lookup of a large cluster pair is a cache miss: start them all before the first.
  if (known != nullptr && left.size() * right.size() > 1) {
    for (std::uint32_t left_record : left) {
      for (std::uint32_t right_record : right) known->Prefetch(PairKey(left_record, right_record));
    }
  }
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
      probabilities[linkage.pairs] = judgement.probability;
      ++linkage.pairs;
      sum += judgement.probability;
      if (judgement.contradicts) ++linkage.contradicted;
      if (judgement.probability >= threshold) ++linkage.strong;
    }
  }
  linkage.mean_probability = linkage.pairs == 0 ? 0.0 : sum / static_cast<double>(linkage.pairs);
  if (static_cast<double>(linkage.contradicted) > kMaxContradictedShare * static_cast<double>(linkage.pairs)) {
    for (std::size_t pair_idx = 0; pair_idx < linkage.pairs; ++pair_idx) {
      linkage.log_odds_sum += ClampedLogOdds(probabilities[pair_idx]);
    }
  }
  return linkage;
}

bool ClusterSet::TryMerge(std::uint32_t a, std::uint32_t b, double threshold, const PairJudge& judge,
                          const KnownPairs* known) {
  const std::uint32_t cluster_a = cluster_of_[a];
  const std::uint32_t cluster_b = cluster_of_[b];
  if (cluster_a == cluster_b) return true;
  if (!exclusive_bits_.empty() && (exclusive_bits_[cluster_a] & exclusive_bits_[cluster_b]) != 0) return false;
  const std::size_t size_a = size_of(a);
  const std::size_t size_b = size_of(b);
  const std::uint64_t clusters_key = PairKey(cluster_a, cluster_b);
  const std::uint64_t sizes = cluster_a < cluster_b ? PackSizes(size_a, size_b) : PackSizes(size_b, size_a);
  if (auto it = refused_.find(clusters_key); it != refused_.end() && it->second == sizes) return false;
  const CrossLinkage linkage = CompareClusters(a, b, threshold, judge, known);
  const bool evidence_for_merge = linkage.log_odds_sum > 0.0 && linkage.mean_probability >= threshold;
  const double max_share = evidence_for_merge ? kMaxContradictedShareWithEvidence : kMaxContradictedShare;
  const bool few_contradictions =
      static_cast<double>(linkage.contradicted) <= max_share * static_cast<double>(linkage.pairs);
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

bool ClusterSet::MergeUnlessExclusive(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t cluster_a = cluster_of_[a];
  const std::uint32_t cluster_b = cluster_of_[b];
  if (cluster_a == cluster_b) return true;
  if (!exclusive_bits_.empty() && (exclusive_bits_[cluster_a] & exclusive_bits_[cluster_b]) != 0) return false;
  Merge(cluster_a, cluster_b);
  return true;
}

void ClusterSet::Merge(std::uint32_t cluster_a, std::uint32_t cluster_b) {
  auto take = [&](std::uint32_t cluster) {
    const std::uint32_t slot = slot_of_[cluster];
    if (slot == kNoSlot) return std::vector<std::uint32_t>{cluster};
    std::vector<std::uint32_t> members = std::move(lists_[slot]);
    lists_[slot] = {};
    free_slots_.push_back(slot);
    slot_of_[cluster] = kNoSlot;
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
  if (!exclusive_bits_.empty()) exclusive_bits_[cluster] = exclusive_bits_[cluster_a] | exclusive_bits_[cluster_b];
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(lists_.size());
    lists_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  lists_[slot] = std::move(merged);
  slot_of_[cluster] = slot;
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
  // The table of known pairs and the merge order are independent: with millions of edges,
  // build them on two threads.
  auto build_known = [&] {
    known.Reserve(edges.size());
    constexpr std::size_t kPrefetchAhead = 8;
    for (std::size_t edge_idx = 0; edge_idx < edges.size(); ++edge_idx) {
      if (edge_idx + kPrefetchAhead < edges.size()) {
        const ScoredPair& ahead = edges[edge_idx + kPrefetchAhead];
        known.Prefetch(PairKey(ahead.left, ahead.right));
      }
      const ScoredPair& edge = edges[edge_idx];
      known.Add(PairKey(edge.left, edge.right), PairJudgement{edge.probability, edge.contradicts});
    }
  };
  auto build_order = [&] {
    // An upper bound, so the order is not grown by doubling (177 MB of fresh pages instead of
    // 74 at 541k applications); pages past the kept edges are never touched.
    order.reserve(edges.size());
    for (const ScoredPair& edge : edges) {
      if (edge.probability >= threshold) order.push_back({edge.weight, edge.left, edge.right});
    }
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
  };
  constexpr std::size_t kMinEdgesForThread = 100000;
  if (edges.size() >= kMinEdgesForThread && std::thread::hardware_concurrency() > 1) {
    std::thread known_builder(build_known);
    build_order();
    known_builder.join();
  } else {
    build_known();
    build_order();
  }
  constexpr std::size_t kPrefetchAhead = 8;
  for (std::size_t edge_idx = 0; edge_idx < order.size(); ++edge_idx) {
    if (edge_idx + kPrefetchAhead < order.size()) {
      const OrderKey& ahead = order[edge_idx + kPrefetchAhead];
      clusters.Prefetch(ahead.left);
      clusters.Prefetch(ahead.right);
      known.Prefetch(PairKey(ahead.left, ahead.right));
    }
    const OrderKey& edge = order[edge_idx];
    clusters.TryMerge(edge.left, edge.right, threshold, judge, &known);
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
