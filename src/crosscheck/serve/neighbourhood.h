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
#include <string>
#include <unordered_map>
#include <vector>

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

// NeighbourIndex is one writer's: not thread-safe.
class NeighbourIndex {
 public:
  // Add indexes an application's keys under its id; a known id (a replaced application) drops
  // the keys it no longer holds.
  void Add(const std::string& application_id, const std::vector<ArtifactKey>& keys);

  // KeysOf returns the keys indexed under an id, or nullptr for an unknown id.
  const std::vector<ArtifactKey>* KeysOf(const std::string& application_id) const;

  // Around returns the ordinals of every indexed application but `own` that shares one of
  // `keys` (resume bands excepted), taking keys held by at most `max_holders` applications
  // (more is generic: a VPN exit, a common name, a resume template), at most `limit` of them.
  // Nearest first: in the keys' order. IdOf and KeysAt read an ordinal without a look-up by id.
  std::vector<std::uint32_t> Around(const std::vector<std::vector<ArtifactKey>>& keys,
                                    const std::vector<std::string>& own, std::size_t max_holders,
                                    std::size_t limit = static_cast<std::size_t>(-1)) const;
  const std::string& IdOf(std::uint32_t ordinal) const { return ids_[ordinal]; }
  const std::vector<ArtifactKey>& KeysAt(std::uint32_t ordinal) const { return keys_[ordinal]; }

  // Holders returns how many indexed applications hold `key`; HoldersOf lists their ordinals
  // (nullptr when none).
  std::size_t Holders(const ArtifactKey& key) const;
  const std::vector<std::uint32_t>* HoldersOf(const ArtifactKey& key) const;

  // OrdinalOf returns an id's ordinal, or nullopt for an unknown id. SharedAt says whether the
  // key at `position` of KeysAt(ordinal) is held by another application too: a key nobody else
  // holds is complete in any neighbourhood that holds its owner, and is never looked up.
  std::optional<std::uint32_t> OrdinalOf(const std::string& application_id) const;
  bool SharedAt(std::uint32_t ordinal, std::size_t position) const { return shared_[ordinal][position] != 0; }

  std::size_t size() const { return ids_.size(); }

 private:
  // MarkShared sets whether `ordinal`'s key of `hash` is held by another application too.
  void MarkShared(std::uint64_t hash, std::uint32_t ordinal, bool shared);

  std::vector<std::string> ids_;  // by ordinal
  std::unordered_map<std::string, std::uint32_t> ordinal_of_;
  std::vector<std::vector<ArtifactKey>> keys_;  // by ordinal
  std::vector<std::vector<std::uint8_t>> shared_;  // by ordinal, as keys_: 1 = held by another too
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> holders_;
};

}  // namespace crosscheck::serve
