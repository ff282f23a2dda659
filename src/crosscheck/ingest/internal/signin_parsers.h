// The parsers behind ParseSigninLineInto (signin_reader.h), named for the tests that prove
// them equivalent: a fast path (simdjson's stage 1 and a grammar-checking walk over its
// tokens) reads most lines, simdjson's DOM the lines the fast path does not settle, and
// nlohmann-json words the Issue of a line the DOM rejects. Not for use outside ingest and its
// tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"

namespace crosscheck::ingest::internal {

enum class SigninParser : std::uint8_t {
  kAuto,     // as ParseSigninLineInto: the fast path first
  kDomOnly,  // the DOM path for every line, as before On-Demand
};

// ParseSigninLineWith is ParseSigninLineInto through the chosen parser. The contract: both
// give the same result, event and Issues for every line.
bool ParseSigninLineWith(SigninParser parser, std::string_view line, std::int64_t line_number,
                         const std::string& file, IssueLog& issues, SigninEvent& event);

// FastPathSettles says whether the fast path alone reads `line` (a line it does not settle
// goes to the DOM path). Only a line the DOM accepts may be settled.
bool FastPathSettles(std::string_view line);

}  // namespace crosscheck::ingest::internal
