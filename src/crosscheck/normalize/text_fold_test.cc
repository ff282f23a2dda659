// FoldToAscii's fast paths (plain ASCII, Latin letters with diacritics by table) must give
// exactly what ICU gives: these tests compare both paths over every table code point in many
// contexts and over tens of thousands of random strings.
#include "crosscheck/normalize/internal/text_fold.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace crosscheck::normalize::internal {
namespace {

// Utf8 encodes one code point.
std::string Utf8(char32_t cp) { return EncodeUtf8(std::u32string(1, cp)); }

TEST(TextFold, RealWorldLatinNames) {
  struct Case {
    const char* input;
    const char* folded;
  };
  const Case cases[] = {
      {"José Müller", "Jose Muller"},
      {"Łukasz Żółć", "Lukasz Zolc"},
      {"François Lefèvre", "Francois Lefevre"},
      {"Søren Kierkegaard", "Soren Kierkegaard"},
      {"Çağlar Şahin", "Caglar Sahin"},
      {"Ştefan Ţurcanu", "Stefan Turcanu"},
      {"Đorđe Petrović", "Dorde Petrovic"},
      {"Ærøskøbing", "AEroskobing"},         // Æ: more than one letter, through ICU
      {"Straße", "Strasse"},                 // ß likewise
      {"Zoë Saldaña-Núñez", "Zoe Saldana-Nunez"},
      {"Jürgen\xCC\x81", "Jurgen"},           // stray combining accent: ICU path
      {"Юрий Гагарин", "Yuriy Gagarin"},     // Cyrillic: ICU path
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(FoldToAscii(c.input), c.folded);
    EXPECT_EQ(FoldToAscii(c.input), FoldToAsciiWithIcu(c.input));
  }
}

TEST(TextFold, EveryLatinCodePointInContextMatchesIcu) {
  // Neighbours that ICU rules look at: case, letters with and without diacritics, spaces,
  // hyphens, digits, the start and the end of the text.
  const std::vector<std::string> neighbours = {"",  "a",  "A",      "z",      " ",     "-",
                                               "7", "'", Utf8(0xE9), Utf8(0xC9), Utf8(0x142),
                                               Utf8(0xDF), Utf8(0xC6)};
  for (char32_t cp = 0xA0; cp <= 0x24F; ++cp) {
    const std::string letter = Utf8(cp);
    for (const std::string& before : neighbours) {
      for (const std::string& after : neighbours) {
        const std::string text = before + letter + after;
        SCOPED_TRACE(testing::Message() << "U+" << std::hex << static_cast<unsigned>(cp)
                                        << " in '" << text << "'");
        ASSERT_EQ(FoldToAscii(text), FoldToAsciiWithIcu(text));
      }
    }
    const std::string doubled = letter + letter + " " + letter;
    ASSERT_EQ(FoldToAscii(doubled), FoldToAsciiWithIcu(doubled)) << doubled;
  }
}

TEST(TextFold, RandomLatinStringsMatchIcu) {
  std::vector<std::string> alphabet;
  for (char c = 'a'; c <= 'z'; ++c) alphabet.emplace_back(1, c);
  for (char c = 'A'; c <= 'Z'; ++c) alphabet.emplace_back(1, c);
  for (const char* other : {" ", "-", "'", ".", ",", "1", "9"}) alphabet.emplace_back(other);
  for (char32_t cp = 0xC0; cp <= 0x17F; ++cp) {
    alphabet.push_back(Utf8(cp));
    alphabet.push_back(Utf8(cp));  // twice: the strings should be mostly non-ASCII
  }
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(1, 14);
  std::size_t compared = 0;
  for (int string_idx = 0; string_idx < 20000; ++string_idx) {
    std::string text;
    for (int char_idx = length(rng); char_idx > 0; --char_idx) text += alphabet[pick(rng)];
    ASSERT_EQ(FoldToAscii(text), FoldToAsciiWithIcu(text)) << text;
    ++compared;
  }
  EXPECT_EQ(compared, 20000U);
}

TEST(TextFold, MalformedUtf8MatchesIcuPath) {
  const char* cases[] = {"Jos\xC3", "M\xC3\xBC\xFFller", "\xC5", "\xC4\x41", "ab\x80" "cd"};
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(FoldToAscii(text), FoldToAsciiWithIcu(text));
  }
}

}  // namespace
}  // namespace crosscheck::normalize::internal
