// ParsePhoneFast: libphonenumber's parse and validation logic (phonenumberutil.cc, version
// 8.12) replayed on libphonenumber's own compiled-in metadata, with RE2 instead of ICU
// regular expressions. ICU's RegexMatcher costs microseconds per call and libphonenumber
// reaches its patterns through one locked cache, so a new number costs 10-60 us there; RE2
// runs these anchored, backtracking-free patterns in a DFA without locks.
//
// Each step below names the libphonenumber function it mirrors. Anything the mirror does not
// cover (alpha numbers, RFC 3966 "tel:" URIs, unusual extension markers, unknown country
// codes after '+', patterns RE2 cannot compile) returns nullopt, and the caller asks
// libphonenumber. phone_fast_path_test.cc compares both paths on tens of thousands of inputs.
#include <phonenumbers/phonemetadata.pb.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/normalize/internal/phone_parse.h"

// libphonenumber.so exports its compiled-in metadata (a serialized PhoneMetadataCollection)
// through these two functions; their header (phonenumbers/metadata.h) is not installed.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace crosscheck::normalize::internal {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;

// PhoneNumberUtil::kMinLengthForNsn, kMaxLengthForNsn, kMaxLengthCountryCode.
constexpr std::size_t kMinLengthForNsn = 2;
constexpr std::size_t kMaxLengthForNsn = 17;
constexpr std::size_t kMaxLengthCountryCode = 3;

// Extension digit limits of CreateExtnPattern: after an explicit label ("ext") and after an
// ambiguous one ("x").
constexpr std::size_t kMaxDigitsAfterExplicitLabel = 20;
constexpr std::size_t kMaxDigitsAfterAmbiguousLabel = 9;

// NumberType mirrors PhoneNumberUtil::PhoneNumberType.
enum class NumberType : std::uint8_t {
  kUnknown,
  kFixedLine,
  kMobile,
  kFixedLineOrMobile,
  kTollFree,
  kPremiumRate,
  kSharedCost,
  kVoip,
  kPersonalNumber,
  kPager,
  kUan,
  kVoicemail,
};

// Same mapping as FromLibType in phone_libphonenumber.cc.
LineType ToLineType(NumberType type) {
  switch (type) {
    case NumberType::kFixedLine:
      return LineType::kLandline;
    case NumberType::kMobile:
      return LineType::kMobile;
    case NumberType::kFixedLineOrMobile:
      return LineType::kFixedOrMobile;
    case NumberType::kTollFree:
      return LineType::kTollFree;
    case NumberType::kVoip:
      return LineType::kFixedVoip;
    case NumberType::kPremiumRate:
    case NumberType::kSharedCost:
    case NumberType::kPersonalNumber:
    case NumberType::kPager:
    case NumberType::kUan:
    case NumberType::kVoicemail:
      return LineType::kOther;
    case NumberType::kUnknown:
      break;
  }
  return LineType::kUnknown;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// IsDigitsOnly reports whether a pattern is a plain digit string ("00", "011", "0"), which
// matches exactly itself.
bool IsDigitsOnly(std::string_view pattern) {
  return !pattern.empty() && std::all_of(pattern.begin(), pattern.end(), IsAsciiDigit);
}

// Compile returns the RE2 form of a metadata pattern, or null when RE2 rejects it (the
// region is then left to libphonenumber).
std::unique_ptr<RE2> Compile(const std::string& pattern, bool* ok) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok()) {
    *ok = false;
    return nullptr;
  }
  return regex;
}

// NumberDesc mirrors PhoneNumberDesc: possible lengths and the national number pattern.
struct NumberDesc {
  std::vector<int> possible_lengths;
  std::vector<int> local_only_lengths;
  std::unique_ptr<RE2> pattern;  // null when the metadata has no pattern (matches nothing)
  int set_index = -1;            // index in RegionMetadata::patterns; -1 without a pattern

