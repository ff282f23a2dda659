#include "crosscheck/link/comparators.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck::link {
namespace {

TEST(JaroWinkler, MatchesPublishedValues) {
  // Values from Winkler (1990) and the usual reference implementations.
  struct Case {
    const char* left;
    const char* right;
    double expected;
  };
  const Case cases[] = {
      {"martha", "marhta", 0.9611}, {"dwayne", "duane", 0.84},   {"dixon", "dicksonx", 0.8133},
      {"same", "same", 1.0},        {"", "abc", 0.0},           {"abc", "xyz", 0.0},
      {"jones", "johnson", 0.8323},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.left) + " / " + c.right);
    EXPECT_NEAR(JaroWinkler(c.left, c.right), c.expected, 1e-3);
    EXPECT_NEAR(JaroWinkler(c.right, c.left), c.expected, 1e-3);
  }
  // Long strings take the general path and agree with the short one's formula.
  const std::string long_left(70, 'a');
  std::string long_right = long_left;
  long_right[69] = 'b';
  EXPECT_GT(JaroWinkler(long_left, long_right), 0.98);
}

TEST(DamerauLevenshtein, CountsEditsUpToTheBound) {
  struct Case {
    const char* left;
    const char* right;
    int bound;
    int expected;
  };
  const Case cases[] = {
      {"1551941", "1515941", 2, 1},  // transposition
      {"kitten", "sitting", 3, 3},   {"kitten", "sitting", 2, 3},  // capped at bound + 1
      {"abc", "abc", 1, 0},          {"", "ab", 5, 2},            {"ab", "", 1, 2},
      {"ca", "abc", 3, 3},           // OSA, not unrestricted Damerau
      {"smith", "smyth", 1, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.left) + " / " + c.right);
    EXPECT_EQ(DamerauLevenshtein(c.left, c.right, c.bound), c.expected);
    EXPECT_EQ(WithinOneEdit(c.left, c.right), DamerauLevenshtein(c.left, c.right, 1) <= 1);
  }
}

// The bounds let comparators skip the exact computation, so they must never cut a pair the
// exact one would keep: bound >= Jaro-Winkler, bound <= edit distance, on every case.
TEST(ComparatorBounds, NeverCrossTheExactValue) {
  const std::pair<const char*, const char*> cases[] = {
      {"martha", "marhta"},           {"dwayne", "duane"},
      {"dixon", "dicksonx"},          {"jones", "johnson"},
      {"catherine", "kathryn"},       {"42 stanley street", "42 stanely st"},
      {"pinkerton circuit", "pinkerton cct"}, {"1551941", "1515941"},
      {"5304218", "4066625"},         {"20230104", "20230401"},
      {"aaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaab"},  // a counter would pass 15
      {"same", "same"},               {"a", "b"},
      {"jose maria garcia", "garcia jose"}, {"x9", "9x"},
  };
  for (const auto& [left, right] : cases) {
    SCOPED_TRACE(std::string(left) + " / " + right);
    const double jaro_winkler = JaroWinkler(left, right);
    EXPECT_GE(JaroWinklerUpperBound(left, right), jaro_winkler);
    EXPECT_GE(JaroWinklerUpperBound(right, left), jaro_winkler);
    const int edits = DamerauLevenshtein(left, right, 64);
    EXPECT_LE(EditDistanceLowerBound(left, right), edits);
    for (bool digits : {false, true}) {
      SCOPED_TRACE(digits ? "number profiles" : "word profiles");
      const std::uint64_t left_profile = CharacterProfile(left, digits);
      const std::uint64_t right_profile = CharacterProfile(right, digits);
      const int common = ProfileCommonBound(left_profile, right_profile);
      if (common >= 0) {
        EXPECT_GE(JaroWinklerBoundFromCommon(left, right, common), jaro_winkler);
      }
      EXPECT_LE(ProfileDistanceBound(left_profile, right_profile), edits);
    }
  }
  // The bounds do reject: nothing in common, or far apart.
  EXPECT_LT(JaroWinklerUpperBound("abc", "xyz"), 0.5);
  EXPECT_GE(EditDistanceLowerBound("5304218", "4066625"), 3);
  EXPECT_GE(ProfileDistanceBound(CharacterProfile("5304218", true), CharacterProfile("4066625", true)), 3);
  EXPECT_EQ(CharacterProfile(std::string(16, 'a'), false), kNoProfile);
  EXPECT_EQ(ProfileCommonBound(kNoProfile, CharacterProfile("abc", false)), -1);
}

