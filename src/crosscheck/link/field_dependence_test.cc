#include "crosscheck/link/field_dependence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crosscheck::link {
namespace {

// Random pairs over three 4-level fields: fields 0 and 1 agree together (a suburb and its
// postcode), field 2 agrees independently of both.
std::vector<PatternCount> RandomPatterns() {
  std::vector<PatternCount> patterns;
  auto add = [&](std::uint8_t a, std::uint8_t b, std::uint8_t c, double count) {
    patterns.push_back({{a, b, c}, count});
  };
  // 10,000 pairs: 1 % agree on field 0; of those, 90 % on field 1 too; field 2 agrees in 1 %.
  add(0, 0, 0, 0.9);
  add(0, 0, 3, 89.1);
  add(0, 3, 0, 0.1);
  add(0, 3, 3, 9.9);
  add(3, 0, 0, 1.0);
  add(3, 0, 3, 99.0);  // field 1 alone: 1 % overall with the joint ones
  add(3, 3, 0, 98.0);
  add(3, 3, 3, 9702.0);
  add(kNullLevel, 0, 3, 50.0);  // unknown on field 0: not counted for (0, 1)
  return patterns;
}

TEST(FieldDependence, FindsFieldsThatAgreeTogether) {
  const std::vector<PatternCount> patterns = RandomPatterns();
  const std::vector<double> non_match(patterns.size(), 1.0);
  const std::vector<FieldDependence> found = EstimateFieldDependences(patterns, non_match, {4, 4, 4});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].first, 0U);
  EXPECT_EQ(found[0].second, 1U);
  // u_01 = 0.009, u_0 = 0.01, u_1 = 0.0109: the ratio is ~82, the correction ~-6.4 bits.
  const double expected = -std::log2(90.0 * 10000.0 / (100.0 * 190.0));
  EXPECT_NEAR(found[0].weight, expected, 0.05);
  const std::uint8_t both[] = {0, 1, 3};
  const std::uint8_t one[] = {0, 3, 0};
  const std::uint8_t unknown[] = {kNullLevel, 0, 0};
  EXPECT_NEAR(DependenceCorrection(found, both), expected, 0.05);
  EXPECT_EQ(DependenceCorrection(found, one), 0.0);
  EXPECT_EQ(DependenceCorrection(found, unknown), 0.0);
}

TEST(FieldDependence, TwoExactAgreementsAreCorrectedByTheirOwnCell) {
  // A suburb (field 0) and its postcode (field 1): strangers often hold postcodes a digit
  // apart (level 1, "near"), which have nothing to do with the suburb. Over exact and near
  // together the joint rate is ~19x the product; over exact agreements alone it is 90x.
  std::vector<PatternCount> patterns;
  auto add = [&](std::uint8_t a, std::uint8_t b, double count) { patterns.push_back({{a, b, 3}, count}); };
  add(0, 0, 90.0);
  add(0, 1, 4.0);
  add(0, 3, 6.0);
  add(3, 0, 10.0);
  add(3, 1, 396.0);
  add(3, 3, 9494.0);
  const std::vector<double> non_match(patterns.size(), 1.0);
  const std::vector<FieldDependence> found = EstimateFieldDependences(patterns, non_match, {4, 4, 4});
  ASSERT_EQ(found.size(), 1U);
  const double agreeing = -std::log2(94.0 * 10000.0 / (100.0 * 500.0));
  const double exact = -std::log2(90.0 * 10000.0 / (100.0 * 100.0));
  EXPECT_NEAR(found[0].weight, agreeing, 1e-9);
  EXPECT_NEAR(found[0].exact_weight, exact, 1e-9);
  const std::uint8_t both_exact[] = {0, 0, 3};
  const std::uint8_t exact_and_near[] = {0, 1, 3};
  EXPECT_NEAR(DependenceCorrection(found, both_exact), exact, 1e-9);
  EXPECT_NEAR(DependenceCorrection(found, exact_and_near), agreeing, 1e-9);
}

TEST(FieldDependence, IndependentFieldsAndMatchesAmongRandomPairsGiveNone) {
  std::vector<PatternCount> patterns = RandomPatterns();
  // Weighed as matches (posterior 0 of being a non-match), the joint agreements vanish.
  std::vector<double> non_match(patterns.size(), 1.0);
  non_match[0] = non_match[1] = 0.0;
  EXPECT_TRUE(EstimateFieldDependences(patterns, non_match, {4, 4, 4}).empty());
}

}  // namespace
}  // namespace crosscheck::link
