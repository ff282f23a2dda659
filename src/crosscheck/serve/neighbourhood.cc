#include "crosscheck/serve/neighbourhood.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_set>

namespace crosscheck::serve {
namespace {

// Holders looked at per key: in the first hop, and from each neighbour in the second.
constexpr std::size_t kFirstHopHolders = 256;
constexpr std::size_t kSecondHopHolders = 32;
// pHash bands: photos up to 3 bits apart share one of four 16-bit bands.
constexpr int kPhotoBands = 4;

std::uint64_t KeyOf(char kind, std::string_view value) {
  return std::hash<std::string_view>{}(value) * 0x9E3779B97F4A7C15ULL + static_cast<unsigned char>(kind);
}

}  // namespace

std::vector<std::uint64_t> ArtifactKeys(const NormalizedApplication& a) {
  std::vector<std::uint64_t> keys;
  const std::pair<char, const std::string*> fields[] = {
      {'e', &a.email},        {'p', &a.phone_e164},   {'d', &a.device_id},
      {'$', &a.payout_account}, {'n', &a.national_id}, {'h', &a.address_key},
      {'s', &a.shipping_address_key}, {'l', &a.linkedin}, {'g', &a.github},
      {'i', &a.ip_address},   {'N', &a.name.full}};
  for (const auto& [kind, value] : fields) {
    if (!value->empty()) keys.push_back(KeyOf(kind, *value));
  }
  if (a.photo_hash) {
    for (int band = 0; band < kPhotoBands; ++band) {
      const auto bits = static_cast<std::uint16_t>(*a.photo_hash >> (16 * band));
      keys.push_back(KeyOf(static_cast<char>('0' + band), std::string_view(reinterpret_cast<const char*>(&bits), 2)));
    }
  }
  return keys;
}

void NeighbourIndex::Add(const NormalizedApplication& application) {
  auto [slot, inserted] = ordinal_of_.emplace(application.application_id, static_cast<std::uint32_t>(ids_.size()));
  if (inserted) {
    ids_.push_back(application.application_id);
    keys_.emplace_back();
  }
  const std::uint32_t ordinal = slot->second;
  for (std::uint64_t key : ArtifactKeys(application)) {
    std::vector<std::uint64_t>& own = keys_[ordinal];
    if (std::find(own.begin(), own.end(), key) != own.end()) continue;
    own.push_back(key);
    holders_[key].push_back(ordinal);
  }
}

std::vector<std::string> NeighbourIndex::Around(const std::vector<NormalizedApplication>& applications,
                                                std::size_t cap) const {
  std::vector<std::uint32_t> found;
  std::unordered_set<std::uint32_t> seen;
  for (const NormalizedApplication& application : applications) {
    if (const auto own = ordinal_of_.find(application.application_id); own != ordinal_of_.end()) seen.insert(own->second);
  }
  const auto visit = [&](std::uint64_t key, std::size_t per_key) {
    const auto holders = holders_.find(key);
    if (holders == holders_.end()) return;
    const std::size_t count = std::min(per_key, holders->second.size());
    for (std::size_t idx = 0; idx < count && found.size() < cap; ++idx) {
      if (seen.insert(holders->second[idx]).second) found.push_back(holders->second[idx]);
    }
  };
  for (const NormalizedApplication& application : applications) {
    for (std::uint64_t key : ArtifactKeys(application)) visit(key, kFirstHopHolders);
  }
  const std::size_t first_hop = found.size();
  for (std::size_t idx = 0; idx < first_hop && found.size() < cap; ++idx) {
    for (std::uint64_t key : keys_[found[idx]]) visit(key, kSecondHopHolders);
  }
  std::vector<std::string> ids;
  ids.reserve(found.size());
  for (std::uint32_t ordinal : found) ids.push_back(ids_[ordinal]);
  return ids;
}

}  // namespace crosscheck::serve
