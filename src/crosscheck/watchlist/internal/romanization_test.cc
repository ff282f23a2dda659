#include "crosscheck/watchlist/internal/romanization.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

TEST(RomanizationKey, JoinsMcCuneReischauerRevisedAndPersonalSpellings) {
  struct Case {
    const char* left;
    const char* right;
    bool variants;
  };
  const std::vector<Case> cases = {
      {"kyong", "gyeong", true},  {"chol", "cheol", true},  {"thaek", "taek", true},
      {"pyong", "byeong", true},  {"rim", "lim", true},     {"moon", "mun", true},
      {"koh", "ko", true},        {"ri", "lee", true},      {"pak", "park", true},
      {"choe", "choi", true},     {"o", "oh", true},
      {"midco", "mitdco", false},  // d and t are one sound, dt is not one letter
      {"min", "man", false},      {"kim", "lee", false},    {"chol", "chun", false},
      {"ari", "ali", false},      // r and l meet only at the start (Ryu, Lyu)
      {"emma", "chema", false},   // ch is a consonant, not a doubled letter
      {"yongchol", "yongchol", false},  // equal is not a variant
      {"i", "lee", false},        // the connector I of JAISH-I-MOHAMMED
      {"mohammadi", "muhammadi", false},  // too long for a skeleton
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.left) + " vs " + test_case.right);
    EXPECT_EQ(AreRomanizationVariants(test_case.left, test_case.right), test_case.variants);
    EXPECT_EQ(AreRomanizationVariants(test_case.right, test_case.left), test_case.variants);
  }
  EXPECT_EQ(RomanizationKey("gyeong"), "kyong");
  EXPECT_EQ(RomanizationKey("cheol"), "col");
  EXPECT_EQ(RomanizationKey("x"), "");
  EXPECT_EQ(RomanizationKey("110th"), "");
}

TEST(RomanizationIndexKeys, NamesTheGroupAndTheSkeleton) {
  EXPECT_EQ(RomanizationIndexKeys("lee"), (std::vector<std::string>{"#1", "li"}));
  EXPECT_EQ(RomanizationIndexKeys("gyeong"),
            (std::vector<std::string>{"#" + std::to_string(RomanizationGroup("kyong")), "kyong"}));
  EXPECT_TRUE(RomanizationIndexKeys("mohammadian").empty());
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
