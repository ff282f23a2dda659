#include "crosscheck/link/em_sessions.h"

#include <algorithm>

#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {
namespace {

// A session whose EM finds almost no matches, or takes every pair for one (the share at its
// clamp), has not found two classes; its m says nothing. A session of nearly all matches
// (pairs sharing a personal phone) is fine: its m is the matches' own level frequencies.
constexpr double kMinSessionMatches = 50.0;
constexpr double kMaxShare = 1.0 - 1e-7;

bool MeetsConditions(const PatternCount& pattern, const TrainingSession& session) {
  for (const SessionCondition& condition : session.conditions) {
    const std::uint8_t level = pattern.levels[condition.field];
    if (level == kNullLevel || level > condition.max_level) return false;
  }
  return true;
}

}  // namespace

SessionFit EstimateMBySessions(const std::vector<PatternCount>& patterns,
                               const std::vector<std::size_t>& level_counts,
                               const std::vector<std::vector<double>>& initial_u,
                               const std::vector<TrainingSession>& sessions,
                               const std::vector<std::vector<double>>& fallback_m) {
  const std::size_t field_count = level_counts.size();
  SessionFit result;
  std::vector<std::vector<double>> m_sum(field_count);
  // Each session's m weighs by the matches it saw with the field known: sessions pool counts.
  std::vector<double> m_weight(field_count, 0.0);
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    m_sum[field_idx].assign(level_counts[field_idx], 0.0);
  }
  for (const TrainingSession& session : sessions) {
    SessionSummary summary{session.description};
    std::vector<PatternCount> selected;
    std::vector<bool> conditioned(field_count, false);
    for (const SessionCondition& condition : session.conditions) conditioned[condition.field] = true;
    for (std::uint32_t field : session.silenced) conditioned[field] = true;
    for (const PatternCount& pattern : patterns) {
      if (!MeetsConditions(pattern, session)) continue;
      PatternCount masked = pattern;
      for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
        if (conditioned[field_idx]) masked.levels[field_idx] = kNullLevel;
      }
      summary.pairs += pattern.count;
      selected.push_back(std::move(masked));
    }
    if (summary.pairs >= kMinSessionPairs) {
      const EmResult fit = EstimateMixture(selected, level_counts, initial_u, EmOptions{});
      summary.match_share = fit.match_share;
      summary.used = fit.match_share * summary.pairs >= kMinSessionMatches && fit.match_share <= kMaxShare;
      if (summary.used) {
        std::vector<double> known_matches(field_count, 0.0);
        for (const PatternCount& pattern : selected) {
          const double matches =
              pattern.count * MatchPosterior(pattern.levels.data(), fit.m, fit.u, fit.match_share);
          for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
            if (pattern.levels[field_idx] != kNullLevel) known_matches[field_idx] += matches;
          }
        }
        for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
          if (conditioned[field_idx] || known_matches[field_idx] < 1.0) continue;
          for (std::size_t level = 0; level < level_counts[field_idx]; ++level) {
            m_sum[field_idx][level] += known_matches[field_idx] * fit.m[field_idx][level];
          }
          m_weight[field_idx] += known_matches[field_idx];
        }
      }
    }
    result.sessions.push_back(std::move(summary));
  }
  result.m.resize(field_count);
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    if (m_weight[field_idx] == 0.0) {
      result.m[field_idx] = fallback_m[field_idx];
      continue;
    }
    result.m[field_idx] = m_sum[field_idx];
    for (double& value : result.m[field_idx]) value /= m_weight[field_idx];
  }
  return result;
}

}  // namespace crosscheck::link
