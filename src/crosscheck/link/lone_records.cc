#include "crosscheck/link/lone_records.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "crosscheck/link/internal/parallel.h"
#include "crosscheck/link/pair_comparator.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {
namespace {

// A lone record and a cluster (by its index at the time) it may join, with the weight.
struct Attachment {
  std::uint32_t lone = 0;
  std::uint32_t partner = 0;  // a member of the cluster
  std::uint32_t cluster = 0;
  double weight = 0.0;
};

// DistinctValues counts the distinct first values the members hold in one field.
std::size_t DistinctValues(const PreparedColumn& column, std::span<const std::uint32_t> members) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t member : members) {
    if (column.value_count(member) == 0) continue;
    const std::uint32_t id = column.value(member, 0).id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids.size();
}

double CurrentWeight(const MatchScorer& scorer, const ClusterSet& clusters, std::uint32_t lone,
                     std::uint32_t partner, bool* vetoed) {
  // The members compared: all up to kClusterSampleSize, else evenly spaced ones.
  std::array<std::uint32_t, kClusterSampleSize> buffer;
  return ClusterEvidenceWeight(scorer, lone, clusters.SampleInto(partner, buffer), vetoed);
}

}  // namespace

double ClusterEvidenceWeight(const MatchScorer& scorer, std::uint32_t record,
                             std::span<const std::uint32_t> members, bool* vetoed) {
  const PairComparator& comparator = scorer.comparator();
  const std::size_t field_count = comparator.field_count();
  std::vector<std::uint8_t> levels(field_count), best(field_count, kNullLevel);
  std::vector<std::uint32_t> exact(field_count), best_exact(field_count, 0);
  for (std::uint32_t member : members) {
    comparator.Compare(record, member, levels.data(), exact.data());
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      const std::uint8_t level = levels[field_idx];
      if (level != kNullLevel && (best[field_idx] == kNullLevel || level < best[field_idx])) {
        best[field_idx] = level;
        best_exact[field_idx] = exact[field_idx];
      }
    }
  }
  double weight = scorer.Weight(best.data(), best_exact.data(), vetoed);
  const PreparedTable& table = comparator.table();
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    const std::uint8_t level = best[field_idx];
    if (level == kNullLevel || level + 1U >= comparator.level_labels(field_idx).size()) continue;
    const std::size_t distinct = DistinctValues(table.column(field_idx), members);
    if (distinct > 1) weight -= std::log2(static_cast<double>(distinct));
  }
  return weight;
}

std::size_t AttachLoneRecords(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& candidates,
                              const MatchScorer& scorer, double threshold, unsigned threads,
                              ClusterSet& clusters) {
  // Each lone record's candidate clusters, once per (record, cluster).
  std::vector<Attachment> options;
  for (const auto& [left, right] : candidates) {
    const bool left_lone = clusters.size_of(left) == 1;
    const bool right_lone = clusters.size_of(right) == 1;
    if (left_lone == right_lone) continue;
    const std::uint32_t lone = left_lone ? left : right;
    const std::uint32_t partner = left_lone ? right : left;
    options.push_back({lone, partner, clusters.cluster_of(partner), 0.0});
  }
  std::sort(options.begin(), options.end(), [](const Attachment& a, const Attachment& b) {
    return a.lone != b.lone ? a.lone < b.lone : a.cluster != b.cluster ? a.cluster < b.cluster : a.partner < b.partner;
  });
  options.erase(std::unique(options.begin(), options.end(),
                            [](const Attachment& a, const Attachment& b) { return a.lone == b.lone && a.cluster == b.cluster; }),
                options.end());
  constexpr std::size_t kChunk = 4096;
  internal::RunChunks(options.size(), kChunk, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t idx = begin; idx < end; ++idx) {
      bool vetoed = false;
      options[idx].weight = CurrentWeight(scorer, clusters, options[idx].lone, options[idx].partner, &vetoed);
      if (vetoed) options[idx].weight = -HUGE_VAL;
    }
  });
  const double threshold_weight = std::log2(threshold / (1.0 - threshold));
  std::erase_if(options, [&](const Attachment& option) { return option.weight < threshold_weight; });
  // Strongest first; ties by records, so the result does not depend on the threads.
  std::sort(options.begin(), options.end(), [](const Attachment& a, const Attachment& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.lone != b.lone ? a.lone < b.lone : a.cluster < b.cluster;
  });
  std::size_t attached = 0;
  for (const Attachment& option : options) {
    if (clusters.size_of(option.lone) != 1) continue;
    // The cluster may have grown since it was weighed: weigh it as it is now.
    bool vetoed = false;
    const double weight = CurrentWeight(scorer, clusters, option.lone, option.partner, &vetoed);
    if (vetoed || weight < threshold_weight) continue;
    if (clusters.MergeUnlessExclusive(option.lone, option.partner)) ++attached;
  }
  return attached;
}

}  // namespace crosscheck::link
