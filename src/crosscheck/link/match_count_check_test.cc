#include "crosscheck/link/match_count_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {
namespace {

// Two fields of three levels (exact, near, else); m(exact) 0.5 for both.
const std::vector<std::vector<double>> kM = {{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}};

TEST(MatchShareImpliedByFullAgreement, DividesTheFullAgreementsByTheShareOfMatchesThatAgreeOnAll) {
  // 100 of 6,000 pairs exact on both; every field known: a match agrees on both with 0.25,
  // so 400 matches.
  const std::vector<PatternCount> patterns = {{{0, 0}, 100.0}, {{2, 2}, 5000.0}, {{0, 2}, 900.0}};
  EXPECT_NEAR(MatchShareImpliedByFullAgreement(patterns, kM), 400.0 / 6000.0, 1e-12);
}

TEST(MatchShareImpliedByFullAgreement, CountsAFieldAsKnownAtTheRateItIsKnown) {
  // The second field is known on half the pairs: a match is exact on both with 0.5 · 0.5 · 0.5.
  const std::vector<PatternCount> patterns = {{{0, 0}, 100.0}, {{0, kNullLevel}, 3000.0}, {{2, 2}, 2900.0}};
  EXPECT_NEAR(MatchShareImpliedByFullAgreement(patterns, kM), 800.0 / 6000.0, 1e-12);
}

TEST(MatchShareImpliedByFullAgreement, GivesNoBoundWithoutEvidence) {
  EXPECT_TRUE(std::isinf(MatchShareImpliedByFullAgreement({{{0, 2}, 10.0}, {{1, 1}, 10.0}}, kM)));
  EXPECT_TRUE(std::isinf(MatchShareImpliedByFullAgreement({{{0, 0}, 10.0}}, {{0.0, 0.5, 0.5}, {0.5, 0.3, 0.2}})));
}

}  // namespace
}  // namespace crosscheck::link
