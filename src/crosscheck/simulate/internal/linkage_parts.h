// Pieces shared by the multi-party and historical linkage generators (linkage_data.h): name
// and place pools, per-source error rates and id shuffling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/simulate/linkage_data.h"
#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate::internal {

// kNamePopularity: name frequencies are Zipf-like (a few very common surnames, a long
// tail); Rng::Skewed with this power puts ~40 % of draws in the first tenth of a pool.
inline constexpr double kNamePopularity = 2.5;

// GivenName is a given name with its nicknames ("william" -> "bill", "will").
struct GivenName {
  std::string name;
  std::vector<std::string> nicknames;
  char gender = 'u';
};

// NamePools: the catalog's Latin names of every tradition (the common head) followed by
// synthetic ones (the long tail real registers have), lower case.
struct NamePools {
  std::vector<GivenName> given;
  std::vector<std::string> family;
};

// BuildNamePools returns the catalog names plus `tail` synthetic given and family names.
NamePools BuildNamePools(Rng& rng, std::size_t tail);

// SyntheticWord returns a pronounceable lower-case word of `syllables` syllables.
std::string SyntheticWord(Rng& rng, std::size_t syllables);

// Place is a suburb with its postcode (one to three suburbs share one), county and country.
struct Place {
  std::string suburb;
  std::string postcode;
  std::string county;
  std::string country;
};

// BuildPlaces returns `count` places.
std::vector<Place> BuildPlaces(Rng& rng, std::size_t count);

// Rates holds the chance that a record of a source is corrupted, and that a value is missing.
struct Rates {
  double corruption = 0;
  double missing = 0;
};

// ErrorSite is a field a record error may hit: its index, relative weight, and whether it
// holds digits (a digit error) or text (a keyboard, OCR, phonetic, edit or truncation error).
struct ErrorSite {
  std::size_t field = 0;
  double weight = 1;
  bool digits = false;
};

// CorruptRecord blanks each value with chance rates.missing, then with chance
// rates.corruption gives the record one error (55 %), two (30 %) or three (15 %), each in a
// site drawn by weight: GeCo's model of corrupted records with a bounded number of
// modifications each.
void CorruptRecord(std::vector<std::string>& values, const std::vector<ErrorSite>& sites, const Rates& rates,
                   Rng& rng);

// DrawRate returns `given` when it is not negative, else a uniform draw in [low, high].
double DrawRate(double given, double low, double high, Rng& rng);

// EntityId names a true entity in the truth file: "e<number>".
std::string EntityId(std::size_t entity);

// ShuffledIds returns "prefix-0" .. "prefix-(count-1)" in random order: ids say nothing of
// the entity or of the row's position.
std::vector<std::string> ShuffledIds(std::string_view prefix, std::size_t count, Rng& rng);

// GenerateMultiParty and GenerateHistorical implement GenerateLinkageData (config checked).
Result<LinkageData> GenerateMultiParty(const LinkageDataConfig& config);
Result<LinkageData> GenerateHistorical(const LinkageDataConfig& config);

}  // namespace crosscheck::simulate::internal
