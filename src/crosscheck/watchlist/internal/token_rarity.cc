#include "crosscheck/watchlist/internal/token_rarity.h"

#include <bit>
#include <algorithm>
#include <cmath>
#include <vector>

#include "crosscheck/watchlist/internal/romanization.h"

namespace crosscheck::watchlist::internal {

void TokenRarity::CountName(const PreparedName& name) {
  // Each key once per name: the token itself and its romanization keys, so that every
  // spelling of one syllable (jong, jeong, jung) is as common as the syllable.
  std::vector<std::string> keys;
  for (const NameToken& token : name.tokens) {
    keys.push_back(token.text);
    for (std::string& key : RomanizationIndexKeys(token.text)) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (std::string& key : keys) ++names_holding_[std::move(key)];
}

std::uint32_t TokenRarity::names_holding(std::string_view token) const {
  std::uint32_t most = Count(std::string(token));
  for (const std::string& key : RomanizationIndexKeys(token)) most = std::max(most, Count(key));
  return most;
}

std::uint32_t TokenRarity::Count(const std::string& key) const {
  const auto found = names_holding_.find(key);
  return found == names_holding_.end() ? 0 : found->second;
}

float TokenRarity::Factor(std::string_view token) const {
  // An inverse-document-frequency shape that never reaches 0: even "al" or "kim" is part of
  // a name, and a full match of common tokens is still a full match.
  const double names = static_cast<double>(names_holding(token));
  return static_cast<float>(1.0 / (1.0 + std::log1p(names / kRarityScale)));
}

void ApplyRarity(const TokenRarity& rarity, PreparedName& name) {
  name.total_weight = 0;
  for (NameToken& token : name.tokens) {
    token.rarity = rarity.Factor(token.text);
    token.weight = token.base_weight * token.rarity;
    name.total_weight += token.weight;
  }
  for (NameItem& item : name.items) {
    item.weight = 0;
    item.rarity = 0;
    for (std::uint32_t mask = item.mask; mask != 0; mask &= mask - 1) {
      const NameToken& token = name.tokens[static_cast<std::size_t>(std::countr_zero(mask))];
      item.weight += token.weight;
      item.rarity += token.rarity / static_cast<float>(std::popcount(item.mask));
    }
  }
}

}  // namespace crosscheck::watchlist::internal
