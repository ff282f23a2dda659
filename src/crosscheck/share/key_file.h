// The consortium key and the file that holds it. Every member company of a consortium holds
// the same 32-byte secret; artifacts are shared as keyed hashes under it (keyed_hash.h), so the
// hub that matches them never learns a phone number or an e-mail address. The key file is 64
// hex digits and a newline, readable by its owner only.
//
//   CC_ASSIGN_OR_RETURN(ConsortiumKey key, GenerateKey());
//   CC_RETURN_IF_ERROR(WriteKeyFile("consortium.key", key));
//   ...
//   CC_ASSIGN_OR_RETURN(ConsortiumKey same, ReadKeyFile("consortium.key"));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::share {

// kKeyBytes is the size of a consortium key: 256 bits.
inline constexpr std::size_t kKeyBytes = 32;

// ConsortiumKey is the secret every member of a consortium shares; it is never sent to the
// hub. Only KeyId (keyed_hash.h), a one-way fingerprint of it, may leave a member.
struct ConsortiumKey {
  std::array<std::uint8_t, kKeyBytes> bytes{};
};

// GenerateKey returns 32 bytes from OpenSSL's CSPRNG (RAND_bytes).
// Errors: kInternal when the generator fails (it could not be seeded). Thread-safe.
Result<ConsortiumKey> GenerateKey();

// WriteKeyFile writes the key as 64 lower-case hex digits and a newline to a new file `path`,
// created with mode 0600 (owner read/write; a umask may only narrow it). It never overwrites:
// an existing `path` is refused, so a key that data was already shared under cannot be lost
// by accident. The data is flushed to disk before success is reported; on failure the partly
// written file is removed.
// Errors: kInvalidInput when `path` exists or cannot be created or written (permissions, full
// disk); kNotFound when its directory does not exist.
Status WriteKeyFile(const std::filesystem::path& path, const ConsortiumKey& key);

// ReadKeyFile reads a key file written by WriteKeyFile. Surrounding whitespace (a trailing
// newline, CRLF) is allowed; the hex digits may be in either case.
// Errors: kNotFound when `path` does not exist (the message names the path); kInvalidInput
// when `path` is a directory or not a regular file, when the group or others may read or
// write it (mode & 077: "<path>: key file is accessible by others (mode 0644); run chmod 600
// <path>"), when it cannot be opened, or when it does not hold exactly 64 hex digits (the
// message says what was found: "holds 20 hex digits, a key needs 64" or "character 'x' at
// column 7 is not a hex digit").
Result<ConsortiumKey> ReadKeyFile(const std::filesystem::path& path);

// ReadSecretFile reads a small secret file only its owner may access — a key file, a member's
// bearer-token file — with the checks ReadKeyFile describes, `kind` naming the file in messages
// ("key file", "token file") and `holds` saying what it should hold ("64 hex digits"). Returns
// the content (at most 4096 bytes; the read buffer is wiped), which the caller should wipe after
// use. Errors: kNotFound (missing), kInvalidInput (directory, not a regular file, mode & 077,
// too large, unreadable).
Result<std::string> ReadSecretFile(const std::filesystem::path& path, std::string_view kind, std::string_view holds);

}  // namespace crosscheck::share
