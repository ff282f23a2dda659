#include "crosscheck/normalize/phone.h"

#include <bit>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/address.h"
#include "crosscheck/normalize/internal/phone_parse.h"

namespace crosscheck::normalize {
namespace {

using internal::ParsedPhone;

// libphonenumber refuses longer input itself (kMaxInputStringLength); checking first avoids
// copying megabytes of garbage into a std::string.
constexpr std::size_t kMaxPhoneLength = 250;

// The fast path (internal/phone_fast_path.cc) parses a new number in well under a
// microsecond; the inputs it leaves (letters, "tel:" URIs, odd symbols) go to libphonenumber,
// whose ICU regular expressions run behind one global lock (10-60 us per number). Those
// inputs recur across applications like any other (that is what crosscheck looks for), so
// each thread remembers libphonenumber's recent answers by exact input text and region. Fast
// path answers are not cached: a lookup in a large table costs about as much as the fast
// path itself (cache misses), and would slow down the common case of a new number.
constexpr std::size_t kMaxCachedNumbers = 1 << 16;

ParsedPhone ParseAndRemember(std::string_view text, const std::string& region) {
  thread_local std::unordered_map<std::string, ParsedPhone> cache;
  std::string key = region;
  key.push_back('|');
  key.append(text);
  auto found = cache.find(key);
  if (found == cache.end()) {
    if (cache.size() >= kMaxCachedNumbers) cache.clear();
    found =
        cache.emplace(std::move(key), internal::ParsePhoneWithLibphonenumber(text, region)).first;
  }
  return found->second;
}

// Parse tries the fast path, then libphonenumber.
ParsedPhone Parse(std::string_view text, const std::string& region) {
  if (std::optional<ParsedPhone> fast = internal::ParsePhoneFast(text, region)) return *std::move(fast);
  return ParseAndRemember(text, region);
}

std::string RegionFor(std::string_view default_region) {
  const std::string_view trimmed = TrimAscii(default_region);
  if (trimmed.empty()) return "US";
  std::string region = NormalizeCountry(trimmed);
  return region.empty() ? std::string("US") : region;
}

}  // namespace

std::optional<LineType> ParseLineType(std::string_view text) {
  std::string key;
  for (const char c : text) {
    if (c == '_' || c == '-' || c == ' ' || c == '\t') continue;
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (key == "mobile" || key == "cell" || key == "wireless") return LineType::kMobile;
  if (key == "landline" || key == "fixedline" || key == "fixed") return LineType::kLandline;
  if (key == "fixedvoip") return LineType::kFixedVoip;
  if (key == "nonfixedvoip") return LineType::kNonFixedVoip;
  if (key == "tollfree") return LineType::kTollFree;
  if (key == "fixedormobile") return LineType::kFixedOrMobile;
  if (key == "other") return LineType::kOther;
  if (key == "unknown") return LineType::kUnknown;
  return std::nullopt;
}

const char* LineTypeName(LineType type) {
  switch (type) {
    case LineType::kMobile:
      return "mobile";
    case LineType::kLandline:
      return "landline";
    case LineType::kFixedVoip:
      return "fixedVoip";
    case LineType::kNonFixedVoip:
      return "nonFixedVoip";
    case LineType::kTollFree:
      return "tollFree";
    case LineType::kFixedOrMobile:
      return "fixedOrMobile";
    case LineType::kOther:
      return "other";
    case LineType::kUnknown:
      break;
  }
  return "unknown";
}

NormalizedPhone NormalizePhone(std::string_view raw, std::string_view default_region,
                               std::string_view given_line_type) {
  NormalizedPhone out;
  if (const std::optional<LineType> given = ParseLineType(given_line_type);
      given && *given != LineType::kUnknown) {
    out.line_type = *given;
    out.line_type_from_input = true;
  }
  const std::string_view text = TrimAscii(raw);
  if (text.empty() || text.size() > kMaxPhoneLength || !IsValidUtf8(text)) return out;

  const std::string region = RegionFor(default_region);
  ParsedPhone parsed = Parse(text, region);
  // "00" + country code is how most of the world dials abroad (ITU-T E.164's usual
  // international prefix), and applicants write it where it is not the local prefix (Korea
  // 001/002, Australia 0011, Russia 8~10, the US 011). A national number never starts with
  // "00" (a trunk prefix is one digit), so a failed "00..." is read as "+...".
  if (!parsed.valid && text.starts_with("00") && text.size() > 2) {
    if (ParsedPhone retried = Parse("+" + std::string(text.substr(2)), region); retried.valid) parsed = std::move(retried);
  }
  if (!parsed.valid) return out;
  out.valid = true;
  out.e164 = std::move(parsed.e164);
  out.region = std::move(parsed.region);
  if (!out.line_type_from_input) out.line_type = parsed.line_type;
  return out;
}

std::string UnparsedPhoneDigits(std::string_view raw) {
  constexpr std::size_t kMinDigits = 9;
  constexpr std::size_t kMaxDigits = 15;
  constexpr int kMinDistinctDigits = 4;
  std::string digits;
  unsigned seen = 0;  // bit d: digit d occurs
  for (char c : raw) {
    if (c < '0' || c > '9') continue;
    digits.push_back(c);
    seen |= 1U << (c - '0');
  }
  if (digits.size() < kMinDigits || digits.size() > kMaxDigits || std::popcount(seen) < kMinDistinctDigits) return {};
  return digits;
}

}  // namespace crosscheck::normalize