  void Load(const PhoneNumberDesc& desc, RE2::Set* set, bool* ok) {
    possible_lengths.assign(desc.possible_length().begin(), desc.possible_length().end());
    local_only_lengths.assign(desc.possible_length_local_only().begin(),
                              desc.possible_length_local_only().end());
    const std::string& text = desc.national_number_pattern();
    if (text.empty()) return;
    pattern = Compile(text, ok);
    set_index = set->Add(text, nullptr);
    if (set_index < 0) *ok = false;
  }

  bool LengthFits(std::string_view number) const {
    return possible_lengths.empty() ||
           std::find(possible_lengths.begin(), possible_lengths.end(),
                     static_cast<int>(number.size())) != possible_lengths.end();
  }

  // PatternMatches is RegexBasedMatcher::MatchNationalNumber without prefix matching: a full
  // match, and never a match for an empty pattern.
  bool PatternMatches(std::string_view number) const {
    return pattern != nullptr && RE2::FullMatch(number, *pattern);
  }

  // Matches is PhoneNumberUtil::IsNumberMatchingDesc (possible lengths, when listed, then
  // the pattern), with the pattern's result taken from a RegionMetadata::MatchAll mask.
  bool Matches(std::string_view number, std::uint32_t pattern_mask) const {
    return set_index >= 0 && (pattern_mask >> set_index & 1U) != 0 && LengthFits(number);
  }
};

// RegionMetadata mirrors the PhoneMetadata fields that parsing and validation read.
struct RegionMetadata {
  std::string id;
  int country_code = 0;
  std::string country_code_text;
  std::unique_ptr<RE2> international_prefix;
  std::optional<std::string> international_prefix_digits;  // when the pattern is digits only
  std::unique_ptr<RE2> national_prefix_for_parsing;        // null when empty
  std::optional<std::string> national_prefix_digits;       // when the pattern is digits only
  std::string national_prefix_transform_rule;
  std::unique_ptr<RE2> leading_digits;  // null unless has_leading_digits
  bool same_mobile_and_fixed_line_pattern = false;
  bool supported = true;  // every pattern compiled with RE2
  NumberDesc general_desc;
  NumberDesc fixed_line;
  NumberDesc mobile;
  NumberDesc toll_free;
  NumberDesc premium_rate;
  NumberDesc shared_cost;
  NumberDesc personal_number;
  NumberDesc voip;
  NumberDesc pager;
  NumberDesc uan;
  NumberDesc voicemail;
  // All national number patterns above in one RE2::Set, so that one DFA pass tells which
  // of them fully match a number (GetNumberTypeHelper tries up to eleven in turn).
  std::unique_ptr<RE2::Set> patterns;

  // MatchAll returns bit i set when pattern i of `patterns` fully matches `number`.
  std::uint32_t MatchAll(std::string_view number) const {
    thread_local std::vector<int> matched;
    matched.clear();
    RE2::Set::ErrorInfo error{};
    if (!patterns->Match(number, &matched, &error) && error.kind != RE2::Set::kNoError) {
      // The set's DFA ran out of memory: test the patterns one by one.
      std::uint32_t mask = 0;
      for (const NumberDesc* desc :
           {&general_desc, &fixed_line, &mobile, &toll_free, &premium_rate, &shared_cost,
            &personal_number, &voip, &pager, &uan, &voicemail}) {
        if (desc->set_index >= 0 && desc->PatternMatches(number)) mask |= 1U << desc->set_index;
      }
      return mask;
    }
    std::uint32_t mask = 0;
    for (const int index : matched) mask |= 1U << index;
    return mask;
  }
};

// ValidationResult mirrors PhoneNumberUtil::ValidationResult (minus INVALID_COUNTRY_CODE).
enum class LengthResult : std::uint8_t {
  kPossible,
  kPossibleLocalOnly,
  kTooShort,
  kTooLong,
  kInvalidLength,
};

