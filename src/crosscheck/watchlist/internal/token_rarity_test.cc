#include "crosscheck/watchlist/internal/token_rarity.h"

#include <gtest/gtest.h>

#include <cmath>

namespace crosscheck::watchlist::internal {
namespace {

TEST(TokenRarity, FallsSmoothlyWithTheNamesHoldingAToken) {
  TokenRarity rarity;
  for (int name_idx = 0; name_idx < 90; ++name_idx) rarity.CountName(PrepareName("KIM, Test"));
  rarity.CountName(PrepareName("GIM, Other"));
  rarity.CountName(PrepareName("KIM KIM, Twice"));  // one name, counted once
  // Every spelling of the syllable is as common as the syllable: 91 KIM and one GIM.
  EXPECT_EQ(rarity.names_holding("kim"), 92U);
  EXPECT_EQ(rarity.names_holding("gim"), 92U);
  EXPECT_EQ(rarity.names_holding("nobody"), 0U);
  EXPECT_FLOAT_EQ(rarity.Factor("nobody"), 1.0F);
  EXPECT_NEAR(rarity.Factor("other"), 1.0 / (1.0 + std::log1p(1.0 / kRarityScale)), 1e-6);
  EXPECT_LT(rarity.Factor("test"), rarity.Factor("other"));
  EXPECT_GT(rarity.Factor("test"), 0.0F);
}

TEST(ApplyRarity, ScalesTokenAndItemWeights) {
  TokenRarity rarity;
  for (int name_idx = 0; name_idx < 20; ++name_idx) rarity.CountName(PrepareName("Yong Chol"));
  PreparedName name = PrepareName("Kim Yong Chol");
  const float base = name.tokens[1].base_weight;
  ApplyRarity(rarity, name);
  EXPECT_FLOAT_EQ(name.tokens[0].rarity, 1.0F);
  EXPECT_LT(name.tokens[1].rarity, 1.0F);
  EXPECT_FLOAT_EQ(name.tokens[1].weight, base * name.tokens[1].rarity);
  float total = 0;
  for (const NameToken& token : name.tokens) total += token.weight;
  EXPECT_FLOAT_EQ(name.total_weight, total);
  for (const NameItem& item : name.items) {
    if (item.text == "yongchol") {
      EXPECT_FLOAT_EQ(item.weight, name.tokens[1].weight + name.tokens[2].weight);
    }
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
