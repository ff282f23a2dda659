#include "crosscheck/graph/internal/residences.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace crosscheck::graph::internal {
namespace {

// KeyParts splits an address key "street[ unit u]|postal or city|country" into the street
// with its unit and the country; false when the key is not in that form.
bool KeyParts(std::string_view key, std::string_view* street, std::string_view* country) {
  const std::size_t first = key.find('|');
  const std::size_t last = key.rfind('|');
  if (first == std::string_view::npos || last == first) return false;
  *street = key.substr(0, first);
  *country = key.substr(last + 1);
  return true;
}

}  // namespace

std::vector<std::vector<std::size_t>> GroupResidences(const std::vector<NormalizedApplication>& applications,
                                                      const std::vector<SharedArtifact>& artifacts) {
  // (street, country, holder's city) -> postal-code keys' artifacts; city keys wait for them.
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, std::vector<std::size_t>> postal_keys;
  std::vector<std::size_t> city_keys;
  std::vector<std::size_t> home;
  for (std::size_t artifact_idx = 0; artifact_idx < artifacts.size(); ++artifact_idx) {
    const SharedArtifact& artifact = artifacts[artifact_idx];
    if (artifact.kind != ArtifactKind::kHomeAddress || artifact.applications.empty()) continue;
    home.push_back(artifact_idx);
    std::string_view street;
    std::string_view country;
    if (!KeyParts(artifact.value, &street, &country)) continue;
    // Every holder of one key wrote the same postal code, or none: the key says which.
    const NormalizedApplication& first = applications[artifact.applications.front()];
    if (first.postal_code.empty()) {
      city_keys.push_back(artifact_idx);
      continue;
    }
    for (std::size_t app_idx : artifact.applications) {
      const std::string& city = applications[app_idx].city;
      if (city.empty()) continue;
      std::vector<std::size_t>& keys = postal_keys[{street, country, city}];
      if (keys.empty() || keys.back() != artifact_idx) keys.push_back(artifact_idx);
    }
  }
  std::map<std::size_t, std::size_t> joins;  // city key's artifact -> postal key's artifact
  for (std::size_t artifact_idx : city_keys) {
    const std::string& key = artifacts[artifact_idx].value;
    std::string_view street;
    std::string_view country;
    KeyParts(key, &street, &country);
    const std::string_view city = std::string_view(key).substr(street.size() + 1,
                                                               key.size() - street.size() - country.size() - 2);
    const auto found = postal_keys.find({street, country, city});
    if (found != postal_keys.end() && found->second.size() == 1) joins[artifact_idx] = found->second.front();
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;  // representative (postal key) -> members
  for (std::size_t artifact_idx : home) {
    const auto join = joins.find(artifact_idx);
    groups[join == joins.end() ? artifact_idx : join->second].push_back(artifact_idx);
  }
  std::vector<std::vector<std::size_t>> residences;
  residences.reserve(groups.size());
  for (auto& [representative, members] : groups) {
    std::sort(members.begin(), members.end());
    residences.push_back(std::move(members));
  }
  std::sort(residences.begin(), residences.end());
  return residences;
}

}  // namespace crosscheck::graph::internal
