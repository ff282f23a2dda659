#include "crosscheck/link/em_estimator.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {

std::vector<PatternCount> CountPatterns(std::span<const std::uint8_t> levels,
                                        std::size_t field_count) {
  if (field_count == 0) return {};
  // Hash by the pattern's bytes, then sort the distinct patterns for a deterministic order.
  std::unordered_map<std::string_view, double> counts;
  const std::string_view bytes(reinterpret_cast<const char*>(levels.data()), levels.size());
  for (std::size_t offset = 0; offset + field_count <= levels.size(); offset += field_count) {
    counts[bytes.substr(offset, field_count)] += 1.0;
  }
  std::vector<std::pair<std::string_view, double>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<PatternCount> patterns;
  patterns.reserve(sorted.size());
  for (const auto& [pattern, count] : sorted) {
    patterns.push_back({std::vector<std::uint8_t>(pattern.begin(), pattern.end()), count});
  }
  return patterns;
}

double MatchPosterior(const std::uint8_t* levels, const std::vector<std::vector<double>>& m,
                      const std::vector<std::vector<double>>& u, double match_share) {
  // Work in logs: products of many small probabilities underflow.
  double log_match = std::log(match_share);
  double log_non_match = std::log1p(-match_share);
  for (std::size_t field_idx = 0; field_idx < m.size(); ++field_idx) {
    const std::uint8_t level = levels[field_idx];
    if (level == kNullLevel) continue;
    log_match += std::log(m[field_idx][level]);
    log_non_match += std::log(u[field_idx][level]);
  }
  const double diff = log_non_match - log_match;
  if (diff > 700) return 0.0;
  return 1.0 / (1.0 + std::exp(diff));
}

EmResult EstimateMixture(const std::vector<PatternCount>& patterns,
                         const std::vector<std::size_t>& level_counts,
                         const std::vector<std::vector<double>>& initial_u, const EmOptions& options) {
  const std::size_t field_count = level_counts.size();
  EmResult result;
  result.m.resize(field_count);
  result.u.resize(field_count);
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    const std::size_t levels = level_counts[field_idx];
    // m starts high on exact agreement and decays, u starts from the caller's estimate.
    std::vector<double>& m = result.m[field_idx];
    if (field_idx < options.initial_m.size() && options.initial_m[field_idx].size() == levels) {
      m = options.initial_m[field_idx];
    } else {
      m.assign(levels, 0.0);
      double total = 0.0;
      for (std::size_t level = 0; level < levels; ++level) {
        m[level] = level + 1 == levels ? 0.05 : std::pow(0.25, static_cast<double>(level)) * 0.9;
        total += m[level];
      }
      for (double& value : m) value /= total;
    }
    if (field_idx < initial_u.size() && initial_u[field_idx].size() == levels) {
      result.u[field_idx] = initial_u[field_idx];
    } else {
      result.u[field_idx].assign(levels, 1.0 / static_cast<double>(levels));
    }
  }
  double share = options.initial_match_share;
  std::vector<std::vector<double>> m_counts(field_count);
  std::vector<std::vector<double>> u_counts(field_count);
  std::vector<std::vector<double>> log_ratio(field_count);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      m_counts[field_idx].assign(level_counts[field_idx], options.pseudo_count);
      u_counts[field_idx].assign(level_counts[field_idx], options.pseudo_count);
    }
    double match_total = 0.0;
    double pair_total = 0.0;
    // Log tables once per iteration; the pattern loop then only adds.
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      log_ratio[field_idx].resize(level_counts[field_idx]);
      for (std::size_t level = 0; level < level_counts[field_idx]; ++level) {
        log_ratio[field_idx][level] = std::log(result.u[field_idx][level]) - std::log(result.m[field_idx][level]);
      }
    }
    const double log_prior_ratio = std::log1p(-share) - std::log(share);
    for (const PatternCount& pattern : patterns) {
      double diff = log_prior_ratio;
      for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
        const std::uint8_t level = pattern.levels[field_idx];
        if (level != kNullLevel) diff += log_ratio[field_idx][level];
      }
      const double posterior = diff > 700 ? 0.0 : 1.0 / (1.0 + std::exp(diff));
      const double matches = posterior * pattern.count;
      const double non_matches = pattern.count - matches;
      match_total += matches;
      pair_total += pattern.count;
      for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
        const std::uint8_t level = pattern.levels[field_idx];
        if (level == kNullLevel) continue;
        m_counts[field_idx][level] += matches;
        u_counts[field_idx][level] += non_matches;
      }
    }
    double max_change = 0.0;
    auto normalise_into = [&](const std::vector<double>& counts, std::vector<double>& target) {
      double sum = 0.0;
      for (double count : counts) sum += count;
      for (std::size_t level = 0; level < counts.size(); ++level) {
        const double value = counts[level] / sum;
        max_change = std::max(max_change, std::abs(value - target[level]));
        target[level] = value;
      }
    };
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      if (options.update_m) normalise_into(m_counts[field_idx], result.m[field_idx]);
      if (options.update_u) normalise_into(u_counts[field_idx], result.u[field_idx]);
    }
    const double new_share = pair_total > 0 ? std::clamp(match_total / pair_total, 1e-9, 1 - 1e-9)
                                            : share;
    max_change = std::max(max_change, std::abs(new_share - share));
    share = new_share;
    result.iterations = iteration;
    if (max_change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.match_share = share;
  return result;
}

}  // namespace crosscheck::link
