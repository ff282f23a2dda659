// The historical kind of linkage data (see linkage_data.h): many records per person, as when
// biographical registers, census returns and encyclopaedias are pooled.
#include <algorithm>
#include <array>
#include <cstdio>

#include "crosscheck/simulate/internal/linkage_parts.h"
#include "crosscheck/simulate/linkage_data.h"
#include "crosscheck/simulate/record_corruption.h"

namespace crosscheck::simulate::internal {
namespace {

constexpr std::array<std::string_view, 12> kOccupations = {
    "politician", "painter", "soldier", "priest", "merchant", "physician", "lawyer", "poet",
    "architect", "judge", "engineer", "composer"};
constexpr std::array<std::string_view, 5> kPeerages = {"baron", "earl", "viscount", "marquess", "duke"};
constexpr std::array<std::string_view, 4> kOrdinals = {"1st", "2nd", "3rd", "4th"};

struct Person {
  std::size_t given = 0;
  std::string middle;     // a second given name, or empty
  std::string surname;
  char gender = 'm';
  std::string honorific;  // "sir", "lady", "dame", "rev", or empty
  std::string peerage;    // "1st baron ashford", "earl of ashford", or empty
  int year = 0, month = 0, day = 0;
  std::size_t place = 0;
  std::size_t occupation = 0;
};

Person NewPerson(const NamePools& pools, const std::vector<Place>& places, Rng& rng) {
  Person person;
  person.given = rng.Skewed(pools.given.size(), kNamePopularity);
  person.gender = pools.given[person.given].gender == 'f' ? 'f' : 'm';
  if (rng.Chance(0.4)) person.middle = pools.given[rng.Skewed(pools.given.size(), kNamePopularity)].name;
  person.surname = pools.family[rng.Skewed(pools.family.size(), kNamePopularity)];
  if (rng.Chance(0.15)) person.honorific = person.gender == 'f' ? (rng.Chance(0.5) ? "lady" : "dame") : (rng.Chance(0.8) ? "sir" : "rev");
  if (rng.Chance(0.06)) {
    const std::string seat = places[rng.Below(places.size())].suburb;
    person.peerage = rng.Chance(0.5) ? std::string(rng.Pick(kOrdinals)) + " " + std::string(rng.Pick(kPeerages)) + " " + seat
                                     : std::string(rng.Pick(kPeerages)) + " of " + seat;
  }
  person.year = 1600 + static_cast<int>(rng.Below(350));
  person.month = 1 + static_cast<int>(rng.Below(12));
  person.day = 1 + static_cast<int>(rng.Below(28));
  person.place = rng.Below(places.size());
  person.occupation = rng.Below(kOccupations.size());
  return person;
}

// RecordCounts gives every person one record and deals the rest by heavy-tailed weights:
// famous people fill many registers, most few.
std::vector<std::size_t> RecordCounts(std::size_t people, std::size_t records, Rng& rng) {
  std::vector<double> cumulative(people);
  double total = 0;
  // Pareto(1, 1.5) capped at 40: a few people in dozens of records, none in thousands (one
  // person's pairs would then outweigh everyone else's in pairwise measures).
  for (double& weight : cumulative) weight = (total += std::min(rng.Pareto(1.0, 1.5), 40.0));
  std::vector<std::size_t> counts(people, 1);
  for (std::size_t extra = people; extra < records; ++extra) {
    const double point = rng.Uniform() * total;
    ++counts[static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), point) - cumulative.begin()) % people];
  }
  return counts;
}

// FirstName: the given name, a nickname, or an initial.
std::string FirstName(const GivenName& given, Rng& rng) {
  if (!given.nicknames.empty() && rng.Chance(0.15)) return given.nicknames[rng.Below(given.nicknames.size())];
  if (rng.Chance(0.04)) return given.name.substr(0, 1);
  return given.name;
}

// FullName writes the name as registers do: with or without honorific, middle name or
// initial, peerage; sometimes "surname, first".
std::string FullName(const Person& person, const std::string& first, const std::string& surname, Rng& rng) {
  if (rng.Chance(0.08)) return surname + ", " + first;
  std::string name;
  if (!person.honorific.empty() && rng.Chance(0.6)) name = person.honorific + " ";
  name += first;
  if (!person.middle.empty() && rng.Chance(0.6)) name += " " + (rng.Chance(0.5) ? person.middle : person.middle.substr(0, 1));
  name += " " + surname;
  if (!person.peerage.empty() && rng.Chance(0.6)) name += (rng.Chance(0.5) ? ", " : " ") + person.peerage;
  return name;
}

