#include "crosscheck/graph/name_match.h"

#include <gtest/gtest.h>

namespace crosscheck::graph {
namespace {

NormalizedName Name(std::vector<std::string> tokens) {
  NormalizedName name;
  name.tokens = std::move(tokens);
  for (const std::string& token : name.tokens) name.full += (name.full.empty() ? "" : " ") + token;
  return name;
}

TEST(NameMatch, TellsVariantsOfOneNameFromDifferentPeople) {
  // Tokens as the normalizer gives them (nicknames already mapped, scripts romanized, sorted).
  struct Case {
    std::vector<std::string> left, right;
    bool one_person, share_a_part;
  } cases[] = {
      {{"kim", "minjun"}, {"kim", "minjun"}, true, true},
      {{"kim", "minjun"}, {"jun", "kim", "min"}, true, true},      // Min-jun split
      {{"choe", "yuna"}, {"choi", "yuna"}, true, true},           // Choe / Choi
      {{"dmitriy", "ivanov"}, {"dmitry", "ivanov"}, true, true},  // romanization
      {{"e", "karen", "white"}, {"karen", "white"}, true, true},  // middle initial
      {{"j", "smith"}, {"john", "smith"}, true, true},            // initial
      {{"kevin", "wang"}, {"wang", "wei"}, false, true},          // adopted English name
      {{"karen", "smith"}, {"karen", "white"}, false, true},      // maiden name
      {{"john", "smith"}, {"garcia", "maria"}, false, false},     // different people
      {{"li", "na"}, {"le", "na"}, false, true},                  // short tokens need equality
      {{}, {"john", "smith"}, false, false},
      // Two romanizations of one Korean name: machine (Revised) vs the person's own spelling.
      {{"gim", "hyun-woo"}, {"hyeonu", "kim"}, false, true},
      {{"jeong", "seoyeon"}, {"chung", "seoyeon"}, true, true},
      {{"hsu", "mingli"}, {"mingli", "xu"}, true, true},      // Wade-Giles / pinyin (徐)
      {{"grace", "he"}, {"ho", "yan"}, false, true},          // English given name; 何 He / Ho
      {{"lily", "liu"}, {"fang", "lau"}, false, true},        // 刘 Liu / Lau
      {{"tan", "wei"}, {"chen", "wei"}, true, true},          // 陈 Hokkien / pinyin
      {{"pak", "songchol"}, {"park", "songchol"}, true, true}, // 박 Pak / Park
      {{"he", "ming"}, {"hu", "ming"}, false, true},          // two surnames (何, 胡), one given name
      {{"jun", "jung", "min"}, {"chung", "jun", "min"}, true, true},
      {{"magdalena", "nowak"}, {"kowalski", "magda"}, false, true},  // short form, married name
      {{"adeyemi", "seun"}, {"nwosu", "oluwaseun"}, false, true},    // short form at the end
      {{"daniel", "reed"}, {"grace", "okafor"}, false, false},    // a ring's names stay apart
      {{"mei", "tan"}, {"ana", "wu"}, false, false},              // short parts never loosened
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(Name(c.left).full + " / " + Name(c.right).full);
    EXPECT_EQ(NamesAreOnePerson(Name(c.left), Name(c.right)), c.one_person);
    EXPECT_EQ(NamesAreOnePerson(Name(c.right), Name(c.left)), c.one_person);
    EXPECT_EQ(NamesShareAPart(Name(c.left), Name(c.right)), c.share_a_part);
  }
}

TEST(NameMatch, NamesInDifferentScriptsCannotBeCompared) {
  NormalizedName kanji = Name({"da", "hui", "teng", "yi"});
  kanji.transliterated = true;
  const NormalizedName latin = Name({"daiki", "ito"});
  NormalizedName other_kanji = Name({"fang", "wang"});
  other_kanji.transliterated = true;
  EXPECT_TRUE(WrittenInDifferentScripts(kanji, latin));
  EXPECT_TRUE(WrittenInDifferentScripts(latin, kanji));
  EXPECT_FALSE(WrittenInDifferentScripts(kanji, other_kanji));  // one script: compared as usual
  EXPECT_FALSE(WrittenInDifferentScripts(latin, Name({"john", "smith"})));
  EXPECT_FALSE(WrittenInDifferentScripts(kanji, Name({})));     // an empty name is not a script
}

}  // namespace
}  // namespace crosscheck::graph
