// Expectation–maximisation for the Fellegi–Sunter mixture (Winkler 1988; as in fastLink and
// Splink): given the comparison vectors of candidate pairs, without labels, estimate for
// each field and level m = P(level | match), u = P(level | non-match) and the share of
// matches. Null levels (kNullLevel) are left out of a field's likelihood, as missing at random.
//
//   std::vector<PatternCount> patterns = CountPatterns(levels, field_count);
//   EmResult fit = EstimateMixture(patterns, level_counts, EmOptions{});
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace crosscheck::link {

// PatternCount is one distinct comparison vector and how many pairs have it.
struct PatternCount {
  std::vector<std::uint8_t> levels;
  double count = 0.0;
};

// CountPatterns groups row-major comparison vectors (field_count bytes per pair) into
// distinct patterns, sorted by levels (deterministic).
std::vector<PatternCount> CountPatterns(std::span<const std::uint8_t> levels, std::size_t field_count);

// EmOptions: starting point and stopping rule.
struct EmOptions {
  int max_iterations = 200;
  double tolerance = 1e-7;          // stop when no parameter moves more than this
  double initial_match_share = 0.1;
  bool update_u = true;             // false keeps the initial u fixed
  bool update_m = true;             // false keeps initial_m fixed (only the share and u move)
  std::vector<std::vector<double>> initial_m;  // per field and level; empty = favour strong levels
  double pseudo_count = 0.01;       // added to every level's count, so no m or u is 0
};

// EmResult: m[field][level], u[field][level], the match share and how the run went.
struct EmResult {
  std::vector<std::vector<double>> m;
  std::vector<std::vector<double>> u;
  double match_share = 0.0;
  int iterations = 0;
  bool converged = false;
};

// EstimateMixture runs EM from options.initial_m (by default, m favouring the strongest
// levels) and u from initial_u (per field, one entry per level; uniform when empty). level_counts[f] is the
// number of levels of field f. Deterministic; O(iterations · patterns · fields).
EmResult EstimateMixture(const std::vector<PatternCount>& patterns,
                         const std::vector<std::size_t>& level_counts,
                         const std::vector<std::vector<double>>& initial_u, const EmOptions& options);

// MatchPosterior returns P(match | levels) under m, u and the match share.
double MatchPosterior(const std::uint8_t* levels, const std::vector<std::vector<double>>& m,
                      const std::vector<std::vector<double>>& u, double match_share);

}  // namespace crosscheck::link