// PhoneMetadataIndex holds all regions, indexed as PhoneNumberUtil's constructor indexes
// them. Immutable after construction, so concurrent readers need no lock.
class PhoneMetadataIndex {
 public:
  PhoneMetadataIndex() {
    PhoneMetadataCollection collection;
    if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(),
                                   i18n::phonenumbers::metadata_size())) {
      return;  // every lookup misses; callers fall back to libphonenumber
    }
    for (const PhoneMetadata& metadata : collection.metadata()) {
      if (metadata.id() == "ZZ") continue;
      const int code = metadata.country_code();
      if (code <= 0 || code >= static_cast<int>(by_code_.size())) continue;
      auto region = std::make_unique<RegionMetadata>();
      Load(metadata, region.get());
      const RegionMetadata* loaded = region.get();
      regions_.push_back(std::move(region));
      if (loaded->id == "001") {
        non_geographic_.emplace(code, loaded);
      } else {
        by_id_.emplace(loaded->id, loaded);
      }
      // The region list of a calling code puts the main country first, then the others in
      // metadata order (PhoneNumberUtil::PhoneNumberUtil).
      std::vector<const RegionMetadata*>& list = by_code_[code];
      if (!list.empty() && metadata.main_country_for_code()) {
        list.insert(list.begin(), loaded);
      } else {
        list.push_back(loaded);
      }
    }
  }

  PhoneMetadataIndex(const PhoneMetadataIndex&) = delete;
  PhoneMetadataIndex& operator=(const PhoneMetadataIndex&) = delete;

  // GetMetadataForRegion; null for unknown regions and for "001".
  const RegionMetadata* ForRegion(std::string_view id) const {
    const auto found = by_id_.find(std::string(id));
    return found == by_id_.end() ? nullptr : found->second;
  }

  // GetRegionCodesForCountryCallingCode; empty for unknown codes.
  const std::vector<const RegionMetadata*>& RegionsForCode(int code) const {
    static const std::vector<const RegionMetadata*> kNone;
    return code > 0 && code < static_cast<int>(by_code_.size()) ? by_code_[code] : kNone;
  }

  // GetMetadataForRegionOrCallingCode.
  const RegionMetadata* ForRegionOrCode(int code, std::string_view id) const {
    if (id == "001") {
      const auto found = non_geographic_.find(code);
      return found == non_geographic_.end() ? nullptr : found->second;
    }
    return ForRegion(id);
  }

 private:
  static void Load(const PhoneMetadata& metadata, RegionMetadata* region) {
    bool ok = true;
    region->id = metadata.id();
    region->country_code = metadata.country_code();
    region->country_code_text = std::to_string(metadata.country_code());
    region->international_prefix = Compile(metadata.international_prefix(), &ok);
    if (IsDigitsOnly(metadata.international_prefix())) {
      region->international_prefix_digits = metadata.international_prefix();
    }
    if (!metadata.national_prefix_for_parsing().empty()) {
      region->national_prefix_for_parsing = Compile(metadata.national_prefix_for_parsing(), &ok);
      if (IsDigitsOnly(metadata.national_prefix_for_parsing())) {
        region->national_prefix_digits = metadata.national_prefix_for_parsing();
      }
    }
    region->national_prefix_transform_rule = metadata.national_prefix_transform_rule();
    // ExpandTransformRule understands only "$n" references.
    if (region->national_prefix_transform_rule.find('\\') != std::string::npos) ok = false;
    if (metadata.has_leading_digits()) {
      region->leading_digits = Compile(metadata.leading_digits(), &ok);
    }
    region->same_mobile_and_fixed_line_pattern = metadata.same_mobile_and_fixed_line_pattern();
    RE2::Options options;
    options.set_log_errors(false);
    region->patterns = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
    RE2::Set* set = region->patterns.get();
    region->general_desc.Load(metadata.general_desc(), set, &ok);
    region->fixed_line.Load(metadata.fixed_line(), set, &ok);
    region->mobile.Load(metadata.mobile(), set, &ok);
    region->toll_free.Load(metadata.toll_free(), set, &ok);
    region->premium_rate.Load(metadata.premium_rate(), set, &ok);
    region->shared_cost.Load(metadata.shared_cost(), set, &ok);
    region->personal_number.Load(metadata.personal_number(), set, &ok);
    region->voip.Load(metadata.voip(), set, &ok);
    region->pager.Load(metadata.pager(), set, &ok);
    region->uan.Load(metadata.uan(), set, &ok);
    region->voicemail.Load(metadata.voicemail(), set, &ok);
    if (!set->Compile()) ok = false;
    // TestNumberLength reads the general description's first possible length.
    if (region->general_desc.possible_lengths.empty()) ok = false;
    region->supported = ok;
  }

  std::vector<std::unique_ptr<RegionMetadata>> regions_;
  std::unordered_map<std::string, const RegionMetadata*> by_id_;
  std::unordered_map<int, const RegionMetadata*> non_geographic_;
  std::array<std::vector<const RegionMetadata*>, 1000> by_code_;  // calling codes < 1000
};

