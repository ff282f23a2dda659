// NeighbourIndex: which stored applications share an artifact with a new one, so that the new
// one can be scored at once against the few applications it touches rather than the whole
// store. Keys are hashes of the artifacts the network engine compares (e-mail, phone, device,
// payout account, national id, addresses, profile handles, IP, a photo's pHash bands) and of
// the normalized name (persona linkage looks for name variants under other identifiers).
//
//   NeighbourIndex index;
//   for (const NormalizedApplication& stored : all) index.Add(stored);
//   std::vector<std::string> around = index.Around(new_applications, 4000);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/model.h"

namespace crosscheck::serve {

// ArtifactKeys lists an application's keys: one per artifact it holds, hashed with its kind.
std::vector<std::uint64_t> ArtifactKeys(const NormalizedApplication& application);

// NeighbourIndex is one writer's: not thread-safe.
class NeighbourIndex {
 public:
  // Add indexes an application's keys under its id; a known id gets its new keys too (an old
  // key left behind only adds a neighbour to look at, never hides one).
  void Add(const NormalizedApplication& application);

  // Around returns the ids of indexed applications within two hops of `applications` through
  // shared keys, at most `cap` of them, nearest first. A key held by very many applications (a
  // VPN exit, a common name) contributes only its first holders: its weight is near zero, and
  // the scan of the neighbourhood weighs it by the store's statistics anyway.
  std::vector<std::string> Around(const std::vector<NormalizedApplication>& applications, std::size_t cap) const;

  std::size_t size() const { return ids_.size(); }

 private:
  std::vector<std::string> ids_;                    // by ordinal
  std::unordered_map<std::string, std::uint32_t> ordinal_of_;
  std::vector<std::vector<std::uint64_t>> keys_;    // by ordinal
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> holders_;
};

}  // namespace crosscheck::serve
