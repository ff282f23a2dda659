#include "crosscheck/pipeline/scan_tuning.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace crosscheck::pipeline {
namespace {

TEST(ScanTuning, DefaultsAreInsideTheirRangesAndNamesAreUnique) {
  const ScanTuning defaults;
  std::set<std::string> names;
  for (const Tunable& tunable : Tunables()) {
    EXPECT_TRUE(names.insert(std::string(tunable.name)).second) << tunable.name;
    const double value = tunable.get(defaults);
    EXPECT_GE(value, tunable.min) << tunable.name;
    EXPECT_LE(value, tunable.max) << tunable.name;
  }
  EXPECT_TRUE(ValidateTuning(defaults).has_value());
  EXPECT_TRUE(ChangedTunings(defaults).empty());
}

TEST(ScanTuning, SetsTheNamedFieldAndReportsIt) {
  ScanTuning tuning;
  ASSERT_TRUE(ApplyTuning("photo_max_hamming=4", tuning).has_value());
  ASSERT_TRUE(ApplyTuning("high_probability=0.95", tuning).has_value());
  ASSERT_TRUE(ApplyTuning("identity_split=0", tuning).has_value());
  EXPECT_EQ(tuning.evidence.photo_max_hamming, 4);
  EXPECT_DOUBLE_EQ(tuning.score.high_probability, 0.95);
  EXPECT_FALSE(tuning.identity_split.enabled);
  EXPECT_EQ(ChangedTunings(tuning),
            (std::vector<std::string>{"photo_max_hamming=4", "identity_split=0", "high_probability=0.95"}));
}

TEST(ScanTuning, EveryTunableRoundTripsThroughItsSetter) {
  for (const Tunable& tunable : Tunables()) {
    ScanTuning tuning;
    const double value = tunable.integral ? tunable.max : (tunable.min + tunable.max) / 2;
    tunable.set(tuning, value);
    EXPECT_DOUBLE_EQ(tunable.get(tuning), value) << tunable.name;
    EXPECT_EQ(ChangedTunings(tuning).size(), tunable.get(ScanTuning{}) == value ? 0u : 1u) << tunable.name;
  }
}

TEST(ScanTuning, RefusesWhatIsNotASetting) {
  ScanTuning tuning;
  const auto message = [&](const char* assignment) {
    Status status = ApplyTuning(assignment, tuning);
    EXPECT_FALSE(status.has_value()) << assignment;
    return status ? std::string() : status.error().message();
  };
  EXPECT_NE(message("photo_max_hamming").find("NAME=VALUE"), std::string::npos);
  EXPECT_NE(message("photo_hamming=3").find("known: ip_window_seconds"), std::string::npos);
  EXPECT_NE(message("photo_max_hamming=x").find("not a number"), std::string::npos);
  EXPECT_NE(message("photo_max_hamming=3.5").find("whole number"), std::string::npos);
  EXPECT_NE(message("photo_max_hamming=8").find("outside 0..7"), std::string::npos);
  EXPECT_NE(message("resume_min_jaccard=nan").find("not a number"), std::string::npos);
  EXPECT_EQ(tuning.evidence.photo_max_hamming, ScanTuning{}.evidence.photo_max_hamming);
}

TEST(ScanTuning, ValidatesWhatOneSettingCannot) {
  ScanTuning tuning;
  ASSERT_TRUE(ApplyTuning("high_probability=0.9999", tuning).has_value());
  EXPECT_FALSE(ValidateTuning(tuning).has_value());  // above critical
  tuning = ScanTuning{};
  ASSERT_TRUE(ApplyTuning("untied_max_tie=1", tuning).has_value());
  EXPECT_FALSE(ValidateTuning(tuning).has_value());
  tuning = ScanTuning{};
  ASSERT_TRUE(ApplyTuning("network_min_tie=2", tuning).has_value());
  EXPECT_FALSE(ValidateTuning(tuning).has_value());
}

}  // namespace
}  // namespace crosscheck::pipeline