// BirthDate: full, year only, one year off (registers disagree), or missing.
std::string BirthDate(const Person& person, const Rates& rates, Rng& rng) {
  if (rng.Chance(rates.missing * 2)) return "";
  const int year = person.year + (rng.Chance(rates.corruption / 4) ? (rng.Chance(0.5) ? 1 : -1) : 0);
  char buffer[40];  // room for any int in each field: -Wformat-truncation in every build type
  if (rng.Chance(0.4)) {
    std::snprintf(buffer, sizeof(buffer), "%04d", year);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", year, person.month, person.day);
  }
  return buffer;
}

// BirthPlace at a register's granularity: town, "town, county", county or country.
std::string BirthPlace(const Place& place, Rng& rng) {
  switch (rng.PickWeighted({0.5, 0.15, 0.2, 0.15})) {
    case 0: return place.suburb;
    case 1: return place.suburb + ", " + place.county;
    case 2: return place.county;
    default: return place.country;
  }
}

// Errors hit the names most, the place less; the full name is written from the (corrupted)
// parts, as a register derives one from the other.
const std::vector<ErrorSite> kHistoricalErrorSites = {{0, 3, false}, {1, 3, false}, {2, 1, false}};

std::vector<std::string> RenderRecord(const Person& person, const NamePools& pools, const std::vector<Place>& places,
                                      const Rates& rates, Rng& rng) {
  std::vector<std::string> parts = {FirstName(pools.given[person.given], rng), person.surname,
                                    BirthPlace(places[person.place], rng)};
  CorruptRecord(parts, kHistoricalErrorSites, rates, rng);
  const std::string full = FullName(person, parts[0].empty() ? pools.given[person.given].name : parts[0],
                                    parts[1].empty() ? person.surname : parts[1], rng);
  const std::string gender = rng.Chance(rates.missing) ? "" : (person.gender == 'f' ? "female" : "male");
  const std::string occupation = rng.Chance(rates.missing * 3) ? "" : std::string(kOccupations[person.occupation]);
  return {parts[0], parts[1], full, BirthDate(person, rates, rng), parts[2], gender, occupation};
}

}  // namespace

Result<LinkageData> GenerateHistorical(const LinkageDataConfig& config) {
  Rng rng(DeriveSeed(config.seed, "historical", 0));
  const NamePools pools = BuildNamePools(rng, config.people / 2);
  const std::vector<Place> places = BuildPlaces(rng, std::max<std::size_t>(50, config.people / 4));
  const Rates rates{DrawRate(config.corruption, 0.3, 0.7, rng), DrawRate(config.missing, 0.02, 0.1, rng)};
  std::vector<Person> people;
  for (std::size_t idx = 0; idx < config.people; ++idx) people.push_back(NewPerson(pools, places, rng));
  const std::vector<std::size_t> counts = RecordCounts(config.people, config.records, rng);
  LinkageData data;
  data.truth = {"truth.csv", {"source", "rec_id", "entity_id"}, {}};
  LinkageTable table{"records.csv", {"rec_id", "first_name", "surname", "full_name", "dob", "birth_place", "gender", "occupation"}, {}};
  const std::vector<std::string> ids = ShuffledIds("r", config.records, rng);
  std::size_t row = 0;
  for (std::size_t person_idx = 0; person_idx < people.size(); ++person_idx) {
    for (std::size_t copy = 0; copy < counts[person_idx]; ++copy, ++row) {
      std::vector<std::string> values = RenderRecord(people[person_idx], pools, places, rates, rng);
      values.insert(values.begin(), ids[row]);
      table.rows.push_back(std::move(values));
      data.truth.rows.push_back({table.name, ids[row], EntityId(person_idx)});
    }
  }
  char settings[160];
  std::snprintf(settings, sizeof(settings), "historical: %zu records of %zu people, corruption %.2f, missing %.2f",
                config.records, config.people, rates.corruption, rates.missing);
  data.settings = settings;
  data.tables.push_back(std::move(table));
  return data;
}

}  // namespace crosscheck::simulate::internal
