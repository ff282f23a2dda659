// Clustering that does not chain. Connected components over match edges merges two groups
// as soon as one weak pair connects them (one shared phone between two families). Plain
// average linkage does not chain but splits a person with many records: pairs of their
// records that share little (a new e-mail, a typo that vetoes the name) pull the average
// down although nothing contradicts them. Here edges are taken strongest first, and the two
// clusters an edge connects merge when (on a sample of their cross pairs, exact up to 32
// members a side) few pairs CONTRADICT each other (evidence against being one entity: a
// Bayes factor below 1, or a vetoed name unless the pair shares an exact e-mail, identifier or
// phone and no birth date disagrees; see MatchScorer::Contradicts) and the link is not a lone
// bridge (the mean probability clears the threshold, or at least two cross pairs do, or one
// side is a single record). Cluster ids come from content, not row positions.
//
//   ClusterSet clusters(record_count);
//   ClusterEdges(edges, 0.5, judge, clusters);
//   std::string id = StableClusterId(source_name, record_id);  // of the cluster's smallest member
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crosscheck::link {

// Clusters over this many members are represented by this many evenly spaced members when
// two clusters are compared (see ClusterSet::CompareClusters).
inline constexpr std::size_t kClusterSampleSize = 32;

// ScoredPair is one compared record pair (left < right, canonical indices).
struct ScoredPair {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  float weight = 0.0F;       // match weight (bits)
  float probability = 0.0F;  // match probability, 0 when vetoed
  bool contradicts = false;  // the fields' evidence is against one entity (see PairJudgement)
};

// PairJudgement is what clustering needs to know of a record pair: its link probability (0
// when it must not link) and whether its fields contradict each other (a Bayes factor below
// 1, or a vetoed name unless the pair shares an exact e-mail, identifier or phone and no birth
// date disagrees), as opposed to merely not sharing enough to link: a maiden name and a
// nickname of one person share no name token, so they do not link, but the e-mail both
// carry says they are no evidence of two people either.
struct PairJudgement {
  float probability = 0.0F;
  bool contradicts = false;
};

// PairJudge judges a record pair that was not scored before.
using PairJudge = std::function<PairJudgement(std::uint32_t, std::uint32_t)>;

// KnownPairs holds already judged pairs by PairKey: an open-addressing hash table filled by
// Add, then read by Find. Clustering looks up every sampled cross pair of two clusters; one
// probe into a flat table beats a binary search over millions of edges (cache misses).
class KnownPairs {
 public:
  // Reserve sizes the table for `count` keys, so that adding them never rehashes.
  void Reserve(std::size_t count);
  // Add records a key's judgement; a key added twice keeps its first judgement.
  void Add(std::uint64_t key, PairJudgement judgement);
  // Find returns the judgement of a key, or null.
  const PairJudgement* Find(std::uint64_t key) const;
  // Prefetch starts loading the slot where Find(key) or Add(key) starts looking.
  void Prefetch(std::uint64_t key) const;

 private:
  struct Entry {
    std::uint64_t key;
    PairJudgement judgement;
  };
  // No PairKey of two distinct records is all ones: it marks an empty slot.
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  void Rehash(std::size_t capacity);  // capacity: a power of two
  // The table, filled as keys are added (load factor <= 1/2). It used to be built from a list
  // of the added entries at the end: at 541k applications that list was 100 MB beside it.
  std::vector<Entry> slots_;
  std::uint64_t mask_ = 0;  // table size - 1
  std::size_t size_ = 0;    // keys held
};

// CrossLinkage summarizes the (sampled) cross pairs of two clusters.
struct CrossLinkage {
  std::size_t pairs = 0;         // evaluated cross pairs
  std::size_t contradicted = 0;  // of them, contradicting pairs
  std::size_t strong = 0;        // of them, pairs at or above the threshold
  double mean_probability = 0.0;
  // Σ log2(p / (1 - p)) over the pairs (each clamped to ±20 bits; a vetoed pair counts -20):
  // the correlation-clustering objective's change if the clusters merge. Computed only when
  // more than a tenth of the pairs contradict (else 0: TryMerge does not need it).
  double log_odds_sum = 0.0;
};

// ClusterSet is a partition of records into clusters, grown by merges. Not thread-safe.
class ClusterSet {
 public:
  explicit ClusterSet(std::size_t record_count = 0);

  // AddRecord appends a new record as its own cluster and returns its index.
  std::uint32_t AddRecord();

  // SetExclusiveSources makes the sources in `exclusive_mask` one-to-one: no merge may put
  // two records of such a source in one cluster (see source_structure.h). source_of[r] is
  // record r's source; sources past the 63rd are never exclusive. Call before any merge.
  void SetExclusiveSources(const std::vector<std::uint32_t>& source_of, std::uint64_t exclusive_mask);

  std::size_t record_count() const { return cluster_of_.size(); }
  // Prefetch starts loading a record's cluster index: loops over edges call it a few edges
  // ahead, since at millions of records every lookup is a cache miss otherwise.
  void Prefetch(std::uint32_t record) const { __builtin_prefetch(cluster_of_.data() + record); }
  // cluster_of returns the cluster index (a member record index) of a record.
  std::uint32_t cluster_of(std::uint32_t record) const { return cluster_of_[record]; }
  // members returns the records of the cluster containing `record`, ascending.
  std::vector<std::uint32_t> members(std::uint32_t record) const;
  // size_of returns the size of the cluster containing `record`.
  std::size_t size_of(std::uint32_t record) const;

  // CompareClusters summarizes the cross pairs of the clusters of a and b; known pairs are
  // looked up in `known` (may be null), others judged by `judge`. Clusters over 32 members
  // are represented by 32 evenly spaced members (ascending order), so the cost is bounded.
  CrossLinkage CompareClusters(std::uint32_t a, std::uint32_t b, double threshold, const PairJudge& judge,
                               const KnownPairs* known) const;

  // TryMerge merges the clusters of a and b when their cross pairs allow it (see the file
  // comment) and they hold no record of the same exclusive source: a mean probability >=
  // threshold or at least min(2, smaller cluster size) strong cross pairs, and at most a
  // tenth contradicted — or, when the pairs' evidence taken together is for the merge (a
  // positive log-odds sum and a mean probability >= threshold), at most a third. Returns true when they are (now) in one
  // cluster. A refused pair of clusters is not re-examined until one of them grows.
  bool TryMerge(std::uint32_t a, std::uint32_t b, double threshold, const PairJudge& judge,
                const KnownPairs* known);
  // MergeUnlessExclusive merges the clusters of a and b unless they hold records of one
  // exclusive source; returns whether they are (now) one cluster.
  bool MergeUnlessExclusive(std::uint32_t a, std::uint32_t b);
  // SampleInto returns the members standing for the cluster of `record`: all of them up to
  // kClusterSampleSize (a view of its member list or of `buffer`, valid until the next merge),
  // else evenly spaced ones in `buffer`.
  std::span<const std::uint32_t> SampleInto(std::uint32_t record,
                                            std::array<std::uint32_t, kClusterSampleSize>& buffer) const;

 private:
  void Merge(std::uint32_t cluster_a, std::uint32_t cluster_b);

  std::vector<std::uint32_t> cluster_of_;
  // Member lists of multi-record clusters, ascending: lists_[slot_of_[cluster]], where
  // slot_of_ is kNoSlot for a singleton. A flat index instead of a hash map: clustering looks
  // up both clusters of every edge, and at 10M records each hash probe was a cache miss more.
  static constexpr std::uint32_t kNoSlot = ~std::uint32_t{0};
  std::vector<std::uint32_t> slot_of_;
  std::vector<std::vector<std::uint32_t>> lists_;
  std::vector<std::uint32_t> free_slots_;  // emptied lists_ entries, for reuse
  // Refused merges: PairKey of the two cluster ids -> their sizes at the time.
  std::unordered_map<std::uint64_t, std::uint64_t> refused_;
  // Per cluster (indexed by its cluster index): the exclusive sources it holds a record of.
  // Empty when no source is exclusive.
  std::vector<std::uint64_t> exclusive_bits_;
};

// PairKey packs a record pair (order-insensitive) into one key.
inline std::uint64_t PairKey(std::uint32_t a, std::uint32_t b) {
  return a < b ? (static_cast<std::uint64_t>(a) << 32) | b : (static_cast<std::uint64_t>(b) << 32) | a;
}

// ClusterEdges merges along edges with probability >= threshold, strongest first (ties by
// record indices, so the result is deterministic), each merge subject to TryMerge. All
// edges (also those below the threshold) are known pairs; others are judged by `judge`.
void ClusterEdges(const std::vector<ScoredPair>& edges, double threshold, const PairJudge& judge,
                  ClusterSet& clusters);

// StableClusterId derives a cluster id from its smallest member's (source, record id):
// "c" + 16 hex digits of a stable hash. The same input in any row order gives the same ids.
std::string StableClusterId(std::string_view source, std::string_view record_id);

}  // namespace crosscheck::link