const PhoneMetadataIndex& Index() {
  static const PhoneMetadataIndex index;
  return index;
}

// TestNumberLength for the general description (type UNKNOWN).
LengthResult TestNumberLength(std::string_view number, const RegionMetadata& region) {
  const std::vector<int>& lengths = region.general_desc.possible_lengths;
  const std::vector<int>& local = region.general_desc.local_only_lengths;
  if (lengths.front() == -1) return LengthResult::kInvalidLength;
  const int length = static_cast<int>(number.size());
  if (std::find(local.begin(), local.end(), length) != local.end()) {
    return LengthResult::kPossibleLocalOnly;
  }
  if (lengths.front() == length) return LengthResult::kPossible;
  if (lengths.front() > length) return LengthResult::kTooShort;
  if (lengths.back() < length) return LengthResult::kTooLong;
  return std::find(lengths.begin() + 1, lengths.end(), length) != lengths.end()
             ? LengthResult::kPossible
             : LengthResult::kInvalidLength;
}

// ExpandTransformRule applies a national_prefix_transform_rule ("9$1", "$2") the way ICU's
// appendReplacement does for "$n" references.
std::string ExpandTransformRule(std::string_view rule, const re2::StringPiece* groups,
                                int group_count) {
  std::string out;
  for (std::size_t pos = 0; pos < rule.size(); ++pos) {
    if (rule[pos] == '$' && pos + 1 < rule.size() && IsAsciiDigit(rule[pos + 1])) {
      const int group = rule[pos + 1] - '0';
      if (group <= group_count) out.append(groups[group].data(), groups[group].size());
      ++pos;
    } else {
      out.push_back(rule[pos]);
    }
  }
  return out;
}

// MaybeStripNationalPrefixAndCarrierCode: strips a national prefix (and carrier code) the
// region's national_prefix_for_parsing matches at the start, applying the transform rule
// when the pattern captured part of the prefix, unless that turns a number matching the
// general pattern into one that does not.
void MaybeStripNationalPrefix(const RegionMetadata& region, std::string* number) {
  if (number->empty() || region.national_prefix_for_parsing == nullptr) return;
  if (region.national_prefix_digits) {
    // A digit-only pattern has no groups, so no transform applies: strip it when present.
    const std::string& prefix = *region.national_prefix_digits;
    if (!number->starts_with(prefix)) return;
    const bool viable_before = region.general_desc.PatternMatches(*number);
    std::string_view stripped = std::string_view(*number).substr(prefix.size());
    if (viable_before && !region.general_desc.PatternMatches(stripped)) return;
    number->erase(0, prefix.size());
    return;
  }
  const RE2& prefix = *region.national_prefix_for_parsing;
  std::array<re2::StringPiece, 10> groups;
  const int group_count =
      std::min(prefix.NumberOfCapturingGroups(), static_cast<int>(groups.size()) - 1);
  if (!prefix.Match(*number, 0, number->size(), RE2::ANCHOR_START, groups.data(),
                    group_count + 1)) {
    return;
  }
  const bool viable_before = region.general_desc.PatternMatches(*number);
  // libphonenumber first Consumes with two capture arguments (carrier code, captured part),
  // then with one (captured part); ICU fails a Consume that asks for more groups than the
  // pattern has. So the captured part is group 2 when there are two groups, else group 1.
  const std::string& rule = region.national_prefix_transform_rule;
  const int captured_group = std::min(group_count, 2);
  if (!rule.empty() && captured_group >= 1 && !groups[captured_group].empty()) {
    std::string transformed = ExpandTransformRule(rule, groups.data(), group_count);
    transformed.append(*number, groups[0].size());
    if (viable_before && !region.general_desc.PatternMatches(transformed)) return;
    *number = std::move(transformed);
    return;
  }
  std::string stripped = number->substr(groups[0].size());
  if (viable_before && !region.general_desc.PatternMatches(stripped)) return;
  *number = std::move(stripped);
}

