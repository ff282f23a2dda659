#include "crosscheck/graph/internal/one_person.h"

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crosscheck::graph::internal {
namespace {

// Holding is one application of an e-mail held by `holder` under `name` (and a birth year).
struct Holding {
  std::uint32_t holder;
  std::string name;  // given-then-family, lower case
  int birth_year = 0;
};

struct Shared {
  std::vector<NormalizedApplication> applications;
  std::vector<std::uint32_t> holder_of;
  SharedArtifact artifact;
};

// Share builds the e-mail artifact held by the given applications, in the given order.
Shared Share(const std::vector<Holding>& holdings) {
  Shared shared;
  shared.artifact.kind = ArtifactKind::kEmail;
  shared.artifact.value = "fang_li@mail.example";
  for (const Holding& holding : holdings) {
    NormalizedApplication app;
    app.application_id = "a" + std::to_string(shared.applications.size());
    app.name.full = holding.name;
    std::istringstream words(holding.name);
    for (std::string word; words >> word;) app.name.tokens.push_back(word);
    std::sort(app.name.tokens.begin(), app.name.tokens.end());
    if (holding.birth_year != 0) app.date_of_birth = CivilDate{holding.birth_year, 7, 28};
    shared.artifact.applications.push_back(shared.applications.size());
    shared.applications.push_back(app);
    shared.holder_of.push_back(holding.holder);
  }
  return shared;
}

bool OnePerson(const std::vector<Holding>& holdings) {
  const Shared shared = Share(holdings);
  return HeldByOnePerson(shared.applications, shared.holder_of, shared.artifact);
}

TEST(HeldByOnePerson, OneNameOfTheFirstHolderFitsEveryOther) {
  EXPECT_TRUE(OnePerson({{0, "min jun kim"}, {1, "minjun kim"}}));
  EXPECT_TRUE(OnePerson({{0, "amy wu", 1973}, {1, "jie liu", 1973}}));  // one birthday
  EXPECT_FALSE(OnePerson({{0, "john smith"}, {1, "mary jones"}}));
  EXPECT_FALSE(OnePerson({{0, "john smith", 1980}, {1, "john smith", 1991}}));
  EXPECT_FALSE(OnePerson({{0, "john smith"}, {1, ""}}));  // an unnamed holder
}

TEST(HeldByOnePerson, AHeavyApplierLeftInPiecesUsesEveryNameOfThePieces) {
  // One woman under her own name, her English given name and her married family name, whom
  // linkage left in a large persona and small pieces. The first piece ("irene li") shares no
  // part with the third ("fang hu"), so no one name runs through; but every piece's name is
  // one the large persona uses.
  const std::vector<Holding> pieces = {
      {1, "irene li"}, {0, "fang hu", 1969}, {0, "irene li"}, {0, "irene hu"}, {0, "fang li"},
      {2, "fang p hu"}, {3, "irene hu", 1969}, {4, "li fang"}};
  EXPECT_TRUE(OnePerson(pieces));

  std::vector<Holding> other_birthday = pieces;
  other_birthday.push_back({5, "fang hu", 1985});
  EXPECT_FALSE(OnePerson(other_birthday)) << "a piece born on another day is someone else";

  std::vector<Holding> stranger = pieces;
  stranger.push_back({5, "wei zhang"});
  EXPECT_FALSE(OnePerson(stranger)) << "a name the large persona never uses is someone else";
}

TEST(HeldByOnePerson, TheAnswerDoesNotDependOnRowOrder) {
  // A large persona with more forms than the cap (70 spellings), pieces named by some of them.
  std::vector<Holding> holdings;
  for (int variant = 0; variant < 70; ++variant) holdings.push_back({0, "irene li" + std::string(variant, 'x')});
  holdings.push_back({0, "fang hu"});
  holdings.push_back({1, "fang hu"});
  holdings.push_back({2, "irene li"});
  holdings.push_back({3, "fang p hu"});
  const bool expected = OnePerson(holdings);
  std::mt19937 random(7);
  for (int shuffle = 0; shuffle < 20; ++shuffle) {
    std::shuffle(holdings.begin(), holdings.end(), random);
    // The first application decides rule one's first holder: keep it a piece named "irene li",
    // which shares no part with "fang hu", so the answer is rule two's.
    const auto irene = std::find_if(holdings.begin(), holdings.end(), [](const Holding& h) { return h.holder == 2; });
    std::iter_swap(holdings.begin(), irene);
    EXPECT_EQ(OnePerson(holdings), expected) << shuffle;
  }
}

TEST(HeldByOnePerson, ARingOfAlikeNamesIsNotOnePerson) {
  // A phone pool's personas whose names chain through shared parts: nobody uses the others'.
  EXPECT_FALSE(OnePerson({{0, "chol kim"}, {1, "jong kim"}, {2, "jong pak"}}));
  // The most-named persona shares a part with each other one but uses neither's name.
  EXPECT_FALSE(OnePerson({{0, "chol kim"}, {0, "jong kim"}, {1, "chol ri"}, {2, "jong pak"}}));
}

}  // namespace
}  // namespace crosscheck::graph::internal
