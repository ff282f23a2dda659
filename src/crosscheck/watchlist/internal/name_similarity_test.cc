#include "crosscheck/watchlist/internal/name_similarity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

TEST(FoldNameToAscii, FoldsScriptsAndPunctuation) {
  struct Case {
    const char* input;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"KIM, Jong Un", "kim jong un"},
      {"RI, So'ng-ch'o'l", "ri song chol"},
      {"CH\xe2\x80\x99OE, Pu-il", "choe pu il"},  // typographic apostrophe
      {"Jos\xc3\xa9 M\xc3\xbcller", "jose muller"},
      {"\xc5\x81ukasz Stra\xc3\x9f" "e", "lukasz strasse"},
      {"\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", "gim jeong eun"},                       // 김정은
      {"\xeb\xb0\x95 \xec\xa7\x80\xed\x9b\x88", "bak ji hun"},                        // 박 지훈
      {"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2", "ivanov"},                 // Иванов
      {"ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean co ltd"},
      {"  spaced\t out  ", "spaced out"},
      {"bad \xff byte", "bad byte"},
      {"\xe7\x8e\x8b\xe4\xbc\x9f", ""},  // Han without a transliterator: dropped
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.input);
    EXPECT_EQ(FoldNameToAscii(test_case.input), test_case.want);
  }
  bool dropped = false;
  EXPECT_EQ(FoldNameToAscii("Kim \xe7\x8e\x8b", &dropped), "kim");
  EXPECT_TRUE(dropped);
  EXPECT_EQ(FoldNameToAscii("Jos\xc3\xa9 \xea\xb9\x80", &dropped), "jose gim");
  EXPECT_FALSE(dropped);
}

TEST(PrepareName, TransliteratesOtherScriptsThroughNormalize) {
  // 张伟 -> pinyin; Latin and Hangul keep the local fold.
  const PreparedName han = PrepareName("\xe5\xbc\xa0\xe4\xbc\x9f");
  ASSERT_EQ(han.tokens.size(), 2U);
  EXPECT_EQ(CompareNames(han, PrepareName("WEI, Zhang")).score, 1.0);
  EXPECT_EQ(PrepareName("\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80").tokens.size(), 3U);
}

TEST(JaroWinkler, MatchesPublishedValues) {
  // Winkler (1990) / Wikipedia worked examples.
  struct Case {
    const char* left;
    const char* right;
    double want;
  };
  const std::vector<Case> cases = {
      {"martha", "marhta", 0.961}, {"dwayne", "duane", 0.840}, {"dixon", "dicksonx", 0.813},
      {"abc", "abc", 1.0},         {"abc", "xyz", 0.0},        {"", "", 1.0},
      {"a", "", 0.0},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.left) + " vs " + test_case.right);
    EXPECT_NEAR(JaroWinkler(test_case.left, test_case.right), test_case.want, 0.001);
    EXPECT_NEAR(JaroWinkler(test_case.right, test_case.left), test_case.want, 0.001);
  }
}

TEST(TokenSimilarity, AlignsTyposAndRomanizationsOnly) {
  struct Case {
    const char* left;
    const char* right;
    bool aligned;  // similarity >= kMinTokenSimilarity
  };
  const std::vector<Case> cases = {
      {"jong", "jung", true},    {"chol", "chul", true},   {"ri", "lee", true},
      {"pak", "park", true},     {"choe", "choi", true},   {"gim", "kim", true},
      {"mohammed", "mohamed", true},
      {"jun", "jin", false},     {"min", "man", false},    {"kim", "lee", false},
      {"yong", "yongchol", false},  // a part is not the whole
      {"110th", "111th", false},    // numbers must be equal
      {"choi", "chao", false},      // two edits in four letters
      {"linda", "lidia", false},
      {"kang", "khan", false},
      {"chlo", "chol", true},       // a transposition is one edit
      {"lee", "i", false},          // single letters are not romanizations
      {"un", "in", false},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.left) + " vs " + test_case.right);
    EXPECT_EQ(TokenSimilarity(test_case.left, test_case.right) >= kMinTokenSimilarity,
              test_case.aligned);
  }
}

TEST(CompareNames, PenalisesUnmatchedTokensOnBothSides) {
  struct Case {
    const char* query;
    const char* listed;
    double min_score;
    double max_score;
  };
  const std::vector<Case> cases = {
      {"Kim Jong Un", "KIM, Jong Un", 1.0, 1.0},
      {"Jong Un Kim", "KIM, Jong Un", 1.0, 1.0},          // order does not matter
      {"Kim Jongun", "KIM, Jong Un", 1.0, 1.0},           // joined given name
      {"Kim Jung Un", "KIM, Jong Un", 0.9, 0.99},         // one typo
      {"Kim Min-jun", "KIM, Min Chol", 0.0, 0.75},        // surname + one syllable only
      {"Kim Min-jun", "KIM, Yong Chol", 0.0, 0.4},        // surname only
      {"Kim", "KIM, Jong Un", 0.0, 0.55},                  // short query vs long name
      {"Emma Daniels", "EMMA LLC", 0.0, 0.6},             // watchman #338
      {"Belletech Corp", "11420 CORP.", 0.0, 0.2},        // watchman #483
      {"Lazarus", "LAZARUS GROUP", 0.88, 1.0},            // generic word weighs little
      {"John Smith", "SMITH, John Robert", 0.88, 0.99},   // a middle name left out
      {"Lin Na", "WEI, Lin Na", 0.0, 0.85},               // two short parts of three
      {"Pak Bongnam", "PANG, Sunam", 0.0, 0.5},           // joined whole names stay apart
      {"Mohammed Omar Li", "OMAR, Mohammed", 0.0, 0.88},  // an extra short part costs
      {"Mohammed Aisha Lee", "JAISH-I-MOHAMMED", 0.0, 0.6},
      {"Volasys Silverstar", "VOLASYS SILVER STAR", 1.0, 1.0},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.query) + " vs " + test_case.listed);
    const NameComparison comparison =
        CompareNames(PrepareName(test_case.query), PrepareName(test_case.listed));
    SCOPED_TRACE(ExplainComparison(comparison));
    EXPECT_GE(comparison.score, test_case.min_score);
    EXPECT_LE(comparison.score, test_case.max_score);
  }
}

TEST(ExplainComparison, NamesPairsAndLeftovers) {
  const NameComparison comparison =
      CompareNames(PrepareName("Lee Jung Un Park"), PrepareName("RI, Jong Un"));
  EXPECT_EQ(ExplainComparison(comparison),
            "un=un [rarity 1.00], jung~jong 0.95 (romanization) [rarity 1.00], lee~ri 0.95 "
            "(romanization) [rarity 1.00]; unmatched query: park [rarity 1.00]");
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