// GetNumberTypeHelper, in its order of precedence.
NumberType NumberTypeFor(std::string_view number, const RegionMetadata& region) {
  if (!region.general_desc.LengthFits(number)) return NumberType::kUnknown;
  const std::uint32_t mask = region.MatchAll(number);
  if (!region.general_desc.Matches(number, mask)) return NumberType::kUnknown;
  if (region.premium_rate.Matches(number, mask)) return NumberType::kPremiumRate;
  if (region.toll_free.Matches(number, mask)) return NumberType::kTollFree;
  if (region.shared_cost.Matches(number, mask)) return NumberType::kSharedCost;
  if (region.voip.Matches(number, mask)) return NumberType::kVoip;
  if (region.personal_number.Matches(number, mask)) return NumberType::kPersonalNumber;
  if (region.pager.Matches(number, mask)) return NumberType::kPager;
  if (region.uan.Matches(number, mask)) return NumberType::kUan;
  if (region.voicemail.Matches(number, mask)) return NumberType::kVoicemail;
  if (region.fixed_line.Matches(number, mask)) {
    if (region.same_mobile_and_fixed_line_pattern || region.mobile.Matches(number, mask)) {
      return NumberType::kFixedLineOrMobile;
    }
    return NumberType::kFixedLine;
  }
  if (!region.same_mobile_and_fixed_line_pattern && region.mobile.Matches(number, mask)) {
    return NumberType::kMobile;
  }
  return NumberType::kUnknown;
}

// ScannedNumber is the input reduced to what parsing reads: whether it started with '+' and
// its digits, extension removed.
struct ScannedNumber {
  bool plus = false;
  std::string digits;
};

// StartsWithIgnoringCase reports whether ASCII `text` starts with the lower-case `lower`.
bool StartsWithIgnoringCase(std::string_view text, std::string_view lower) {
  if (text.size() < lower.size()) return false;
  for (std::size_t pos = 0; pos < lower.size(); ++pos) {
    char c = text[pos];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[pos]) return false;
  }
  return true;
}

// IsExtension reports whether `suffix` (what follows the number's last digit) is an
// extension MaybeStripExtension removes: spaces, a label ("ext", "extn", "extension" or
// "x", any case), an optional ':' or '.', spaces or dashes, then 1 to 20 digits (9 after
// "x") ending the text. Stricter than libphonenumber's pattern; other forms fall back.
bool IsExtension(std::string_view suffix) {
  std::size_t pos = 0;
  while (pos < suffix.size() && suffix[pos] == ' ') ++pos;
  const std::string_view rest = suffix.substr(pos);
  std::size_t max_digits = kMaxDigitsAfterExplicitLabel;
  if (StartsWithIgnoringCase(rest, "extension")) {
    pos += 9;
  } else if (StartsWithIgnoringCase(rest, "extn")) {
    pos += 4;
  } else if (StartsWithIgnoringCase(rest, "ext")) {
    pos += 3;
  } else if (StartsWithIgnoringCase(rest, "x")) {
    pos += 1;
    max_digits = kMaxDigitsAfterAmbiguousLabel;
  } else {
    return false;
  }
  if (pos < suffix.size() && (suffix[pos] == ':' || suffix[pos] == '.')) ++pos;
  while (pos < suffix.size() && (suffix[pos] == ' ' || suffix[pos] == '-')) ++pos;
  const std::size_t digits_start = pos;
  while (pos < suffix.size() && IsAsciiDigit(suffix[pos])) ++pos;
  const std::size_t digit_count = pos - digits_start;
  return pos == suffix.size() && digit_count >= 1 && digit_count <= max_digits;
}

