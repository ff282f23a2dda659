// The two ways NormalizePhone parses a number, internal to normalize/: libphonenumber itself
// (exact, but tens of microseconds per number behind a global lock) and a fast path that
// replays libphonenumber's Parse / GetRegionCodeForNumber / GetNumberType on its own compiled
// metadata with RE2 (about a microsecond, no lock). The fast path answers only when it is
// sure to give libphonenumber's answer; otherwise it returns nullopt and the caller falls
// back. phone_fast_path_test.cc checks the two agree on tens of thousands of inputs.
//
//   std::optional<ParsedPhone> fast = internal::ParsePhoneFast("020 7946 0958", "GB");
//   ParsedPhone parsed = fast ? *fast : internal::ParsePhoneWithLibphonenumber(text, "GB");
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/common/model.h"

namespace crosscheck::normalize::internal {

// ParsedPhone is what NormalizePhone learns about one input. When valid is false the other
// fields are empty / kUnknown.
struct ParsedPhone {
  std::string e164;    // "+<country code><national significant number>", no extension
  std::string region;  // libphonenumber GetRegionCodeForNumber ("001" for non-geographic)
  LineType line_type = LineType::kUnknown;  // from libphonenumber's PhoneNumberType
  bool valid = false;                       // libphonenumber IsValidNumber

  bool operator==(const ParsedPhone&) const = default;
};

// ParsePhoneWithLibphonenumber parses `text` with PhoneNumberUtil::Parse (`region` is an ISO
// alpha-2 code, used for numbers without a country code) and reports validity, region and
// type. Thread-safe; libphonenumber serializes callers on its regexp cache lock. Costs
// roughly 10-60 microseconds.
ParsedPhone ParsePhoneWithLibphonenumber(std::string_view text, const std::string& region);

// ParsePhoneFast gives exactly ParsePhoneWithLibphonenumber's answer for common inputs (ASCII
// digits with spaces, dashes, dots, parentheses and slashes, an optional leading '+', an
// optional "x" / "ext" / "extension" suffix) and nullopt for anything it is unsure about
// (letters, other symbols, unknown regions, unknown country calling codes after '+', ...).
// `text` must be valid UTF-8 with no surrounding whitespace. Thread-safe and lock-free after
// the first call, which compiles libphonenumber's metadata into RE2 patterns (a few tens of
// milliseconds). Costs roughly a microsecond.
std::optional<ParsedPhone> ParsePhoneFast(std::string_view text, std::string_view region);

}  // namespace crosscheck::normalize::internal
