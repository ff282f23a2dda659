#include "crosscheck/link/em_estimator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "crosscheck/link/internal/level_sampler.h"
#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {
namespace {

// Draws pairs from a known two-class mixture and checks EM gets m, u and the share back.
TEST(EstimateMixture, RecoversKnownParametersOfAGeneratedMixture) {
  const std::vector<std::vector<double>> true_m = {
      {0.85, 0.10, 0.05}, {0.70, 0.20, 0.10}, {0.90, 0.10}, {0.60, 0.30, 0.10}, {0.95, 0.05}};
  const std::vector<std::vector<double>> true_u = {
      {0.01, 0.04, 0.95}, {0.05, 0.15, 0.80}, {0.10, 0.90}, {0.02, 0.08, 0.90}, {0.30, 0.70}};
  const double true_share = 0.2;
  const std::size_t field_count = true_m.size();
  internal::LevelSampler sampler(7);
  std::vector<std::uint8_t> levels;
  const std::size_t pair_count = 200000;
  for (std::size_t pair = 0; pair < pair_count; ++pair) {
    const bool match = sampler.Uniform() < true_share;
    for (std::size_t field = 0; field < field_count; ++field) {
      // 10% of values are missing on one field: must be left out, not counted as disagreement.
      if (field == 1 && sampler.Uniform() < 0.1) {
        levels.push_back(kNullLevel);
        continue;
      }
      levels.push_back(sampler.Draw(match ? true_m[field] : true_u[field]));
    }
  }
  const std::vector<PatternCount> patterns = CountPatterns(levels, field_count);
  std::vector<std::size_t> level_counts;
  for (const auto& m : true_m) level_counts.push_back(m.size());
  const EmResult fit = EstimateMixture(patterns, level_counts, {}, EmOptions{});
  EXPECT_TRUE(fit.converged);
  EXPECT_NEAR(fit.match_share, true_share, 0.01);
  for (std::size_t field = 0; field < field_count; ++field) {
    for (std::size_t level = 0; level < level_counts[field]; ++level) {
      SCOPED_TRACE("field " + std::to_string(field) + " level " + std::to_string(level));
      EXPECT_NEAR(fit.m[field][level], true_m[field][level], 0.02);
      EXPECT_NEAR(fit.u[field][level], true_u[field][level], 0.02);
    }
  }
}

TEST(CountPatterns, GroupsIdenticalVectorsDeterministically) {
  const std::vector<std::uint8_t> levels = {0, 1, 2, 0, 0, 1, 0, 1, kNullLevel};
  const std::vector<PatternCount> patterns = CountPatterns(levels, 3);
  ASSERT_EQ(patterns.size(), 3u);
  EXPECT_EQ(patterns[0].levels, (std::vector<std::uint8_t>{0, 0, 1}));
  EXPECT_EQ(patterns[1].levels, (std::vector<std::uint8_t>{0, 1, 2}));
  EXPECT_EQ(patterns[2].levels, (std::vector<std::uint8_t>{0, 1, kNullLevel}));
  const std::vector<std::uint8_t> repeated = {0, 1, 0, 1, 1, 0};
  const std::vector<PatternCount> grouped = CountPatterns(repeated, 2);
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[0].count, 2.0);
  EXPECT_EQ(grouped[1].count, 1.0);
}

}  // namespace
}  // namespace crosscheck::link
