// Country fairness: rates, ratios and when a ratio is evidence rather than a handful of flags.
#include "crosscheck/evaluate/country_fairness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace crosscheck::evaluate {
namespace {

void AddCountry(std::vector<LegitOutcome>& outcomes, const std::string& country, int legit, int flagged) {
  for (int idx = 0; idx < legit; ++idx) outcomes.push_back({country, idx < flagged});
}

TEST(BinomialUpperTail, MatchesHandComputedTails) {
  EXPECT_DOUBLE_EQ(BinomialUpperTail(10, 0, 0.3), 1.0);
  EXPECT_NEAR(BinomialUpperTail(2, 1, 0.5), 0.75, 1e-12);
  EXPECT_NEAR(BinomialUpperTail(3, 3, 0.5), 0.125, 1e-12);
  // Poisson limit: n = 100,000, p = 2e-5 (mean 2): P(X >= 5) = 1 - e^-2 (1 + 2 + 2 + 4/3 + 2/3).
  EXPECT_NEAR(BinomialUpperTail(100'000, 5, 2e-5), 1 - std::exp(-2.0) * 7.0, 1e-4);
  EXPECT_DOUBLE_EQ(BinomialUpperTail(5, 6, 0.5), 0.0);
  // Far above the mean the tail is tiny but kept: P(X >= 20 | n = 2,000, p = 0.001) is about
  // e^-2 2^20 / 20! (the first term dominates), not the 0 that 1 - (lower tail) would give.
  const double far = BinomialUpperTail(2'000, 20, 0.001);
  EXPECT_GT(far, 0.0);
  EXPECT_NEAR(std::log(far), std::log(std::exp(-2.0) * std::pow(2.0, 20) / std::tgamma(21.0)), 0.1);
  // The two ways of summing meet at the mean (k = 10 sums the lower tail, k = 11 the upper):
  // their difference is P(X = 10) = C(1000, 10) 0.01^10 0.99^990 = 0.125740211.
  EXPECT_NEAR(BinomialUpperTail(1'000, 10, 0.01) - BinomialUpperTail(1'000, 11, 0.01), 0.125740211, 1e-9);
}

TEST(CountryFairness, AHandfulOfFlagsIsAHighRatioButNotEvidence) {
  std::vector<LegitOutcome> outcomes;
  AddCountry(outcomes, "US", 30'000, 3);
  AddCountry(outcomes, "CN", 3'000, 2);  // 6.7x the overall rate, from two applications
  AddCountry(outcomes, "KR", 200, 1);    // too few applications to rate
  const CountryFairness fairness = MeasureCountryFairness(outcomes, {});
  ASSERT_EQ(fairness.countries.size(), 2u);
  EXPECT_EQ(fairness.countries[0].country, "CN");
  EXPECT_NEAR(fairness.countries[0].ratio, (2.0 / 3'000) / (6.0 / 33'200), 1e-9);
  EXPECT_GT(fairness.countries[0].ratio, 2.0);
  EXPECT_GT(fairness.countries[0].p_above, 0.01);
  EXPECT_TRUE(fairness.AboveGoal().empty());
}

TEST(CountryFairness, ACountryFlaggedFarMoreOftenIsAboveTheGoal) {
  std::vector<LegitOutcome> outcomes;
  AddCountry(outcomes, "US", 30'000, 30);  // 0.1 %
  AddCountry(outcomes, "NG", 2'000, 20);   // 1 %: ten times US
  const CountryFairness fairness = MeasureCountryFairness(outcomes, {.max_ratio = 2.0});
  const std::vector<const CountryRate*> above = fairness.AboveGoal();
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0]->country, "NG");
  EXPECT_LT(above[0]->p_above, 1e-4);
  EXPECT_NE(FormatFairnessText(fairness).find("NG"), std::string::npos);
}

TEST(CountryFairness, NobodyFlaggedRatesEveryCountryZero) {
  std::vector<LegitOutcome> outcomes;
  AddCountry(outcomes, "US", 1'000, 0);
  AddCountry(outcomes, "-", 1'000, 0);
  const CountryFairness fairness = MeasureCountryFairness(outcomes, {});
  ASSERT_EQ(fairness.countries.size(), 2u);
  for (const CountryRate& rate : fairness.countries) EXPECT_EQ(rate.ratio, 0.0);
  EXPECT_TRUE(fairness.AboveGoal().empty());
}

}  // namespace
}  // namespace crosscheck::evaluate
