#include "crosscheck/serve/neighbourhood.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_set>

#include "crosscheck/graph/evidence_edge.h"

namespace crosscheck::serve {
namespace {

// pHash bands: photos up to 3 bits apart share one of four 16-bit bands.
constexpr int kPhotoBands = 4;
// Resume MinHash bands of 4 bins: signatures of Jaccard 0.6 share one of 32 with probability
// 1 - (1 - 0.6^4)^32 = 0.99.
constexpr std::size_t kResumeBandBins = 4;

std::uint64_t HashOf(char kind, std::string_view value) {
  return std::hash<std::string_view>{}(value) * 0x9E3779B97F4A7C15ULL + static_cast<unsigned char>(kind);
}

}  // namespace

std::vector<ArtifactKey> ArtifactKeys(const NormalizedApplication& a, const ApplicationRecord& record) {
  std::vector<ArtifactKey> keys;
  const std::pair<char, const std::string*> fields[] = {
      {'e', &a.email},          {'p', &a.phone_e164},  {'d', &a.device_id}, {'$', &a.payout_account},
      {'n', &a.national_id},    {'h', &a.address_key}, {'s', &a.shipping_address_key},
      {'l', &a.linkedin},       {'g', &a.github},      {'i', &a.ip_address}, {'N', &a.name.full}};
  for (const auto& [kind, value] : fields) {
    if (!value->empty()) keys.push_back({kind, HashOf(kind, *value)});
  }
  if (a.photo_hash) {
    for (int band = 0; band < kPhotoBands; ++band) {
      const std::string bits = std::to_string(band) + ":" + std::to_string((*a.photo_hash >> (16 * band)) & 0xFFFF);
      keys.push_back({'f', HashOf('f', bits)});
    }
  }
  const std::vector<std::uint32_t> signature = graph::ResumeSignature(a, record, graph::EvidenceOptions{});
  for (std::size_t first = 0; first + kResumeBandBins <= signature.size(); first += kResumeBandBins) {
    const std::string band(reinterpret_cast<const char*>(&signature[first]), kResumeBandBins * sizeof(std::uint32_t));
    keys.push_back({'r', HashOf('r', std::to_string(first) + ":" + band)});
  }
  return keys;
}

void ClearArtifact(char kind, ApplicationRecord& record) {
  switch (kind) {
    case 'e': record.email.clear(); break;
    case 'p': record.phone.clear(); break;
    case 'd': record.device_id.clear(); break;
    case '$': record.payout_account.clear(); break;
    case 'n': record.national_id.clear(); break;
    case 'h': record.street.clear(); break;  // the address key needs a street
    case 's': record.shipping_address.clear(); break;
    case 'l': record.linkedin.clear(); break;
    case 'g': record.github.clear(); break;
    case 'i': record.ip_address.clear(); break;
    case 'f': record.photo_hash.clear(); break;
    case 'r': record.resume_text.clear(); break;
    default: break;  // 'N': names stay
  }
}

void NeighbourIndex::Add(const std::string& application_id, const std::vector<ArtifactKey>& keys) {
  auto [slot, inserted] = ordinal_of_.emplace(application_id, static_cast<std::uint32_t>(ids_.size()));
  if (inserted) {
    ids_.push_back(application_id);
    keys_.emplace_back();
    shared_.emplace_back();
  }
  const std::uint32_t ordinal = slot->second;
  std::vector<ArtifactKey>& own = keys_[ordinal];
  for (const ArtifactKey& old : own) {
    if (std::find(keys.begin(), keys.end(), old) != keys.end()) continue;
    std::vector<std::uint32_t>& holders = holders_[old.hash];
    holders.erase(std::remove(holders.begin(), holders.end(), ordinal), holders.end());
    if (holders.size() == 1) MarkShared(old.hash, holders.front(), false);  // its last holder
  }
  std::vector<ArtifactKey> kept;
  for (const ArtifactKey& key : keys) {
    if (std::find(kept.begin(), kept.end(), key) == kept.end()) kept.push_back(key);
  }
  const std::vector<ArtifactKey> held = std::move(own);
  own = std::move(kept);
  shared_[ordinal].assign(own.size(), 0);
  for (std::size_t position = 0; position < own.size(); ++position) {
    std::vector<std::uint32_t>& holders = holders_[own[position].hash];
    if (std::find(held.begin(), held.end(), own[position]) == held.end()) {
      holders.push_back(ordinal);
      if (holders.size() == 2) MarkShared(own[position].hash, holders.front(), true);  // no longer alone
    }
    shared_[ordinal][position] = holders.size() > 1 ? 1 : 0;
  }
}

void NeighbourIndex::MarkShared(std::uint64_t hash, std::uint32_t ordinal, bool shared) {
  const std::vector<ArtifactKey>& keys = keys_[ordinal];
  for (std::size_t position = 0; position < keys.size(); ++position) {
    if (keys[position].hash == hash) shared_[ordinal][position] = shared ? 1 : 0;
  }
}

std::optional<std::uint32_t> NeighbourIndex::OrdinalOf(const std::string& application_id) const {
  const auto found = ordinal_of_.find(application_id);
  if (found == ordinal_of_.end()) return std::nullopt;
  return found->second;
}

const std::vector<std::uint32_t>* NeighbourIndex::HoldersOf(const ArtifactKey& key) const {
  const auto found = holders_.find(key.hash);
  return found == holders_.end() || found->second.empty() ? nullptr : &found->second;
}

const std::vector<ArtifactKey>* NeighbourIndex::KeysOf(const std::string& application_id) const {
  const auto found = ordinal_of_.find(application_id);
  return found == ordinal_of_.end() ? nullptr : &keys_[found->second];
}

std::size_t NeighbourIndex::Holders(const ArtifactKey& key) const {
  const auto found = holders_.find(key.hash);
  return found == holders_.end() ? 0 : found->second.size();
}

std::vector<std::uint32_t> NeighbourIndex::Around(const std::vector<std::vector<ArtifactKey>>& keys,
                                                  const std::vector<std::string>& own, std::size_t max_holders,
                                                  std::size_t limit) const {
  std::unordered_set<std::uint32_t> seen;
  for (const std::string& id : own) {
    if (const auto found = ordinal_of_.find(id); found != ordinal_of_.end()) seen.insert(found->second);
  }
  std::vector<std::uint32_t> ids;
  for (const std::vector<ArtifactKey>& application_keys : keys) {
    for (const ArtifactKey& key : application_keys) {
      // A resume band is a candidate, not a shared value: following bands would bring in every
      // user of a common template. Bands only tell whether a neighbourhood holds a resume's
      // every near-duplicate (Holders).
      if (key.kind == 'r') continue;
      const auto holders = holders_.find(key.hash);
      if (holders == holders_.end() || holders->second.size() > max_holders) continue;
      for (std::uint32_t ordinal : holders->second) {
        if (!seen.insert(ordinal).second) continue;
        ids.push_back(ordinal);
        if (ids.size() >= limit) return ids;
      }
    }
  }
  return ids;
}

}  // namespace crosscheck::serve
