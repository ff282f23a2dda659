#include "crosscheck/simulate/linkage_data.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "crosscheck/simulate/internal/linkage_parts.h"
#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {
namespace {

Status CheckConfig(const LinkageDataConfig& config) {
  for (double rate : {config.overlap, config.corruption, config.missing}) {
    if (rate > 1.0) return InvalidInput("rates must lie in [0, 1] (negative: drawn from the seed)");
  }
  if (config.kind == LinkageKind::kMultiParty) {
    if (config.sources < 2 || config.sources > 64) return InvalidInput("--sources must be 2 to 64");
    if (config.records_per_source == 0) return InvalidInput("--records must be positive");
  } else if (config.people == 0 || config.records < config.people) {
    return InvalidInput("--people must be positive and --records at least --people");
  }
  return Ok();
}

}  // namespace

Result<LinkageKind> ParseLinkageKind(std::string_view name) {
  if (name == "multiparty") return LinkageKind::kMultiParty;
  if (name == "historical") return LinkageKind::kHistorical;
  return InvalidInput("--kind must be multiparty or historical, got '" + std::string(name) + "'");
}

Result<LinkageData> GenerateLinkageData(const LinkageDataConfig& config) {
  CC_RETURN_IF_ERROR(CheckConfig(config));
  return config.kind == LinkageKind::kMultiParty ? internal::GenerateMultiParty(config)
                                                 : internal::GenerateHistorical(config);
}

namespace internal {

// Errors hit names most: they are heard, spelled and keyed; a postcode is picked from a list.
const std::vector<ErrorSite> kVoterErrorSites = {{0, 3, false}, {1, 3, false}, {2, 2, false}, {3, 1, true}};

struct VoterEntity {
  std::string given;
  std::string surname;
  std::size_t place = 0;
};

Result<LinkageData> GenerateMultiParty(const LinkageDataConfig& config) {
  Rng rng(DeriveSeed(config.seed, "multiparty", 0));
  const std::size_t per_source = config.records_per_source;
  const NamePools pools = BuildNamePools(rng, per_source);
  const std::vector<Place> places = BuildPlaces(rng, std::max<std::size_t>(50, per_source / 5));
  const double overlap = DrawRate(config.overlap, 0.3, 0.7, rng);
  const Rates base{DrawRate(config.corruption, 0.3, 0.7, rng), DrawRate(config.missing, 0.02, 0.1, rng)};
  auto new_entity = [&] {
    return VoterEntity{pools.given[rng.Skewed(pools.given.size(), kNamePopularity)].name,
                       pools.family[rng.Skewed(pools.family.size(), kNamePopularity)],
                       rng.Below(places.size())};
  };
  // Shared entities: each source draws `overlap` of its records from this pool.
  std::vector<VoterEntity> entities(per_source);
  for (VoterEntity& entity : entities) entity = new_entity();
  const std::size_t shared_count = static_cast<std::size_t>(overlap * static_cast<double>(per_source));
  LinkageData data;
  data.truth = {"truth.csv", {"source", "rec_id", "entity_id"}, {}};
  std::vector<std::size_t> order(per_source);
  for (std::size_t source = 0; source < config.sources; ++source) {
    LinkageTable table{"source_" + std::to_string(source + 1) + ".csv", {"rec_id", "given_name", "surname", "suburb", "postcode"}, {}};
    // Sources differ in quality: each rate is scaled by 0.6-1.4.
    const Rates rates{std::min(1.0, base.corruption * (0.6 + 0.8 * rng.Uniform())),
                      std::min(1.0, base.missing * (0.6 + 0.8 * rng.Uniform()))};
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t idx = 0; idx < shared_count; ++idx) std::swap(order[idx], order[idx + rng.Below(per_source - idx)]);
    std::vector<std::size_t> members(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shared_count));
    while (members.size() < per_source) {
      members.push_back(entities.size());
      entities.push_back(new_entity());
    }
    const std::vector<std::string> ids = ShuffledIds("s" + std::to_string(source + 1), per_source, rng);
    for (std::size_t row = 0; row < per_source; ++row) {
      const VoterEntity& entity = entities[members[row]];
      std::vector<std::string> values = {entity.given, entity.surname, places[entity.place].suburb,
                                         places[entity.place].postcode};
      CorruptRecord(values, kVoterErrorSites, rates, rng);
      // Fields keyed the wrong way round: a tenth as often as records are corrupted.
      if (rng.Chance(rates.corruption / 10)) std::swap(values[0], values[1]);
      values.insert(values.begin(), ids[row]);
      table.rows.push_back(std::move(values));
      data.truth.rows.push_back({table.name, ids[row], EntityId(members[row])});
    }
    data.tables.push_back(std::move(table));
  }
  char settings[160];
  std::snprintf(settings, sizeof(settings), "multiparty: %zu sources x %zu records, overlap %.2f, corruption %.2f, missing %.2f",
                config.sources, per_source, overlap, base.corruption, base.missing);
  data.settings = settings;
  return data;
}

}  // namespace internal
}  // namespace crosscheck::simulate
