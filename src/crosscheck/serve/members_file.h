// Files of bearer-token hashes: who may call a service. The hub's members file has
// `company_id,token_sha256` rows; a company node's tokens file (`crosscheck serve --tokens`) has
// `name,role,token_sha256` rows. A service keeps only the SHA-256 of each token, never the token.
//
//   company_id,token_sha256
//   acme-corp,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//
//   CC_ASSIGN_OR_RETURN(Members members, ReadMembersFile("members.csv"));
//   CC_ASSIGN_OR_RETURN(Tokens tokens, ReadTokensFile("tokens.csv"));
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "crosscheck/common/error.h"

namespace crosscheck::serve {

// Members maps a token's SHA-256 (64 lower-case hex digits) to the company it belongs to. A
// company may have several tokens (rotation); a token belongs to one company.
using Members = std::map<std::string, std::string>;

// ReadMembersFile reads a members file. The header `company_id,token_sha256` is required
// (case-insensitive, surrounding spaces ignored); blank lines are skipped; CRLF is accepted.
// Errors: kNotFound when the file does not exist; kInvalidInput for a missing or wrong header, a
// row without exactly two fields, an empty company_id, a token_sha256 that is not 64 hex
// digits, a token listed twice, or a file without members — the message names the line
// ("members.csv line 3: token_sha256 must be 64 hex digits, found 12 characters").
Result<Members> ReadMembersFile(const std::filesystem::path& path);

// Role is what a company node's token may do: post applications (kIngest), read and decide
// (kReviewer), or everything including the audit log (kAdmin).
enum class Role : std::uint8_t { kIngest, kReviewer, kAdmin };

// RoleName returns "ingest", "reviewer" or "admin".
const char* RoleName(Role role);

// TokenHolder is who a token belongs to (the name goes to the audit log) and their role.
struct TokenHolder {
  std::string name;
  Role role = Role::kIngest;
};

// Tokens maps a token's SHA-256 (64 lower-case hex digits) to its holder.
using Tokens = std::map<std::string, TokenHolder>;

// ReadTokensFile reads a tokens file: header `name,role,token_sha256`, roles ingest, reviewer or
// admin (any case); otherwise read as ReadMembersFile reads (blank lines, CRLF, BOM). Errors:
// kNotFound when the file does not exist; kInvalidInput for a wrong header or field count, an
// empty name or role, an unknown role, a bad or repeated token_sha256, or no tokens — the
// message names the line.
Result<Tokens> ReadTokensFile(const std::filesystem::path& path);

}  // namespace crosscheck::serve
