#include "crosscheck/simulate/internal/linkage_parts.h"

#include <algorithm>
#include <array>

#include "crosscheck/common/strings.h"
#include "crosscheck/simulate/catalog.h"
#include "crosscheck/simulate/record_corruption.h"

namespace crosscheck::simulate::internal {

std::string SyntheticWord(Rng& rng, std::size_t syllables) {
  static constexpr std::array<std::string_view, 20> kOnsets = {
      "b", "br", "c", "ch", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "st", "t", "th", "w", "v"};
  static constexpr std::array<std::string_view, 9> kVowels = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "y"};
  static constexpr std::array<std::string_view, 12> kCodas = {"", "", "n", "r", "l", "s", "th", "ck", "m", "nd", "rt", "ll"};
  std::string word;
  for (std::size_t idx = 0; idx < syllables; ++idx) {
    word += rng.Pick(kOnsets);
    word += rng.Pick(kVowels);
    word += rng.Pick(kCodas);
  }
  return word;
}

namespace {

// IsAscii: corruptions edit bytes, so the pools keep ASCII names only (a split UTF-8
// sequence would make the files invalid text, not harder data).
bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::vector<std::string> SplitVariants(std::string_view variants) {
  std::vector<std::string> out;
  while (!variants.empty()) {
    const std::size_t bar = variants.find('|');
    if (IsAscii(variants.substr(0, bar))) out.push_back(ToLowerAscii(variants.substr(0, bar)));
    variants = bar == std::string_view::npos ? std::string_view() : variants.substr(bar + 1);
  }
  return out;
}


}  // namespace

NamePools BuildNamePools(Rng& rng, std::size_t tail) {
  NamePools pools;
  for (const NameSet& set : GetCatalog().name_sets) {
    for (const NameEntry& entry : set.given) {
      if (IsAscii(entry.latin)) pools.given.push_back({ToLowerAscii(entry.latin), SplitVariants(entry.variants), entry.gender});
    }
    for (const NameEntry& entry : set.family) {
      if (IsAscii(entry.latin)) pools.family.push_back(ToLowerAscii(entry.latin));
    }
  }
  for (std::size_t idx = 0; idx < tail; ++idx) {
    pools.given.push_back({SyntheticWord(rng, 2), {}, rng.Chance(0.5) ? 'm' : 'f'});
    pools.family.push_back(SyntheticWord(rng, 2 + rng.Below(2)));
  }
  return pools;
}

std::vector<Place> BuildPlaces(Rng& rng, std::size_t count) {
  static constexpr std::array<std::string_view, 8> kSuffixes = {"", "", "ton", "ville", " park", " heights", "field", " hill"};
  std::vector<Place> places;
  std::string postcode = "2000";
  std::vector<std::string> counties(std::max<std::size_t>(4, count / 25));
  for (std::string& county : counties) county = SyntheticWord(rng, 2) + "shire";
  static constexpr std::array<std::string_view, 6> kCountries = {"england", "scotland", "france", "ireland",
                                                                 "wales", "united states"};
  for (std::size_t idx = 0; idx < count; ++idx) {
    // A postcode covers one to three suburbs, as Australian postcodes do.
    if (idx == 0 || rng.Chance(0.5)) {
      postcode = std::to_string(2000 + rng.Below(7000));  // four digits, 2000-8999
    }
    places.push_back({SyntheticWord(rng, 1 + rng.Below(2)) + std::string(rng.Pick(kSuffixes)), postcode,
                      counties[rng.Below(counties.size())], std::string(kCountries[rng.Skewed(kCountries.size(), 2)])});
  }
  return places;
}

void CorruptRecord(std::vector<std::string>& values, const std::vector<ErrorSite>& sites, const Rates& rates,
                   Rng& rng) {
  for (std::string& value : values) {
    if (rng.Chance(rates.missing)) value.clear();
  }
  if (!rng.Chance(rates.corruption)) return;
  std::vector<double> weights;
  for (const ErrorSite& site : sites) weights.push_back(site.weight);
  const std::size_t errors = 1 + rng.PickWeighted({0.55, 0.30, 0.15});
  for (std::size_t error = 0; error < errors; ++error) {
    const ErrorSite& site = sites[rng.PickWeighted(weights)];
    std::string& value = values[site.field];
    if (value.empty()) continue;
    value = site.digits ? CorruptDigits(value, rng) : CorruptValue(value, CorruptionMix{}, rng);
  }
}

double DrawRate(double given, double low, double high, Rng& rng) {
  return given >= 0 ? given : low + (high - low) * rng.Uniform();
}

std::string EntityId(std::size_t entity) { return "e" + std::to_string(entity); }

std::vector<std::string> ShuffledIds(std::string_view prefix, std::size_t count, Rng& rng) {
  std::vector<std::string> ids(count);
  for (std::size_t idx = 0; idx < count; ++idx) ids[idx] = std::string(prefix) + "-" + std::to_string(idx);
  for (std::size_t idx = count; idx > 1; --idx) std::swap(ids[idx - 1], ids[rng.Below(idx)]);
  return ids;
}


}  // namespace crosscheck::simulate::internal
