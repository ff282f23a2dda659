#include "crosscheck/normalize/phone.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace crosscheck::normalize {
namespace {

TEST(PhoneNormalizer, ParsesInternationalFormats) {
  struct Case {
    const char* raw;
    const char* region;
    const char* e164;
    const char* number_region;
    LineType line_type;
  } cases[] = {
      // United States: NANP numbers cannot be told apart (mobile / landline / VoIP).
      {"(650) 253-0000", "US", "+16502530000", "US", LineType::kFixedOrMobile},
      {"+1 650-253-0000", "", "+16502530000", "US", LineType::kFixedOrMobile},
      {"650.253.0000 ext. 1234", "US", "+16502530000", "US", LineType::kFixedOrMobile},
      {"1-800-275-2273", "US", "+18002752273", "US", LineType::kTollFree},
      {"+1 650 253 0000 x99", "DE", "+16502530000", "US", LineType::kFixedOrMobile},
      // United Kingdom, national and international forms.
      {"020 7946 0958", "GB", "+442079460958", "GB", LineType::kLandline},
      {"07400 123456", "GB", "+447400123456", "GB", LineType::kMobile},
      {"+44 (0)20 7946 0958", "US", "+442079460958", "GB", LineType::kLandline},
      {"020 7946 0958", "United Kingdom", "+442079460958", "GB", LineType::kLandline},
      {"020 7946 0958", "UK", "+442079460958", "GB", LineType::kLandline},
      // South Korea.
      {"010-1234-5678", "KR", "+821012345678", "KR", LineType::kMobile},
      {"02-312-3456", "KR", "+8223123456", "KR", LineType::kLandline},
      {"+82 10 1234 5678", "", "+821012345678", "KR", LineType::kMobile},
      // China.
      {"138 0013 8000", "CN", "+8613800138000", "CN", LineType::kMobile},
      {"010-6552-9988", "CN", "+861065529988", "CN", LineType::kLandline},
      // India.
      {"098765 43210", "IN", "+919876543210", "IN", LineType::kMobile},
      {"+91 98765 43210", "US", "+919876543210", "IN", LineType::kMobile},
      // Germany.
      {"030 123456", "DE", "+4930123456", "DE", LineType::kLandline},
      {"0151 23456789", "DE", "+4915123456789", "DE", LineType::kMobile},
      {"0049 30 123456", "DE", "+4930123456", "DE", LineType::kLandline},
      // "00" + country code, as most of the world dials abroad (ITU-T E.164's usual
      // international prefix), written where it is not the local one: Korea dials 001/002/00700,
      // Australia 0011, Russia 8~10, the US 011.
      {"0082 10 7789 7939", "KR", "+821077897939", "KR", LineType::kMobile},
      {"0061 473 239 594", "AU", "+61473239594", "AU", LineType::kMobile},
      {"007 909 100 04 80", "RU", "+79091000480", "RU", LineType::kMobile},
      {"0091 98207 55938", "", "+919820755938", "IN", LineType::kMobile},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + c.region);
    const NormalizedPhone phone = NormalizePhone(c.raw, c.region, "");
    EXPECT_TRUE(phone.valid);
    EXPECT_EQ(phone.e164, c.e164);
    EXPECT_EQ(phone.region, c.number_region);
    EXPECT_EQ(phone.line_type, c.line_type);
    EXPECT_FALSE(phone.line_type_from_input);
  }
}

TEST(PhoneNormalizer, RejectsGarbage) {
  const std::string very_long(5000, '9');
  const char* cases[] = {
      "",
      "   ",
      "n/a",
      "call me",
      "12",
      "+1 000 000 0000",
      "555-0100",
      "📞📞📞",
      "+999 123 456 789",
      "\xff\xfe",
      very_long.c_str(),
  };
  for (const char* raw : cases) {
    SCOPED_TRACE(raw);
    const NormalizedPhone phone = NormalizePhone(raw, "US", "");
    EXPECT_FALSE(phone.valid);
    EXPECT_TRUE(phone.e164.empty());
    EXPECT_EQ(phone.line_type, LineType::kUnknown);
  }
}

TEST(PhoneNormalizer, KeepsTheDigitsOfANumberItCannotRead) {
  EXPECT_FALSE(NormalizePhone("187 4195 3998", "US").valid);
  EXPECT_EQ(UnparsedPhoneDigits("187 4195 3998"), "18741953998");
  EXPECT_EQ(UnparsedPhoneDigits("(0)20-7946-0958"), "02079460958");
  EXPECT_EQ(UnparsedPhoneDigits("555-0123"), "");              // too short to be a whole number
  EXPECT_EQ(UnparsedPhoneDigits("000-000-0000"), "");          // a placeholder
  EXPECT_EQ(UnparsedPhoneDigits("1111 2222 1111"), "");        // two digit values
  EXPECT_EQ(UnparsedPhoneDigits("1234567890123456"), "");      // longer than E.164 allows
}

TEST(PhoneNormalizer, GivenLineTypeWins) {
  struct Case {
    const char* raw;
    const char* given;
    LineType expected;
    bool from_input;
  } cases[] = {
      // The lookup service knows a US number is VoIP; libphonenumber cannot.
      {"+1 650-253-0000", "nonFixedVoip", LineType::kNonFixedVoip, true},
      {"+1 650-253-0000", "fixedVoip", LineType::kFixedVoip, true},
      {"+44 7400 123456", "landline", LineType::kLandline, true},
      {"+44 7400 123456", "unknown", LineType::kMobile, false},
      {"+44 7400 123456", "", LineType::kMobile, false},
      {"+44 7400 123456", "satellite", LineType::kMobile, false},
      {"garbage", "mobile", LineType::kMobile, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + c.given);
    const NormalizedPhone phone = NormalizePhone(c.raw, "US", c.given);
    EXPECT_EQ(phone.line_type, c.expected);
    EXPECT_EQ(phone.line_type_from_input, c.from_input);
  }
}

TEST(PhoneNormalizer, LineTypeNamesRoundTrip) {
  for (const LineType type :
       {LineType::kUnknown, LineType::kMobile, LineType::kLandline, LineType::kFixedVoip,
        LineType::kNonFixedVoip, LineType::kTollFree, LineType::kFixedOrMobile, LineType::kOther}) {
    SCOPED_TRACE(LineTypeName(type));
    EXPECT_EQ(ParseLineType(LineTypeName(type)), type);
  }
  EXPECT_EQ(ParseLineType("NON_FIXED_VOIP"), LineType::kNonFixedVoip);
  EXPECT_EQ(ParseLineType("toll-free"), LineType::kTollFree);
  EXPECT_EQ(ParseLineType(""), std::nullopt);
  EXPECT_EQ(ParseLineType("pager?"), std::nullopt);
}

TEST(PhoneNormalizer, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (std::size_t thread_idx = 0; thread_idx < results.size(); ++thread_idx) {
    threads.emplace_back([&results, thread_idx] {
      for (int repeat = 0; repeat < 50; ++repeat) {
        results[thread_idx] = NormalizePhone("010-1234-5678", "KR", "").e164;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, "+821012345678");
}

}  // namespace
}  // namespace crosscheck::normalize
