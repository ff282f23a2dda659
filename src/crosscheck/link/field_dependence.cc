#include "crosscheck/link/field_dependence.h"

#include <algorithm>
#include <cmath>

namespace crosscheck::link {
namespace {

// Joint agreement this many times the independent rate marks a dependence: unrelated fields
// (given name and date of birth) stay near 1; suburb and postcode are in the hundreds.
constexpr double kMinRatio = 4.0;
// Fewer joint agreements than this among random pairs are too few to estimate u_ab.
constexpr double kMinJoint = 20.0;

bool Agrees(std::uint8_t level, std::uint8_t agreeing) { return level != kNullLevel && level <= agreeing; }

struct Candidate {
  double ratio;
  std::uint32_t first;
  std::uint32_t second;
};

}  // namespace

std::uint8_t AgreeingLevel(std::size_t level_count) { return level_count >= 4 ? 1 : 0; }

std::vector<FieldDependence> EstimateFieldDependences(const std::vector<PatternCount>& patterns,
                                                      const std::vector<double>& non_match,
                                                      const std::vector<std::size_t>& level_counts) {
  const std::size_t field_count = level_counts.size();
  std::vector<Candidate> candidates;
  for (std::uint32_t first = 0; first < field_count; ++first) {
    for (std::uint32_t second = first + 1; second < field_count; ++second) {
      // Over pairs where both fields are known: N, both agree, each agrees.
      const std::uint8_t first_level = AgreeingLevel(level_counts[first]);
      const std::uint8_t second_level = AgreeingLevel(level_counts[second]);
      double total = 0, joint = 0, first_agrees = 0, second_agrees = 0;
      for (std::size_t pattern_idx = 0; pattern_idx < patterns.size(); ++pattern_idx) {
        const std::uint8_t* levels = patterns[pattern_idx].levels.data();
        if (levels[first] == kNullLevel || levels[second] == kNullLevel) continue;
        const double count = patterns[pattern_idx].count * non_match[pattern_idx];
        total += count;
        const bool a = Agrees(levels[first], first_level);
        const bool b = Agrees(levels[second], second_level);
        first_agrees += a ? count : 0;
        second_agrees += b ? count : 0;
        joint += a && b ? count : 0;
      }
      if (joint < kMinJoint || first_agrees <= 0 || second_agrees <= 0) continue;
      const double ratio = joint * total / (first_agrees * second_agrees);
      if (ratio >= kMinRatio) candidates.push_back({ratio, first, second});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.ratio != b.ratio) return a.ratio > b.ratio;
    return std::make_pair(a.first, a.second) < std::make_pair(b.first, b.second);
  });
  std::vector<bool> used(field_count, false);
  std::vector<FieldDependence> dependences;
  for (const Candidate& candidate : candidates) {
    if (used[candidate.first] || used[candidate.second]) continue;
    used[candidate.first] = used[candidate.second] = true;
    dependences.push_back({candidate.first, candidate.second, AgreeingLevel(level_counts[candidate.first]),
                           AgreeingLevel(level_counts[candidate.second]), -std::log2(candidate.ratio)});
  }
  std::sort(dependences.begin(), dependences.end(), [](const FieldDependence& a, const FieldDependence& b) {
    return std::make_pair(a.first, a.second) < std::make_pair(b.first, b.second);
  });
  return dependences;
}

double DependenceCorrection(const std::vector<FieldDependence>& dependences, const std::uint8_t* levels) {
  double correction = 0.0;
  for (const FieldDependence& dependence : dependences) {
    if (Agrees(levels[dependence.first], dependence.first_level) &&
        Agrees(levels[dependence.second], dependence.second_level)) {
      correction += dependence.weight;
    }
  }
  return correction;
}

}  // namespace crosscheck::link
