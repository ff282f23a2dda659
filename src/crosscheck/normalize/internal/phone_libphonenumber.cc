// ParsePhoneWithLibphonenumber: the reference path, libphonenumber's own Parse and type check.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>
#include <utility>

#include "crosscheck/normalize/internal/phone_parse.h"

namespace crosscheck::normalize::internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

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

}  // namespace

ParsedPhone ParsePhoneWithLibphonenumber(std::string_view text, const std::string& region) {
  ParsedPhone out;
  const PhoneNumberUtil& util = PhoneUtil();
  PhoneNumber number;
  if (util.Parse(std::string(text), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return out;
  }
  // IsValidNumber is GetRegionCodeForNumber followed by the type check GetNumberType also
  // makes (phonenumberutil.cc, IsValidNumberForRegion): a number is valid exactly when it
  // has a region and a known type, so the two calls below answer both.
  std::string number_region;
  util.GetRegionCodeForNumber(number, &number_region);
  if (number_region.empty() || number_region == "ZZ") return out;
  const PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
  if (type == PhoneNumberUtil::UNKNOWN) return out;
  util.Format(number, PhoneNumberUtil::E164, &out.e164);
  out.region = std::move(number_region);
  out.line_type = FromLibType(type);
  out.valid = true;
  return out;
}

}  // namespace crosscheck::normalize::internal
