#include "crosscheck/link/source_structure.h"

#include <algorithm>
#include <cstdio>

namespace crosscheck::link {
namespace {

// Pairs this probable are counted: near the threshold false links dominate both densities.
constexpr double kStrongProbability = 0.9;
// Below this share of the cross density, within-source links are taken for noise.
constexpr double kMaxWithinShare = 0.25;
// Fewer strong cross pairs than this say too little to decide.
constexpr std::size_t kMinCrossPairs = 20;
constexpr std::size_t kMaxExclusiveSources = 64;

}  // namespace

SourceStructure MeasureSourceStructure(const PreparedTable& prepared, const std::vector<ScoredPair>& pairs,
                                       std::size_t source_count, double threshold) {
  SourceStructure structure;
  structure.within_density.assign(source_count, 0.0);
  structure.cross_density.assign(source_count, 0.0);
  structure.duplicate_free.assign(source_count, false);
  std::vector<double> records(source_count, 0.0);
  for (std::size_t record = 0; record < prepared.size(); ++record) records[prepared.source(record)] += 1.0;
  std::vector<std::size_t> within(source_count, 0);
  std::vector<std::size_t> cross(source_count, 0);
  const double strong = std::max(threshold, kStrongProbability);
  for (const ScoredPair& pair : pairs) {
    if (pair.probability < strong) continue;
    const std::uint32_t left = prepared.source(pair.left);
    const std::uint32_t right = prepared.source(pair.right);
    if (left == right) {
      ++within[left];
    } else {
      ++cross[left];
      ++cross[right];
    }
  }
  const double total = static_cast<double>(prepared.size());
  for (std::size_t source = 0; source < source_count; ++source) {
    const double size = records[source];
    const double possible_within = size * (size - 1) / 2;
    const double possible_cross = size * (total - size);
    structure.within_density[source] = possible_within > 0 ? static_cast<double>(within[source]) / possible_within : 0;
    structure.cross_density[source] = possible_cross > 0 ? static_cast<double>(cross[source]) / possible_cross : 0;
    const bool exclusive = source < kMaxExclusiveSources && cross[source] >= kMinCrossPairs &&
                           structure.within_density[source] < kMaxWithinShare * structure.cross_density[source];
    structure.duplicate_free[source] = exclusive;
    if (exclusive) structure.exclusive_mask |= std::uint64_t{1} << source;
  }
  return structure;
}

std::string DescribeSourceStructure(const SourceStructure& structure, const std::vector<std::string>& sources) {
  std::string text;
  for (std::size_t source = 0; source < sources.size() && source < structure.duplicate_free.size(); ++source) {
    char buffer[96];
    std::snprintf(buffer, sizeof(buffer), " (within %.1e, across %.1e): %s", structure.within_density[source],
                  structure.cross_density[source], structure.duplicate_free[source] ? "one-to-one" : "deduplicated");
    if (!text.empty()) text += "; ";
    text += sources[source] + buffer;
  }
  return text;
}

}  // namespace crosscheck::link
