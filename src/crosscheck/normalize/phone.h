// Phone numbers in comparable form: E.164 ("+14155550123") via libphonenumber, the region the
// number belongs to, and its line type. The line type from a phone-lookup service (the
// `phone_line_type` column) wins over libphonenumber's guess.
//
//   NormalizedPhone phone = NormalizePhone("020 7946 0958", "GB", "");
//   phone.e164;  // "+442079460958", phone.line_type == LineType::kLandline
//
// LIMITATION: libphonenumber cannot tell VoIP numbers in the North American Numbering Plan
// (US, CA and the Caribbean): carriers port numbers freely between mobile, landline and VoIP,
// so NANP numbers come out as LineType::kFixedOrMobile. Detecting US VoIP numbers (a strong
// signal for fake remote hires) therefore depends on `phone_line_type` from a lookup service
// (carrier lookup APIs); without it, a US VoIP number looks like any other US number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/common/model.h"

namespace crosscheck::normalize {

// NormalizedPhone is one number after NormalizePhone. e164 and region are empty when the
// number could not be parsed into a valid number.
struct NormalizedPhone {
  std::string e164;    // "+<country code><national number>"; extensions dropped
  std::string region;  // ISO 3166-1 alpha-2 of the number ("001" for non-geographic)
  bool valid = false;  // libphonenumber IsValidNumber
  LineType line_type = LineType::kUnknown;
  bool line_type_from_input = false;  // line_type came from given_line_type
};

// NormalizePhone parses `raw` (any national or international format, with or without an
// extension) with `default_region` used for numbers written without a country code.
// default_region is an ISO alpha-2 code; a country name or alpha-3 code is accepted too
// (NormalizeCountry), and empty or unrecognised means "US". `given_line_type` is the
// `phone_line_type` column (see ParseLineType); when it names a type other than unknown it
// is used instead of libphonenumber's (line_type_from_input = true), even for an invalid
// number. Never throws; garbage gives valid == false. Thread-safe. Cost: about half a
// microsecond per number written with digits and common punctuation (a lock-free fast path
// over libphonenumber's own metadata that gives libphonenumber's exact answer); unusual
// input (letters, "tel:" URIs, "#", unknown codes after '+') goes to libphonenumber itself,
// tens of microseconds behind its global lock, and each thread remembers up to 65536 such
// recent inputs.
NormalizedPhone NormalizePhone(std::string_view raw, std::string_view default_region = "US",
                               std::string_view given_line_type = {});

// UnparsedPhoneDigits returns the digits of a number NormalizePhone could not read, for
// comparison by their last nine (a Chinese mobile "187 4195 3998" in a row that names no
// country fails as a US number but is the same line as "+86 187 4195 3998"): 9 to 15 digits
// (E.164's longest) of at least four different values, else empty (a short code, a
// placeholder such as "000 000 0000").
std::string UnparsedPhoneDigits(std::string_view raw);

// ParseLineType reads a `phone_line_type` value: mobile, landline, fixedVoip, nonFixedVoip,
// tollFree, unknown (case, '_', '-' and spaces ignored; also fixedLine, fixedOrMobile,
// other). nullopt for anything else, including empty.
std::optional<LineType> ParseLineType(std::string_view text);

// LineTypeName returns the contract's spelling ("mobile", "landline", "fixedVoip",
// "nonFixedVoip", "tollFree", "unknown") or "fixedOrMobile" / "other".
const char* LineTypeName(LineType type);

}  // namespace crosscheck::normalize
