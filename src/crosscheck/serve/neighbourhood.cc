#include "crosscheck/serve/neighbourhood.h"

#include <algorithm>
#include <functional>
#include <string_view>

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

// TableHash is a key's hash as HashIdMap takes it (0 marks its empty slots): 0 becomes 1, as
// likely to collide with another key's as any two hashes are.
std::uint64_t TableHash(std::uint64_t hash) { return hash != 0 ? hash : 1; }

}  // namespace

std::vector<ArtifactKey> ArtifactKeys(const NormalizedApplication& a, const ApplicationRecord& record) {
  std::vector<ArtifactKey> keys;
  // Phones by E.164 only: a number that did not parse (phone_digits) finds its persona here by
  // its e-mail or name, while a batch scan's linkage also compares its last nine digits.
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
  }
  const std::uint32_t ordinal = slot->second;
  const auto holds = [](const auto& held, const ArtifactKey& key) {
    return std::any_of(held.begin(), held.end(), [&](const auto& other) { return other.key() == key; });
  };
  std::vector<IndexedKey>& own = keys_[ordinal];
  for (const IndexedKey& old : own) {
    if (std::find(keys.begin(), keys.end(), old.key()) != keys.end()) continue;
    std::vector<std::uint32_t>& holders = holders_[old.id];
    holders.erase(std::remove(holders.begin(), holders.end(), ordinal), holders.end());
    if (holders.size() == 1) MarkShared(old.id, holders.front(), false);  // its last holder
  }
  std::vector<IndexedKey> kept;
  kept.reserve(keys.size());
  for (const ArtifactKey& key : keys) {
    if (holds(kept, key)) continue;
    const auto [id, added] = key_ids_.Insert(TableHash(key.hash), static_cast<std::uint32_t>(holders_.size()));
    if (added) holders_.emplace_back();
    kept.push_back({key.hash, id, key.kind, false});
  }
  const std::vector<IndexedKey> held = std::move(own);
  own = std::move(kept);
  for (IndexedKey& key : own) {
    std::vector<std::uint32_t>& holders = holders_[key.id];
    if (!holds(held, key.key())) {
      holders.push_back(ordinal);
      if (holders.size() == 2) MarkShared(key.id, holders.front(), true);  // no longer alone
    }
    key.shared = holders.size() > 1;
  }
}

void NeighbourIndex::MarkShared(std::uint32_t key_id, std::uint32_t ordinal, bool shared) {
  for (IndexedKey& key : keys_[ordinal]) {
    if (key.id == key_id) key.shared = shared;
  }
}

std::optional<std::uint32_t> NeighbourIndex::OrdinalOf(const std::string& application_id) const {
  const auto found = ordinal_of_.find(application_id);
  if (found == ordinal_of_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::uint32_t> NeighbourIndex::IdOfKey(const ArtifactKey& key) const {
  const std::uint32_t* id = key_ids_.Find(TableHash(key.hash));
  if (id == nullptr) return std::nullopt;
  return *id;
}

std::span<const std::uint32_t> NeighbourIndex::HoldersOf(const ArtifactKey& key) const {
  const std::optional<std::uint32_t> id = IdOfKey(key);
  if (!id) return {};
  return holders_[*id];
}

const std::vector<IndexedKey>* NeighbourIndex::KeysOf(const std::string& application_id) const {
  const auto found = ordinal_of_.find(application_id);
  return found == ordinal_of_.end() ? nullptr : &keys_[found->second];
}

std::vector<std::uint32_t> NeighbourIndex::Around(const std::vector<std::vector<ArtifactKey>>& keys,
                                                  const std::vector<std::string>& own, std::size_t max_holders,
                                                  std::size_t limit) const {
  std::vector<bool> seen(ids_.size());  // a bit per application: cheaper than a set of thousands
  for (const std::string& id : own) {
    if (const auto found = ordinal_of_.find(id); found != ordinal_of_.end()) seen[found->second] = true;
  }
  std::vector<std::uint32_t> ids;
  for (const std::vector<ArtifactKey>& application_keys : keys) {
    for (const ArtifactKey& key : application_keys) {
      // A resume band is a candidate, not a shared value: following bands would bring in every
      // user of a common template. Bands only tell whether a neighbourhood holds a resume's
      // every near-duplicate (HoldersOf).
      if (key.kind == 'r') continue;
      const std::span<const std::uint32_t> holders = HoldersOf(key);
      if (holders.size() > max_holders) continue;
      for (std::uint32_t ordinal : holders) {
        if (seen[ordinal]) continue;
        seen[ordinal] = true;
        ids.push_back(ordinal);
        if (ids.size() >= limit) return ids;
      }
    }
  }
  return ids;
}

}  // namespace crosscheck::serve
