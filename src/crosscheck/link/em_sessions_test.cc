#include "crosscheck/link/em_sessions.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "crosscheck/link/internal/level_sampler.h"

namespace crosscheck::link {
namespace {

enum Field : std::uint32_t { kEmail, kName, kPhone, kDate };
const std::vector<std::size_t> kLevelCounts = {2, 3, 2, 2};  // name: exact, some tokens, else

// CandidateMixture draws the candidate pairs blocking would give on records where a throwaway
// e-mail is shared by many different people who have the same given name (the e-mail is made
// from it): true matches, those e-mail sharers, name-block and date-block non-matches.
std::vector<PatternCount> CandidateMixture(const std::vector<std::vector<double>>& true_m) {
  internal::LevelSampler sampler(11);
  std::vector<std::uint8_t> levels;
  auto add = [&](std::size_t count, const std::vector<std::vector<double>>& distribution) {
    for (std::size_t pair = 0; pair < count; ++pair) {
      for (const auto& field : distribution) levels.push_back(sampler.Draw(field));
    }
  };
  add(20000, true_m);
  add(60000, {{1.0, 0.0}, {0.0, 1.0, 0.0}, {0.001, 0.999}, {0.0001, 0.9999}});      // e-mail sharers
  add(100000, {{0.001, 0.999}, {0.3, 0.7, 0.0}, {0.0001, 0.9999}, {0.0001, 0.9999}});  // same name
  add(100000, {{0.001, 0.999}, {0.0, 0.05, 0.95}, {0.0001, 0.9999}, {1.0, 0.0}});    // same date
  return CountPatterns(levels, kLevelCounts.size());
}

// RandomPairU: level frequencies among random pairs, as the engine starts u.
const std::vector<std::vector<double>> kRandomPairU = {
    {1e-5, 1 - 1e-5}, {1e-4, 0.01, 1 - 0.0101}, {1e-6, 1 - 1e-6}, {1e-4, 1 - 1e-4}};

std::vector<TrainingSession> RuleSessions() {
  return {{{{kEmail, 0}}, "email:exact"},
          {{{kName, 1}}, "name:phonetic"},
          {{{kPhone, 0}}, "phone:exact"},
          {{{kDate, 0}}, "date:exact"}};
}

TEST(EstimateMBySessions, RecoversMWhereJointEmTakesSharedValuesForMatches) {
  const std::vector<std::vector<double>> true_m = {{0.5, 0.5}, {0.8, 0.15, 0.05}, {0.95, 0.05}, {0.95, 0.05}};
  const std::vector<PatternCount> patterns = CandidateMixture(true_m);
  const EmResult joint = EstimateMixture(patterns, kLevelCounts, kRandomPairU, EmOptions{});
  // The premise: one EM over everything learns that matches often disagree on phone and date.
  ASSERT_GT(joint.m[kPhone][1], 0.6);
  ASSERT_GT(joint.m[kDate][1], 0.6);

  const SessionFit fit = EstimateMBySessions(patterns, kLevelCounts, kRandomPairU, RuleSessions(), joint.m);
  ASSERT_EQ(fit.sessions.size(), 4u);
  for (const SessionSummary& session : fit.sessions) {
    SCOPED_TRACE(session.description);
    EXPECT_TRUE(session.used);
  }
  EXPECT_NEAR(fit.sessions[0].pairs, 20000 * 0.5 + 60000, 500);
  for (std::uint32_t field = kEmail; field <= kDate; ++field) {
    for (std::size_t level = 0; level < kLevelCounts[field]; ++level) {
      SCOPED_TRACE("field " + std::to_string(field) + " level " + std::to_string(level));
      // Not exact: inside the name session the e-mail sharers still agree on the e-mail.
      EXPECT_NEAR(fit.m[field][level], true_m[field][level], 0.12);
    }
  }
}

TEST(EstimateMBySessions, KeepsTheFallbackWhereNoSessionEstimatesAField) {
  const std::vector<std::vector<double>> true_m = {{0.5, 0.5}, {0.8, 0.15, 0.05}, {0.95, 0.05}, {0.95, 0.05}};
  const std::vector<PatternCount> patterns = CandidateMixture(true_m);
  const std::vector<std::vector<double>> fallback = {{0.1, 0.9}, {0.2, 0.3, 0.5}, {0.6, 0.4}, {0.7, 0.3}};
  // Every session conditions on the name, so the name's m is nobody's estimate.
  std::vector<TrainingSession> sessions = RuleSessions();
  for (TrainingSession& session : sessions) {
    if (session.conditions[0].field != kName) session.conditions.push_back({kName, 1});
  }
  const SessionFit fit = EstimateMBySessions(patterns, kLevelCounts, {}, sessions, fallback);
  EXPECT_EQ(fit.m[kName], fallback[kName]);
  EXPECT_NE(fit.m[kPhone], fallback[kPhone]);
}

TEST(EstimateMBySessions, SilencedFieldsAreLeftOutOfTheSessionAsItsConditionsAre) {
  const std::vector<std::vector<double>> true_m = {{0.5, 0.5}, {0.8, 0.15, 0.05}, {0.95, 0.05}, {0.95, 0.05}};
  const std::vector<PatternCount> patterns = CandidateMixture(true_m);
  const std::vector<std::vector<double>> fallback = {{0.1, 0.9}, {0.2, 0.3, 0.5}, {0.6, 0.4}, {0.7, 0.3}};
  // The name's m would come from the e-mail, phone and date sessions; each silences it now.
  std::vector<TrainingSession> sessions = RuleSessions();
  for (TrainingSession& session : sessions) {
    if (session.conditions[0].field != kName) session.silenced.push_back(kName);
  }
  const SessionFit fit = EstimateMBySessions(patterns, kLevelCounts, {}, sessions, fallback);
  EXPECT_EQ(fit.m[kName], fallback[kName]);
  EXPECT_NE(fit.m[kPhone], fallback[kPhone]);
  // Silenced is not selected on: the e-mail session still holds all its pairs.
  EXPECT_NEAR(fit.sessions[0].pairs, 20000 * 0.5 + 60000, 500);
}

TEST(EstimateMBySessions, LeavesOutSessionsTooSmallOrWithoutTwoClasses) {
  const std::vector<std::vector<double>> fallback = {{0.5, 0.5}, {0.4, 0.3, 0.3}, {0.5, 0.5}, {0.5, 0.5}};
  // 150 pairs: below kMinSessionPairs.
  std::vector<PatternCount> few = {{{0, 0, 0, 0}, 100}, {{0, 2, 1, 1}, 50}};
  const SessionFit small = EstimateMBySessions(few, kLevelCounts, {}, {{{{kEmail, 0}}, "email:exact"}}, fallback);
  ASSERT_EQ(small.sessions.size(), 1u);
  EXPECT_FALSE(small.sessions[0].used);
  EXPECT_EQ(small.m, fallback);
  // Pairs that disagree on everything but the session's field hold no matches to learn from.
  std::vector<PatternCount> none = {{{0, 2, 1, 1}, 5000}};
  const SessionFit empty = EstimateMBySessions(none, kLevelCounts, {}, {{{{kEmail, 0}}, "email:exact"}}, fallback);
  EXPECT_FALSE(empty.sessions[0].used);
  EXPECT_EQ(empty.m, fallback);
}

}  // namespace
}  // namespace crosscheck::link