// Scan mirrors ExtractPossibleNumber, IsViablePhoneNumber, MaybeStripExtension and Normalize
// for plain ASCII input; nullopt for anything else.
std::optional<ScannedNumber> Scan(std::string_view text) {
  ScannedNumber out;
  std::size_t pos = 0;
  // ExtractPossibleNumber starts at the first '+' or digit.
  while (pos < text.size() && (text[pos] == '(' || text[pos] == ' ')) ++pos;
  if (pos < text.size() && text[pos] == '+') {
    out.plus = true;
    ++pos;
  }
  std::size_t after_last_digit = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (IsAsciiDigit(c)) {
      out.digits.push_back(c);
      after_last_digit = pos + 1;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      break;
    }
  }
  if (pos < text.size()) {
    // Only an extension may follow, separated from the last digit by spaces alone, so that
    // neither a second number ("/ x") nor alpha characters come into play.
    for (std::size_t space = after_last_digit; space < pos; ++space) {
      if (text[space] != ' ') return std::nullopt;
    }
    if (after_last_digit == 0 || !IsExtension(text.substr(after_last_digit))) {
      return std::nullopt;
    }
  }
  // Fewer than three digits is IsViablePhoneNumber's territory ("12" is viable, "1 2" not).
  if (out.digits.size() < 3) return std::nullopt;
  return out;
}

// ExtractCountryCode: the shortest prefix (1 to 3 digits, no leading 0) that is a known
// calling code, removed from `number`; 0 when there is none.
int ExtractCountryCode(const PhoneMetadataIndex& index, std::string* number) {
  if (number->empty() || (*number)[0] == '0') return 0;
  int code = 0;
  for (std::size_t length = 1; length <= kMaxLengthCountryCode && length <= number->size();
       ++length) {
    code = code * 10 + ((*number)[length - 1] - '0');
    if (!index.RegionsForCode(code).empty()) {
      number->erase(0, length);
      return code;
    }
  }
  return 0;
}

// RegionAndType is a number's region (null for "ZZ") and its type in that region.
struct RegionAndType {
  const RegionMetadata* region = nullptr;
  NumberType type = NumberType::kUnknown;
};

// RegionAndTypeFor is GetRegionCodeForNumber (GetRegionCodeForNumberFromRegionList when a
// calling code has several regions) followed by GetNumberType. GetNumberType looks up
// GetMetadataForRegionOrCallingCode(code, region), which is the same metadata as the list
// entry, so a type computed while choosing the region is reused.
RegionAndType RegionAndTypeFor(const std::vector<const RegionMetadata*>& regions,
                               std::string_view national_number) {
  RegionAndType out;
  if (regions.size() == 1) {
    out.region = regions.front();
  } else {
    for (const RegionMetadata* region : regions) {
      if (region->leading_digits != nullptr) {
        if (region->leading_digits->Match(national_number, 0, national_number.size(),
                                          RE2::ANCHOR_START, nullptr, 0)) {
          out.region = region;
          break;
        }
      } else if (const NumberType type = NumberTypeFor(national_number, *region);
                 type != NumberType::kUnknown) {
        out.region = region;
        out.type = type;
        return out;
      }
    }
    if (out.region == nullptr) return out;
  }
  out.type = NumberTypeFor(national_number, *out.region);
  return out;
}

}  // namespace