TEST(PhoneticCode, SpellingVariantsCollide) {
  const std::pair<const char*, const char*> same[] = {
      {"smith", "smyth"}, {"catherine", "kathryn"}, {"philip", "filip"}, {"knight", "nite"},
      {"stephen", "steven"},
  };
  for (const auto& [left, right] : same) {
    SCOPED_TRACE(std::string(left) + " / " + right);
    EXPECT_EQ(PhoneticCode(left), PhoneticCode(right));
    EXPECT_FALSE(PhoneticCode(left).empty());
  }
  EXPECT_NE(PhoneticCode("smith"), PhoneticCode("jones"));
  EXPECT_EQ(PhoneticCode(""), "");
}

TEST(FoldText, LowercasesStripsAccentsAndPunctuation) {
  const std::pair<const char*, const char*> cases[] = {
      {"José  GARCÍA-López", "jose garcia lopez"}, {"O'Brien", "o brien"},
      {"  Zoë ", "zoe"},                          {"Łukasz Żółć", "lukasz zolc"},
      {"Müller, Hans", "muller hans"},
  };
  for (const auto& [input, expected] : cases) {
    SCOPED_TRACE(input);
    EXPECT_EQ(FoldText(input), expected);
  }
}

TEST(TokenSetLevel, HandlesReorderingInitialsAndTypos) {
  struct Case {
    const char* left;
    const char* right;
    int expected;
  };
  const Case cases[] = {
      {"john smith", "smith john", 0},        // reordered
      {"john smith", "j smith", 1},           // initial
      {"jon smith", "john smyth", 1},         // typos in both tokens
      {"john paul smith", "john smith", 1},   // a middle name missing
      {"john smith", "john brown", 2},        // one token in common
      {"anna kowalska", "peter jones", 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.left) + " / " + c.right);
    EXPECT_EQ(TokenSetLevel(c.left, c.right), c.expected);
  }
}

TEST(DateLevel, ToleratesTyposAndSwaps) {
  struct Case {
    const char* left;
    const char* right;
    int expected;
  };
  const Case cases[] = {
      {"19710624", "19710624", 0},
      {"19710624", "19710524", 1},  // one digit
      {"19710305", "19710503", 1},  // day and month swapped
      {"19710624", "19711015", 2},  // within a year
      {"19710624", "19850101", 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.left) + " / " + c.right);
    auto days = [](std::string_view text) {
      const int year = std::stoi(std::string(text.substr(0, 4)));
      const int month = std::stoi(std::string(text.substr(4, 2)));
      const int day = std::stoi(std::string(text.substr(6, 2)));
      return static_cast<std::int32_t>(year * 365 + month * 30 + day);  // monotone stand-in
    };
    EXPECT_EQ(DateLevel(c.left, days(c.left), c.right, days(c.right)), c.expected);
  }
  EXPECT_EQ(DateLevel("19710624", kNoDays, "19711015", kNoDays), 3);
  // Year-only dates: the same year or one apart is "within a year", further is not.
  EXPECT_EQ(DateLevel("1850", kNoDays, "18500312", 100), 2);
  EXPECT_EQ(DateLevel("1851", kNoDays, "1850", kNoDays), 2);
  EXPECT_EQ(DateLevel("1850", kNoDays, "1850", kNoDays), 0);
  EXPECT_EQ(DateLevel("1853", kNoDays, "18500312", 100), 3);
}

TEST(StripHonorifics, RemovesStylesPeeragesAndDesignations) {
  struct Case {
    const char* folded;
    const char* expected;
  };
  const Case cases[] = {
      {"sir john smith", "john smith"},
      {"john smith 1st baron ashford", "john smith"},
      {"john smith earl of ashford", "john smith"},
      {"rev thomas brown of ashford", "thomas brown"},
      {"dame mary wood obe", "mary wood"},
      {"john smith", "john smith"},
      {"john earl", "john earl"},  // a rank with no place after it is a surname
      {"john lord", "john lord"},  // styles only lead
      {"sir", "sir"},              // nothing would be left: unchanged
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.folded);
    EXPECT_EQ(StripHonorifics(c.folded), c.expected);
  }
}

}  // namespace
}  // namespace crosscheck::link
