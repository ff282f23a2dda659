// Keyed hashes of shared artifacts. A member company turns each artifact (a phone number, an
// e-mail address) into a Token, HMAC-SHA-256 under a key derived from the consortium key, so
// the hub can tell that two members saw the same value without learning the value, and
// without the key nobody can test a guess. Each artifact kind and epoch gets its own key
// (DeriveKey), so tokens of one kind cannot be compared with another's or across epochs.
//
//   const KeyedHasher phones = KeyedHasher::Derived(key, "phone", "2025-q3");
//   Token token = phones.Hash("+14155550123");  // TokenHex(token) for transport
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/share/key_file.h"

namespace crosscheck::share {

// Token is a 128-bit keyed token: HMAC-SHA-256 truncated to its first 16 bytes (RFC 2104
// section 5 allows truncation; 128 bits keep accidental collisions out of reach at any
// consortium's scale).
using Token = std::array<std::uint8_t, 16>;

// TokenHex renders a token as 32 lower-case hex digits.
std::string TokenHex(const Token& token);

// DeriveKey returns the 32-byte HKDF-SHA-256 (RFC 5869) output for ikm = the consortium key,
// salt = "crosscheck consortium v1" and info = purpose + '\0' + epoch: one independent key per
// artifact kind (`purpose`, e.g. "phone") and epoch (e.g. "2025-q3"). `purpose` is a constant
// chosen by the program and must not contain '\0' (CC_CHECK), which keeps every
// (purpose, epoch) pair's info distinct. Deterministic; thread-safe.
std::array<std::uint8_t, 32> DeriveKey(const ConsortiumKey& key, std::string_view purpose,
                                       std::string_view epoch);

// KeyedHasher computes HMAC-SHA-256 under one fixed key, made for hashing millions of short
// messages: the SHA-256 states after the key blocks (key ^ ipad, key ^ opad) are computed
// once, in the constructor, so a message shorter than 56 bytes costs two SHA-256
// compressions and no allocation. Hash and Hash64 are const and thread-safe (each call hashes
// in a copy of those states); a moved-from KeyedHasher may only be assigned or destroyed.
class KeyedHasher {
 public:
  // KeyedHasher keys the hasher with a key of any length (HMAC rules: a key longer than the
  // 64-byte block is hashed first, a shorter one is padded with zeros).
  explicit KeyedHasher(std::span<const std::uint8_t> key);
  KeyedHasher(KeyedHasher&&) noexcept;
  KeyedHasher& operator=(KeyedHasher&&) noexcept;
  KeyedHasher(const KeyedHasher&) = delete;
  KeyedHasher& operator=(const KeyedHasher&) = delete;
  ~KeyedHasher();

  // Derived returns KeyedHasher(DeriveKey(key, purpose, epoch)).
  static KeyedHasher Derived(const ConsortiumKey& key, std::string_view purpose,
                             std::string_view epoch);

  // Hash returns the first 16 bytes of HMAC-SHA-256(key, message).
  Token Hash(std::string_view message) const;

  // Hash64 returns the first 8 bytes of HMAC-SHA-256(key, message) as a big-endian integer
  // (the first 8 bytes of Hash), for tables and sketches that want a machine word.
  std::uint64_t Hash64(std::string_view message) const;

 private:
  struct Impl;  // OpenSSL contexts; OpenSSL stays out of this header
  std::unique_ptr<Impl> impl_;
};

// KeyId returns a public fingerprint of the consortium key, 16 lower-case hex digits: the
// first 8 bytes of HMAC-SHA-256(DeriveKey(key, "key-id", ""), "crosscheck key id"). It lets
// the hub refuse a submission made under a foreign key without learning the key, and a
// member check which key it holds. Deterministic; thread-safe.
std::string KeyId(const ConsortiumKey& key);

// HexSha256 returns SHA-256 of `bytes` as 64 lower-case hex digits (not keyed): how the hub
// stores a member's bearer token (members.csv token_sha256). Thread-safe.
std::string HexSha256(std::string_view bytes);

namespace internal {

// HkdfSha256 is RFC 5869 HKDF-SHA-256 (extract, then expand to `length` bytes, at most
// 255 * 32; any input may be empty), the function under DeriveKey; exposed so tests can run
// the RFC's vectors. Thread-safe.
std::vector<std::uint8_t> HkdfSha256(std::span<const std::uint8_t> ikm,
                                     std::span<const std::uint8_t> salt,
                                     std::span<const std::uint8_t> info, std::size_t length);

}  // namespace internal

}  // namespace crosscheck::share