std::optional<ParsedPhone> ParsePhoneFast(std::string_view text, std::string_view region_id) {
  const PhoneMetadataIndex& index = Index();
  const RegionMetadata* default_region = index.ForRegion(region_id);
  if (default_region == nullptr || !default_region->supported) return std::nullopt;
  std::optional<ScannedNumber> scanned = Scan(text);
  if (!scanned) return std::nullopt;
  std::string number = std::move(scanned->digits);
  const ParsedPhone invalid;

  // MaybeExtractCountryCode: '+', then the default region's international prefix (not when
  // a 0 follows it: calling codes never start with 0), then the default region's own code.
  bool international = scanned->plus;
  if (!international) {
    std::size_t idd_length = std::string::npos;
    if (default_region->international_prefix_digits) {
      if (number.starts_with(*default_region->international_prefix_digits)) {
        idd_length = default_region->international_prefix_digits->size();
      }
    } else {
      re2::StringPiece idd;
      if (default_region->international_prefix->Match(number, 0, number.size(), RE2::ANCHOR_START,
                                                      &idd, 1)) {
        idd_length = idd.size();
      }
    }
    if (idd_length != std::string::npos &&
        (idd_length == number.size() || number[idd_length] != '0')) {
      number.erase(0, idd_length);
      international = true;
    }
  }
  int country_code = 0;
  if (international) {
    if (number.size() <= kMinLengthForNsn) return invalid;  // TOO_SHORT_AFTER_IDD
    country_code = ExtractCountryCode(index, &number);
    if (country_code == 0) {
      // After '+', Parse retries without it (INVALID_COUNTRY_CODE_ERROR handling); after an
      // international prefix the number is simply rejected.
      if (scanned->plus) return std::nullopt;
      return invalid;
    }
  } else if (number.starts_with(default_region->country_code_text)) {
    std::string without_code = number.substr(default_region->country_code_text.size());
    MaybeStripNationalPrefix(*default_region, &without_code);
    const NumberDesc& general = default_region->general_desc;
    if ((!general.PatternMatches(number) && general.PatternMatches(without_code)) ||
        TestNumberLength(number, *default_region) == LengthResult::kTooLong) {
      number = std::move(without_code);
      country_code = default_region->country_code;
    }
  }

  // ParseHelper: the metadata of the number's own calling code, unless that is the default
  // region's.
  const RegionMetadata* country_region = default_region;
  if (country_code != 0) {
    const std::vector<const RegionMetadata*>& regions = index.RegionsForCode(country_code);
    if (regions.front()->id != region_id) {
      country_region = index.ForRegionOrCode(country_code, regions.front()->id);
    }
  } else {
    country_code = default_region->country_code;
  }
  if (country_region == nullptr) return std::nullopt;
  for (const RegionMetadata* region : index.RegionsForCode(country_code)) {
    if (!region->supported) return std::nullopt;
  }
  if (number.size() < kMinLengthForNsn) return invalid;  // TOO_SHORT_NSN
  {
    std::string stripped = number;
    MaybeStripNationalPrefix(*country_region, &stripped);
    const LengthResult length = TestNumberLength(stripped, *country_region);
    if (length != LengthResult::kTooShort && length != LengthResult::kPossibleLocalOnly &&
        length != LengthResult::kInvalidLength) {
      number = std::move(stripped);
    }
  }
  if (number.size() < kMinLengthForNsn || number.size() > kMaxLengthForNsn) return invalid;
  // The national significant number keeps its leading zeros (italian_leading_zero and
  // number_of_leading_zeros reproduce them exactly), so `number` is it.

  // IsValidNumber / GetNumberType.
  const RegionAndType found = RegionAndTypeFor(index.RegionsForCode(country_code), number);
  if (found.region == nullptr || found.type == NumberType::kUnknown) return invalid;
  ParsedPhone out;
  out.e164.reserve(1 + found.region->country_code_text.size() + number.size());
  out.e164.push_back('+');
  out.e164.append(found.region->country_code_text);
  out.e164.append(number);
  out.region = found.region->id;
  out.line_type = ToLineType(found.type);
  out.valid = true;
  return out;
}

}  // namespace crosscheck::normalize::internal
