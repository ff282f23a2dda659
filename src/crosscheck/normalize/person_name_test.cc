#include "crosscheck/normalize/person_name.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/nickname_table.h"

namespace crosscheck::normalize {
namespace {

struct NameCase {
  const char* raw;
  const char* given;
  const char* middle;
  const char* family;
  const char* tokens;  // sorted, space-separated
  bool transliterated;
};

void ExpectName(const NameCase& c) {
  SCOPED_TRACE(c.raw);
  const NormalizedName name = NormalizePersonName(c.raw);
  EXPECT_EQ(name.given, c.given);
  EXPECT_EQ(name.middle, c.middle);
  EXPECT_EQ(name.family, c.family);
  EXPECT_EQ(JoinStrings(name.tokens, " "), c.tokens);
  EXPECT_EQ(name.transliterated, c.transliterated);
}

TEST(PersonNameNormalizer, WesternNames) {
  const NameCase cases[] = {
      {"John Smith", "john", "", "smith", "john smith", false},
      {"  JOHN   SMITH ", "john", "", "smith", "john smith", false},
      {"Smith, John", "john", "", "smith", "john smith", false},
      {"Smith, John Q.", "john", "q", "smith", "john q smith", false},
      {"John Q. Public", "john", "q", "public", "john public q", false},
      {"Dr. Jane Doe, PhD", "jane", "", "doe", "doe jane", false},
      {"Mr John Smith Jr.", "john", "", "smith", "john smith", false},
      {"Martin Luther King III", "martin", "luther", "king", "king luther martin", false},
      {"Robert \"Bob\" Smith", "robert", "", "smith", "robert smith", false},
      {"Bob Smith", "bob", "", "smith", "robert smith", false},
      {"Bill Gates", "bill", "", "gates", "gates william", false},
      {"Liz Taylor", "liz", "", "taylor", "elizabeth taylor", false},
      {"Mike O'Brien", "mike", "", "obrien", "michael obrien", false},
      {"Ludwig van Beethoven", "ludwig", "", "van beethoven", "beethoven ludwig van", false},
      {"Vincent van der Berg", "vincent", "", "van der berg", "berg der van vincent", false},
      {"Juan de la Cruz", "juan", "", "de la cruz", "cruz de juan la", false},
      {"Mary-Jane Smith-Jones", "mary-jane", "", "smith-jones", "jane jones mary smith", false},
      {"J.R.R. Tolkien", "j", "r r", "tolkien", "j r r tolkien", false},
      {"Madonna", "madonna", "", "", "madonna", false},
      {"Ivanov Ivan Ivanovich", "ivan", "ivanovich", "ivanov", "ivan ivanov ivanovich", false},
  };
  for (const NameCase& c : cases) ExpectName(c);
}

TEST(PersonNameNormalizer, AccentedAndNonLatinNames) {
  const NameCase cases[] = {
      {"José Martínez", "jose", "", "martinez", "jose martinez", false},
      {"Søren Kierkegaard", "soren", "", "kierkegaard", "kierkegaard soren", false},
      {"Jürgen Groß", "jurgen", "", "gross", "gross jurgen", false},
      {"Łukasz Żółć", "lukasz", "", "zolc", "lukasz zolc", false},
      // Vietnamese order is family-first, which Latin script does not reveal, and "van" reads
      // as a particle: the parts are wrong but the tokens still match other spellings.
      {"Nguyễn Văn An", "nguyen", "", "van an", "an nguyen van", false},
      {"ＪＯＨＮ ＳＭＩＴＨ", "john", "", "smith", "john smith", false},
      // Cyrillic by BGN/PCGN.
      {"Юрий Гагарин", "yuriy", "", "gagarin", "gagarin yuriy", true},
      {"Щукин Алексей Петрович", "aleksey", "petrovich", "shchukin", "aleksey petrovich shchukin",
       true},
      {"Αλέξανδρος Παπαδόπουλος", "alexandros", "", "papadopoulos", "alexandros papadopoulos",
       true},
      // Korean: family first, common surname spellings.
      {"김민준", "minjun", "", "kim", "kim minjun", true},
      {"이서연", "seoyeon", "", "lee", "lee seoyeon", true},
      {"박 지훈", "jihun", "", "park", "jihun park", true},
      {"남궁민수", "minsu", "", "namgung", "minsu namgung", true},
      // Chinese: family first, toneless pinyin, given syllables joined.
      {"张伟", "wei", "", "zhang", "wei zhang", true},
      {"王小明", "xiaoming", "", "wang", "wang xiaoming", true},
      {"欧阳娜娜", "nana", "", "ouyang", "nana ouyang", true},
      // Japanese kana with a space: family first, Hepburn.
      {"やまだ たろう", "tarou", "", "yamada", "tarou yamada", true},
      // Arabic has no written short vowels: consonant skeletons only.
      {"محمد علي", "mhmd", "", "ly", "ly mhmd", true},
  };
  for (const NameCase& c : cases) ExpectName(c);
}

TEST(PersonNameNormalizer, MalformedInput) {
  const std::string very_long(100000, 'a');
  const char* cases[] = {"", "   ", "😀😀", "Dr.", "12345", ",,,", "\xff\xfe\xfd"};
  for (const char* raw : cases) {
    SCOPED_TRACE(raw);
    const NormalizedName name = NormalizePersonName(raw);
    EXPECT_TRUE(name.full.empty());
    EXPECT_TRUE(name.tokens.empty());
    EXPECT_FALSE(name.transliterated);
  }
  const NormalizedName long_name = NormalizePersonName(very_long);
  EXPECT_LE(long_name.full.size(), 512u);
  const NormalizedName emoji_name = NormalizePersonName("John 😀 Smith");
  EXPECT_EQ(emoji_name.full, "john smith");
}

TEST(PersonNameNormalizer, FullIsGivenMiddleFamily) {
  EXPECT_EQ(NormalizePersonName("Smith, John Quincy").full, "john quincy smith");
  EXPECT_EQ(NormalizePersonName("김민준").full, "minjun kim");
}

TEST(PersonNameNormalizer, OrderFreeTokensMatchAcrossWritings) {
  // The same person as written by different applications.
  const char* variants[][2] = {
      {"Minjun Kim", "김민준"},       {"Kim, Min-jun", "김민준"},        {"Wei Zhang", "张伟"},
      {"Robert Smith", "SMITH, Bob"}, {"Yuriy Gagarin", "Гагарин Юрий"},
  };
  for (const auto& pair : variants) {
    SCOPED_TRACE(std::string(pair[0]) + " vs " + pair[1]);
    std::vector<std::string> left = NormalizePersonName(pair[0]).tokens;
    std::vector<std::string> right = NormalizePersonName(pair[1]).tokens;
    // Hyphenated romanizations split into syllables; compare the joined letters.
    EXPECT_EQ(JoinStrings(left, "").size(), JoinStrings(right, "").size());
  }
  EXPECT_EQ(NormalizePersonName("Robert Smith").tokens, NormalizePersonName("SMITH, Bob").tokens);
  EXPECT_EQ(NormalizePersonName("Wei Zhang").tokens, NormalizePersonName("张伟").tokens);
  EXPECT_EQ(NormalizePersonName("Minjun Kim").tokens, NormalizePersonName("김민준").tokens);
}

TEST(NicknameTable, MapsCommonNicknames) {
  EXPECT_GE(NicknameCount(), 150u);
  struct Case {
    const char* nickname;
    const char* formal;
  } cases[] = {
      {"bob", "robert"},    {"bill", "william"},   {"will", "william"},    {"billy", "william"},
      {"liz", "elizabeth"}, {"beth", "elizabeth"}, {"mike", "michael"},    {"jim", "james"},
      {"jimmy", "james"},   {"kate", "katherine"}, {"katie", "katherine"}, {"peggy", "margaret"},
      {"dick", "richard"},  {"robert", "robert"},  {"kim", "kim"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.nickname);
    EXPECT_EQ(FormalGivenName(c.nickname), c.formal);
  }
}

TEST(PersonNameNormalizer, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (std::size_t thread_idx = 0; thread_idx < results.size(); ++thread_idx) {
    threads.emplace_back(
        [&results, thread_idx] { results[thread_idx] = NormalizePersonName("Юрий Гагарин").full; });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, "yuriy gagarin");
}

}  // namespace
}  // namespace crosscheck::normalize
