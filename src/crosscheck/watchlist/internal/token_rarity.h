// TokenRarity: how much a name token says about identity, from how many listed names hold
// it. A token on many listed names (kim on 90 of the 2021 SDN list's 20,886 names, muhammad
// on 496, company on 994) is weak evidence when it matches and a small loss when it does
// not; a token on few or none (a listed person's rarer given name) is strong. Computed
// from the list itself: no maintained table of name frequencies per population exists in
// Debian or npm, and a table for some populations only would weigh names by origin.
//
//   TokenRarity rarity;
//   for (const PreparedName& name : listed) rarity.CountName(name);
//   ApplyRarity(rarity, query);  // query.tokens[i].rarity in (0, 1], weights rescaled
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "crosscheck/watchlist/internal/name_similarity.h"

namespace crosscheck::watchlist::internal {

// kRarityScale: the number of listed names holding a token at which its factor is
// 1 / (1 + ln 2) = 0.59. The factor falls smoothly with the count (no cut-off): 1 for a
// token no listed name holds, 0.5 at 17 names (kang), 0.30 at 90 (kim), 0.15 at 2,551 (al).
inline constexpr double kRarityScale = 10.0;

// TokenRarity counts, per token, the listed names holding it. Not thread-safe while
// counting; Factor is thread-safe once counting is done.
class TokenRarity {
 public:
  // CountName counts each distinct token of name, and each romanization key of one, once.
  void CountName(const PreparedName& name);

  // Factor returns 1 / (1 + ln(1 + names / kRarityScale)) for the number of counted names
  // holding token (1 when none does).
  float Factor(std::string_view token) const;

  // names_holding returns how many counted names hold token or, when more, a romanization
  // variant of it (romanization.h): rarity belongs to the syllable, not the spelling.
  std::uint32_t names_holding(std::string_view token) const;

 private:
  std::uint32_t Count(const std::string& key) const;

  std::unordered_map<std::string, std::uint32_t> names_holding_;
};

// ApplyRarity sets each token's rarity from rarity.Factor, multiplies its weight by it, and
// recomputes the item weights (the sum over the tokens an item covers) and total_weight.
// Call once per prepared name.
void ApplyRarity(const TokenRarity& rarity, PreparedName& name);

}  // namespace crosscheck::watchlist::internal
