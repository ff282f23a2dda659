// NeighbourIndex: which stored applications share an artifact with a new one, so that the new
// one can be scored at once against the applications it touches rather than the whole store.
// Keys are hashes of the artifacts the network engine compares (e-mail, phone, device, payout
// account, national id, addresses, profile handles, IP, a photo's pHash bands) and of the
// normalized name (persona linkage looks for name variants under other identifiers).
//
//   NeighbourIndex index;
//   index.Add(stored.application_id, ArtifactKeys(stored, stored_record));
//   std::vector<std::string> around = index.Around({ArtifactKeys(arrival, record)}, {"a-17"}, 256);
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/hash_id_map.h"
#include "crosscheck/common/model.h"

namespace crosscheck::serve {

// ArtifactKey is one artifact of an application: its kind (a letter: 'e' e-mail, 'p' phone,
// 'd' device, '$' payout account, 'n' national id, 'h' home address, 's' shipping address,
// 'l' LinkedIn, 'g' GitHub, 'i' IP, 'f' a photo band, 'r' a resume band, 'N' the name) and a
// hash of its value.
struct ArtifactKey {
  char kind = 0;
  std::uint64_t hash = 0;
  bool operator==(const ArtifactKey&) const = default;
};

// ArtifactKeys lists an application's keys, one per artifact it holds; a photo gives a key per
// pHash band, a resume one per band of its MinHash signature (resumes past the engine's
// near-duplicate threshold share a band with probability ~0.99).
std::vector<ArtifactKey> ArtifactKeys(const NormalizedApplication& application, const ApplicationRecord& record);

// ClearArtifact empties the field of `record` that holds an artifact of `kind` (a name is never
// cleared: it identifies, it is not shared evidence).
void ClearArtifact(char kind, ApplicationRecord& record);

// IndexedKey is a key as the index holds it under an application: the key, its dense id in the
// index (holder counts are read by id, not looked up by hash) and whether another application
// holds it too (a key nobody else holds is complete in any neighbourhood that holds its owner,
// and is never looked up).
struct IndexedKey {
  std::uint64_t hash = 0;
  std::uint32_t id = 0;
  char kind = 0;
  bool shared = false;
  ArtifactKey key() const { return {kind, hash}; }
};

// NeighbourIndex is one writer's: not thread-safe.
class NeighbourIndex {
 public:
  // Add indexes an application's keys under its id; a known id (a replaced application) drops
  // the keys it no longer holds.
  void Add(const std::string& application_id, const std::vector<ArtifactKey>& keys);

  // KeysOf returns the keys indexed under an id, or nullptr for an unknown id.
  const std::vector<IndexedKey>* KeysOf(const std::string& application_id) const;

  // Around returns the ordinals of every indexed application but `own` that shares one of
  // `keys` (resume bands excepted), taking keys held by at most `max_holders` applications
  // (more is generic: a VPN exit, a common name, a resume template), at most `limit` of them.
  // Nearest first: in the keys' order. IdOf and KeysAt read an ordinal without a look-up by id.
  std::vector<std::uint32_t> Around(const std::vector<std::vector<ArtifactKey>>& keys,
                                    const std::vector<std::string>& own, std::size_t max_holders,
                                    std::size_t limit = static_cast<std::size_t>(-1)) const;
  const std::string& IdOf(std::uint32_t ordinal) const { return ids_[ordinal]; }
  const std::vector<IndexedKey>& KeysAt(std::uint32_t ordinal) const { return keys_[ordinal]; }

  // HoldersOf lists the ordinals of the indexed applications that hold `key` (empty when none);
  // IdOfKey is a key's id (nullopt when never indexed). HolderCount, HoldersById and
  // PrefetchHolders read by id (an IndexedKey's): an array read, no hash look-up.
  std::span<const std::uint32_t> HoldersOf(const ArtifactKey& key) const;
  std::optional<std::uint32_t> IdOfKey(const ArtifactKey& key) const;
  std::size_t HolderCount(std::uint32_t key_id) const { return holders_[key_id].size(); }
  const std::vector<std::uint32_t>& HoldersById(std::uint32_t key_id) const { return holders_[key_id]; }
  void PrefetchHolders(std::uint32_t key_id) const { __builtin_prefetch(&holders_[key_id]); }

  // OrdinalOf returns an id's ordinal, or nullopt for an unknown id.
  std::optional<std::uint32_t> OrdinalOf(const std::string& application_id) const;

  std::size_t size() const { return ids_.size(); }

 private:
  // MarkShared sets whether `ordinal`'s key of id `key_id` is held by another application too.
  void MarkShared(std::uint32_t key_id, std::uint32_t ordinal, bool shared);

  std::vector<std::string> ids_;  // by ordinal
  std::unordered_map<std::string, std::uint32_t> ordinal_of_;
  std::vector<std::vector<IndexedKey>> keys_;  // by ordinal
  // Tens of millions of keys at a million applications: a flat table of hashes to dense ids
  // and the holders by id (std::unordered_map was two or three cache misses a look-up, and the
  // holder counts of a neighbourhood's keys a tenth of an arrival's CPU).
  HashIdMap key_ids_;
  std::vector<std::vector<std::uint32_t>> holders_;  // by key id; empty once all let go
};

}  // namespace crosscheck::serve
