#include "crosscheck/watchlist/internal/list_entry.h"

#include <algorithm>

namespace crosscheck::watchlist::internal {

void AddDistinct(std::vector<std::string>& values, std::string_view value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.emplace_back(value);
}

void AddAlias(SanctionsEntry& entry, std::string_view alt_type, std::string_view name,
              std::string_view remarks) {
  if (name.empty() || name == entry.name) return;
  const auto same = [&](const SanctionsAlias& alias) { return alias.name == name; };
  if (std::any_of(entry.aliases.begin(), entry.aliases.end(), same)) return;
  entry.aliases.push_back({.alt_type = std::string(alt_type),
                           .name = std::string(name),
                           .remarks = std::string(remarks)});
}

std::string JoinNonEmpty(std::initializer_list<std::string_view> parts,
                         std::string_view separator) {
  std::string joined;
  for (const std::string_view part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

}  // namespace crosscheck::watchlist::internal
