// The hub's members file: who may push and pull, as `company_id,token_sha256` rows. The hub
// keeps only the SHA-256 of each member's bearer token, never the token.
//
//   company_id,token_sha256
//   acme-corp,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//
//   CC_ASSIGN_OR_RETURN(Members members, ReadMembersFile("members.csv"));
#pragma once

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

}  // namespace crosscheck::serve
