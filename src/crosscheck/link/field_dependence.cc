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
  double exact_ratio;  // of the exact cell; ratio when too few exact agreements were seen
  std::uint32_t first;
  std::uint32_t second;
};

// Tally counts, over random pairs weighed for non-matches, the pairs where both fields are
// known, where each agrees and where both do: at the agreeing levels and at exact agreement.
struct Tally {
  double total = 0, joint = 0, first_agrees = 0, second_agrees = 0;
  double joint_exact = 0, first_exact = 0, second_exact = 0;
};

Tally TallyAgreement(const std::vector<PatternCount>& patterns, const std::vector<double>& non_match,
                     std::uint32_t first, std::uint32_t second, std::uint8_t first_level, std::uint8_t second_level) {
  Tally tally;
  for (std::size_t pattern_idx = 0; pattern_idx < patterns.size(); ++pattern_idx) {
    const std::uint8_t* levels = patterns[pattern_idx].levels.data();
    if (levels[first] == kNullLevel || levels[second] == kNullLevel) continue;
    const double count = patterns[pattern_idx].count * non_match[pattern_idx];
    tally.total += count;
    const bool a = Agrees(levels[first], first_level);
    const bool b = Agrees(levels[second], second_level);
    tally.first_agrees += a ? count : 0;
    tally.second_agrees += b ? count : 0;
    tally.joint += a && b ? count : 0;
    tally.first_exact += levels[first] == 0 ? count : 0;
    tally.second_exact += levels[second] == 0 ? count : 0;
    tally.joint_exact += levels[first] == 0 && levels[second] == 0 ? count : 0;
  }
  return tally;
}

}  // namespace

std::uint8_t AgreeingLevel(std::size_t level_count) { return level_count >= 4 ? 1 : 0; }

std::vector<FieldDependence> EstimateFieldDependences(const std::vector<PatternCount>& patterns,
                                                      const std::vector<double>& non_match,
                                                      const std::vector<std::size_t>& level_counts) {
  const std::size_t field_count = level_counts.size();
  std::vector<Candidate> candidates;
  for (std::uint32_t first = 0; first < field_count; ++first) {
    for (std::uint32_t second = first + 1; second < field_count; ++second) {
      const Tally tally = TallyAgreement(patterns, non_match, first, second, AgreeingLevel(level_counts[first]),
                                         AgreeingLevel(level_counts[second]));
      if (tally.joint < kMinJoint || tally.first_agrees <= 0 || tally.second_agrees <= 0) continue;
      const double ratio = tally.joint * tally.total / (tally.first_agrees * tally.second_agrees);
      const double exact_ratio = tally.joint_exact >= kMinJoint
                                     ? tally.joint_exact * tally.total / (tally.first_exact * tally.second_exact)
                                     : ratio;
      if (ratio >= kMinRatio) candidates.push_back({ratio, std::max(exact_ratio, 1.0), first, second});
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
                           AgreeingLevel(level_counts[candidate.second]), -std::log2(candidate.ratio),
                           -std::log2(candidate.exact_ratio)});
  }
  std::sort(dependences.begin(), dependences.end(), [](const FieldDependence& a, const FieldDependence& b) {
    return std::make_pair(a.first, a.second) < std::make_pair(b.first, b.second);
  });
  return dependences;
}

double DependenceCorrection(const std::vector<FieldDependence>& dependences, const std::uint8_t* levels) {
  double correction = 0.0;
  for (const FieldDependence& dependence : dependences) {
    if (levels[dependence.first] == 0 && levels[dependence.second] == 0) {
      correction += dependence.exact_weight;
    } else if (Agrees(levels[dependence.first], dependence.first_level) &&
               Agrees(levels[dependence.second], dependence.second_level)) {
      correction += dependence.weight;
    }
  }
  return correction;
}

}  // namespace crosscheck::link
