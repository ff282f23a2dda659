#include "crosscheck/normalize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>
#include <unordered_map>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/address.h"

namespace crosscheck::normalize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// libphonenumber refuses longer input itself (kMaxInputStringLength); checking first avoids
// copying megabytes of garbage into a std::string.
constexpr std::size_t kMaxPhoneLength = 250;

const PhoneNumberUtil& PhoneUtil() {
  // PhoneNumberUtil::GetInstance guards its lazy init with a double-checked plain bool, a
  // data race when two threads make the first call together. A function-local static is
  // initialised exactly once (C++11 [stmt.dcl]/4); after that the instance's const methods
  // are safe to call concurrently (its regexp cache takes a lock).
  static const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  return util;
}

LineType FromLibType(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE:
      return LineType::kLandline;
    case PhoneNumberUtil::MOBILE:
      return LineType::kMobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return LineType::kFixedOrMobile;
    case PhoneNumberUtil::TOLL_FREE:
      return LineType::kTollFree;
    case PhoneNumberUtil::VOIP:
      // libphonenumber's VOIP covers location-bound VoIP ranges (UK 056, DE 032 ...).
      return LineType::kFixedVoip;
    case PhoneNumberUtil::PREMIUM_RATE:
    case PhoneNumberUtil::SHARED_COST:
    case PhoneNumberUtil::PERSONAL_NUMBER:
    case PhoneNumberUtil::PAGER:
    case PhoneNumberUtil::UAN:
    case PhoneNumberUtil::VOICEMAIL:
      return LineType::kOther;
    case PhoneNumberUtil::UNKNOWN:
      break;
  }
  return LineType::kUnknown;
}

// ParsedNumber is what NormalizePhone learns from libphonenumber for one input.
struct ParsedNumber {
  std::string e164;
  std::string region;
  LineType line_type = LineType::kUnknown;
  bool valid = false;
};

// Each libphonenumber step runs ICU regular expressions behind one global lock (about 28 us to
// Parse, 13 us to find the region, 22 us for the type on a 2020s x86 core), far above the
// per-row budget. The same numbers recur across applications (that is what crosscheck looks
// for), so each thread remembers recent answers: by exact input text and region, and by E.164
// number for the costly region/type step. The caches are bounded and dropped when full.
constexpr std::size_t kMaxCachedNumbers = 1 << 16;

struct ThreadPhoneCache {
  std::unordered_map<std::string, ParsedNumber> by_input;
  std::unordered_map<std::string, std::pair<std::string, LineType>> by_e164;
};

ThreadPhoneCache& Cache() {
  thread_local ThreadPhoneCache cache;
  return cache;
}

ParsedNumber ParseWithLibphonenumber(std::string_view text, const std::string& region) {
  ParsedNumber out;
  const PhoneNumberUtil& util = PhoneUtil();
  PhoneNumber number;
  if (util.Parse(std::string(text), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return out;
  }
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  ThreadPhoneCache& cache = Cache();
  if (const auto found = cache.by_e164.find(e164); found != cache.by_e164.end()) {
    if (found->second.second == LineType::kUnknown) return out;
    out.region = found->second.first;
    out.line_type = found->second.second;
  } else {
    // IsValidNumber is GetRegionCodeForNumber followed by the type check GetNumberType also
    // makes (phonenumberutil.cc, IsValidNumberForRegion): a number is valid exactly when it
    // has a region and a known type, so the two calls below answer both.
    std::string number_region;
    util.GetRegionCodeForNumber(number, &number_region);
    PhoneNumberUtil::PhoneNumberType type = PhoneNumberUtil::UNKNOWN;
    if (!number_region.empty() && number_region != "ZZ") type = util.GetNumberType(number);
    if (cache.by_e164.size() >= kMaxCachedNumbers) cache.by_e164.clear();
    const LineType line_type =
        type == PhoneNumberUtil::UNKNOWN ? LineType::kUnknown : FromLibType(type);
    cache.by_e164.emplace(e164, std::make_pair(number_region, line_type));
    if (type == PhoneNumberUtil::UNKNOWN) return out;
    out.region = std::move(number_region);
    out.line_type = line_type;
  }
  out.e164 = std::move(e164);
  out.valid = true;
  return out;
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
  std::string key = region;
  key.push_back('|');
  key.append(text);
  ThreadPhoneCache& cache = Cache();
  auto found = cache.by_input.find(key);
  if (found == cache.by_input.end()) {
    if (cache.by_input.size() >= kMaxCachedNumbers) cache.by_input.clear();
    found = cache.by_input.emplace(std::move(key), ParseWithLibphonenumber(text, region)).first;
  }
  const ParsedNumber& parsed = found->second;
  if (!parsed.valid) return out;
  out.valid = true;
  out.e164 = parsed.e164;
  out.region = parsed.region;
  if (!out.line_type_from_input) out.line_type = parsed.line_type;
  return out;
}

}  // namespace crosscheck::normalize
