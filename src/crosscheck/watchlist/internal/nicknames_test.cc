#include "crosscheck/watchlist/internal/nicknames.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crosscheck/watchlist/internal/name_similarity.h"

namespace crosscheck::watchlist::internal {
namespace {

TEST(Nicknames, EmbeddedTableIsRead) {
  // 1,151 given names in the vendored names.csv; a few have only nicknames shorter than
  // kMinNicknameLength.
  EXPECT_GT(NicknameTableSize(), 1000U);
}

TEST(Nicknames, GivenNameAndItsOwnNicknamesOnly) {
  struct Case {
    const char* left;
    const char* right;
    bool nicknames;
  };
  const std::vector<Case> cases = {
      {"nick", "nicholas", true},
      {"nic", "nicholas", true},
      {"bob", "robert", true},      // few shared letters: the table decides, not the spelling
      {"nic", "nicolas", true},     // nicolas is nicholas spelt one letter apart
      {"nick", "nikolas", true},
      {"nick", "nic", false},       // two nicknames of one name are not one another's
      {"al", "albert", false},      // shorter than kMinNicknameLength (al-, Jo, Ed)
      {"bert", "richard", false},   // Bert is Albert's, Herbert's..., not Richard's
      {"nicholas", "nicholas", false},  // equal is not a variant
      {"kim", "kimberly", true},
      {"kim", "lee", false},
      {"mary", "mark", false},      // short names are not spelling variants of one another
      {"bert", "robert", false},    // Roberta's, not Robert's: a listed name has no spellings
      {"birdie", "robert", false},
      {"bert", "roberta", true},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.left) + " vs " + test_case.right);
    EXPECT_EQ(AreNicknames(test_case.left, test_case.right), test_case.nicknames);
    EXPECT_EQ(AreNicknames(test_case.right, test_case.left), test_case.nicknames);
  }
}

TEST(Nicknames, ScoredAsAVariantNotAsEqual) {
  bool variant = false;
  EXPECT_DOUBLE_EQ(TokenSimilarity("nick", "nicolas", &variant), kNicknameSimilarity);
  EXPECT_TRUE(variant);
  EXPECT_LT(kNicknameSimilarity, 1.0);
  EXPECT_STREQ(VariantKind("nick", "nicolas"), "nickname");
  EXPECT_STREQ(VariantKind("ri", "lee"), "romanization");
}

TEST(Nicknames, IndexAndQueryKeysMeet) {
  const NicknameForm listed = MakeNicknameForm("nicolas");
  const NicknameForm query = MakeNicknameForm("nick");
  bool met = false;
  for (std::uint32_t index_key : NicknameIndexKeys(listed)) {
    for (std::uint32_t query_key : NicknameQueryKeys(query)) met = met || index_key == query_key;
  }
  EXPECT_TRUE(met);
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
