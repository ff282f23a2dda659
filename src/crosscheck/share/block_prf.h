// BlockPrf: a keyed pseudorandom function on 16-byte blocks (AES-128, one key per purpose and
// epoch), for the many small fixed-size inputs of band tokens: the 128 MinHash bins of a resume
// and the 32 bit-sample tables of a photo cost one AES call each (AES-NI: a few ns) instead of
// an HMAC (~150 ns). AES is a pseudorandom permutation; on distinct inputs it is a secure PRF,
// and truncating its output keeps it one (Bellare & Rogaway, "Introduction to Modern
// Cryptography", ch. 3). Variable-length values (identifiers, names) use KeyedHasher.
//
//   BlockPrf bins = BlockPrf::Derived(key, "resume-bins", epoch);
//   std::vector<Block> blocks = ...;  bins.Apply(blocks);   // in place
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "crosscheck/share/key_file.h"

namespace crosscheck::share {

using Block = std::array<std::uint8_t, 16>;

class BlockPrf {
 public:
  // BlockPrf keys AES-128 with the first 16 bytes of `key` (at least 16 bytes).
  explicit BlockPrf(std::span<const std::uint8_t> key);
  // Derived returns BlockPrf(DeriveKey(key, purpose, epoch)).
  static BlockPrf Derived(const ConsortiumKey& key, std::string_view purpose, std::string_view epoch);

  // Apply replaces each block by its image under the keyed permutation. Thread-safe.
  void Apply(std::span<Block> blocks) const;

 private:
  std::array<std::uint8_t, 16> key_{};
};

}  // namespace crosscheck::share
