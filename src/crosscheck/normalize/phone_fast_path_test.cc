// Differential test: the phone fast path must give libphonenumber's exact answer (validity,
// E.164, region, line type) for every input it accepts, and must accept most ordinary input.
#include <gtest/gtest.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/internal/phone_parse.h"

namespace crosscheck::normalize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using internal::ParsedPhone;

// Regions most applications come from, plus the shared calling codes (+1 NANP, +7 RU/KZ,
// +44 GB/GG/JE/IM, +61 AU/CC/CX, +590) and regions with national-prefix transform rules
// (AR, BR, SM, GA).
const char* const kFocusRegions[] = {
    "US", "CA", "GB", "KR", "CN", "IN", "DE", "FR", "BR", "PH", "RU", "JP", "AU", "MX",
    "NG", "UA", "KZ", "AR", "IT", "PR", "JM", "GG", "JE", "CC", "SM", "GA", "KP", "VN",
    "PK", "ES", "NL", "PL", "TR", "ID", "SG", "HK", "AE", "ZA", "BY", "AG", "GP", "BL"};

const PhoneNumberUtil::PhoneNumberType kTypes[] = {
    PhoneNumberUtil::FIXED_LINE,      PhoneNumberUtil::MOBILE,      PhoneNumberUtil::TOLL_FREE,
    PhoneNumberUtil::PREMIUM_RATE,    PhoneNumberUtil::SHARED_COST, PhoneNumberUtil::VOIP,
    PhoneNumberUtil::PERSONAL_NUMBER, PhoneNumberUtil::PAGER,       PhoneNumberUtil::UAN,
    PhoneNumberUtil::VOICEMAIL};

std::string Describe(const ParsedPhone& phone) {
  if (!phone.valid) return "invalid";
  return phone.e164 + " " + phone.region + " type " +
         std::to_string(static_cast<int>(phone.line_type));
}

// InputGenerator writes numbers the way applicants and form tools do: national and
// international forms, random separators, extensions, near-valid and random digits, and
// some garbage. Seeded, so every run checks the same inputs.
class InputGenerator {
 public:
  InputGenerator() : util_(*PhoneNumberUtil::GetInstance()), rng_(20240611) {
    util_.GetSupportedRegions(&all_regions_);
  }

  struct Input {
    std::string text;
    std::string region;
  };

  // AddVariantsOfExamples adds `per_type` variants of each type's example number of region.
  void AddVariantsOfExamples(const std::string& region, int per_type, std::vector<Input>* out) {
    for (const PhoneNumberUtil::PhoneNumberType type : kTypes) {
      PhoneNumber example;
      if (!util_.GetExampleNumberForType(region, type, &example)) continue;
      std::string nsn;
      util_.GetNationalSignificantNumber(example, &nsn);
      const std::string cc = std::to_string(example.country_code());
      for (int variant = 0; variant < per_type; ++variant) {
        AddFormats(region, cc, MutateDigits(nsn), out);
      }
    }
  }

  // AddRandomDigits adds digit strings of random length with random prefixes.
  void AddRandomDigits(int count, std::vector<Input>* out) {
    static const char* const kPrefixes[] = {"", "", "", "+", "+", "00", "011", "0", "1", "8"};
    for (int index = 0; index < count; ++index) {
      std::string digits = kPrefixes[Pick(std::size(kPrefixes))];
      const std::size_t length = 3 + Pick(15);
      for (std::size_t pos = 0; pos < length; ++pos) digits.push_back(RandomDigit());
      out->push_back({Decorate(digits), RandomRegion()});
    }
  }

  // AddLocalDigits adds digit strings of 5 to 12 digits read in `region`: local numbers
  // (NANP 7-digit, GG/JE 6-digit) and national-prefix transform rules come into play.
  void AddLocalDigits(const std::string& region, int count, std::vector<Input>* out) {
    for (int index = 0; index < count; ++index) {
      std::string digits;
      const std::size_t length = 5 + Pick(8);
      for (std::size_t pos = 0; pos < length; ++pos) digits.push_back(RandomDigit());
      out->push_back({Decorate(digits), region});
    }
  }

  // AddGarbage adds strings mixing digits with letters, symbols and non-ASCII characters.
  void AddGarbage(int count, std::vector<Input>* out) {
    static const char* const kPieces[] = {"0",
                                          "1",
                                          "5",
                                          "9",
                                          "12",
                                          "+",
                                          "-",
                                          " ",
                                          "(",
                                          ")",
                                          ".",
                                          "/",
                                          "#",
                                          ",",
                                          ";",
                                          "*",
                                          "x",
                                          "ext",
                                          "tel:",
                                          "a",
                                          "Z",
                                          "+1",
                                          "00",
                                          "011",
                                          "~",
                                          "\t",
                                          "[",
                                          "]",
                                          "\xEF\xBC\x8B" /* fullwidth + */,
                                          "\xEF\xBC\x91" /* １ */,
                                          "\xD9\xA3" /* arabic-indic 3 */,
                                          "\xE2\x80\x93" /* en dash */,
                                          "\xC2\xA0" /* nbsp */,
                                          "call",
                                          "n/a",
                                          "555",
                                          "0000",
                                          "1800FLOWERS",
                                          ";ext=",
                                          "x1234",
                                          "  ext. 5"};
    for (int index = 0; index < count; ++index) {
      std::string text;
      const std::size_t pieces = 1 + Pick(8);
      for (std::size_t piece = 0; piece < pieces; ++piece)
        text += kPieces[Pick(std::size(kPieces))];
      out->push_back({std::string(TrimAscii(text)), RandomRegion()});
    }
  }

  const std::set<std::string>& all_regions() const { return all_regions_; }

 private:
  std::size_t Pick(std::size_t bound) {
    return std::uniform_int_distribution<std::size_t>(0, bound - 1)(rng_);
  }
  char RandomDigit() { return static_cast<char>('0' + Pick(10)); }

  std::string RandomRegion() {
    if (Pick(2) == 0) return kFocusRegions[Pick(std::size(kFocusRegions))];
    auto region = all_regions_.begin();
    std::advance(region, static_cast<long>(Pick(all_regions_.size())));
    return *region;
  }

  // MutateDigits changes the last few digits, and sometimes the length, of a valid number:
  // most results stay valid, some fall just outside the numbering plan.
  std::string MutateDigits(std::string nsn) {
    const std::size_t changeable = nsn.size() > 3 ? std::min<std::size_t>(nsn.size() - 2, 6) : 1;
    const std::size_t changed = Pick(changeable + 1);
    for (std::size_t pos = nsn.size() - changed; pos < nsn.size(); ++pos) nsn[pos] = RandomDigit();
    switch (Pick(12)) {
      case 0:
        nsn.push_back(RandomDigit());
        break;
      case 1:
        if (nsn.size() > 3) nsn.pop_back();
        break;
      default:
        break;
    }
    return nsn;
  }

  // Decorate inserts separators between digits, sometimes wraps the start in parentheses,
  // and sometimes appends an extension.
  std::string Decorate(const std::string& digits) {
    static const char* const kSeparators[] = {" ", "-", ".", " - ", "/", ") ", "  "};
    static const char* const kExtensions[] = {
        " x123",  " ext. 45", "x7",           " ext 1234", " Ext: 9", " extension 12",
        " EXT 3", " x 12345", " x1234567890", " #12",      ",,12",    " ext"};
    std::string out;
    const int style = static_cast<int>(Pick(4));  // 0: none, 1: groups, 2: random, 3: spaced
    std::size_t group_left = 2 + Pick(3);
    for (std::size_t pos = 0; pos < digits.size(); ++pos) {
      out.push_back(digits[pos]);
      if (pos + 1 == digits.size() || digits[pos] == '+') continue;
      if ((style == 1 && --group_left == 0) || (style == 2 && Pick(4) == 0)) {
        out += kSeparators[style == 1 ? Pick(3) : Pick(std::size(kSeparators))];
        group_left = 2 + Pick(3);
      } else if (style == 3) {
        out.push_back(' ');
      }
    }
    if (Pick(8) == 0) out = "(" + out;
    if (Pick(6) == 0) out += kExtensions[Pick(std::size(kExtensions))];
    return out;
  }

  void AddFormats(const std::string& region, const std::string& cc, const std::string& nsn,
                  std::vector<Input>* out) {
    const std::string other = RandomRegion();
    out->push_back({Decorate("+" + cc + nsn), Pick(2) == 0 ? region : other});
    out->push_back({Decorate(nsn), region});
    out->push_back({Decorate(cc + nsn), region});
    PhoneNumber number;
    if (util_.Parse("+" + cc + nsn, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return;
    std::string formatted;
    util_.Format(number, PhoneNumberUtil::NATIONAL, &formatted);
    out->push_back({formatted, region});
    util_.Format(number, PhoneNumberUtil::INTERNATIONAL, &formatted);
    out->push_back({formatted, other});
    util_.FormatOutOfCountryCallingNumber(number, other, &formatted);
    out->push_back({formatted, other});
    if (Pick(4) == 0) {
      util_.Format(number, PhoneNumberUtil::RFC3966, &formatted);
      out->push_back({formatted, region});
    }
    // National form as typed: national prefix plus digits, separators at random.
    util_.Format(number, PhoneNumberUtil::NATIONAL, &formatted);
    std::string national_digits;
    for (const char c : formatted) {
      if (c >= '0' && c <= '9') national_digits.push_back(c);
    }
    out->push_back({Decorate(national_digits), region});
  }

  const PhoneNumberUtil& util_;
  std::mt19937_64 rng_;
  std::set<std::string> all_regions_;
};

TEST(PhoneFastPath, MatchesLibphonenumberOnGeneratedNumbers) {
  InputGenerator generator;
  std::vector<InputGenerator::Input> inputs;
  for (const char* region : kFocusRegions) generator.AddVariantsOfExamples(region, 12, &inputs);
  for (const std::string& region : generator.all_regions()) {
    generator.AddVariantsOfExamples(region, 2, &inputs);
    generator.AddLocalDigits(region, 10, &inputs);
  }
  const std::size_t well_formed = inputs.size();
  generator.AddRandomDigits(6000, &inputs);
  generator.AddGarbage(3000, &inputs);

  std::size_t answered = 0;
  std::size_t answered_well_formed = 0;
  std::size_t valid = 0;
  int failures = 0;
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    const InputGenerator::Input& input = inputs[index];
    const std::optional<ParsedPhone> fast = internal::ParsePhoneFast(input.text, input.region);
    if (!fast) continue;
    ++answered;
    if (index < well_formed) ++answered_well_formed;
    const ParsedPhone reference = internal::ParsePhoneWithLibphonenumber(input.text, input.region);
    if (reference.valid) ++valid;
    if (*fast != reference && ++failures <= 40) {
      ADD_FAILURE() << "\"" << input.text << "\" in " << input.region << ": fast path "
                    << Describe(*fast) << ", libphonenumber " << Describe(reference);
    }
  }
  EXPECT_EQ(failures, 0);
  // The test is only as strong as the share of inputs the fast path answers (the rest go to
  // libphonenumber anyway): most well-formed ones (about 92%; the others carry "tel:", "#",
  // ",," or "~"), and a good number of valid ones.
  EXPECT_GE(answered_well_formed, well_formed * 85 / 100)
      << answered_well_formed << " of " << well_formed;
  EXPECT_GE(inputs.size(), 30000U);
  EXPECT_GE(valid, answered / 3) << valid << " valid of " << answered;
}

TEST(PhoneFastPath, AgreesOnHandPickedCases) {
  struct Case {
    const char* raw;
    const char* region;
    bool answered;  // whether the fast path is expected to answer itself
  } cases[] = {
      {"(650) 253-0000", "US", true},
      {"+1 650 253 0000 x99", "DE", true},
      {"650.253.0000 ext. 1234", "US", true},
      {"1-800-275-2273", "US", true},
      {"+1 416 555 0199", "US", true},      // Canada, found through the +1 region list
      {"+1 (268) 464 1234", "GB", true},    // Antigua, leading digits 268
      {"+44 (0)20 7946 0958", "US", true},  // "(0)" national prefix after the code
      {"0044 20 7946 0958", "DE", true},    // international prefix of the default region
      {"011 44 20 7946 0958", "US", true},
      {"44 20 7946 0958", "GB", true},    // calling code without '+'
      {"+7 701 234 5678", "RU", true},    // Kazakhstan mobile under +7
      {"8 (495) 123-45-67", "RU", true},  // national prefix 8
      {"0800 123 4567", "GB", true},
      {"010-1234-5678", "KR", true},
      {"011 15 2345-6789", "AR", true},    // national prefix transform rule (9 + area code)
      {"0 21 11 98765 4321", "BR", true},  // carrier code and transform rule
      {"+800 1234 5678", "US", true},      // non-geographic (001)
      {"464-1234", "AG", true},            // local number, transform rule adds 268
      {"1 268 464 1234", "AG", true},
      {"456789", "GG", true},  // local number, transform rule adds 1481
      {"0549 886377", "SM", true},
      {"886377", "SM", true},
      {"06 1234 5678", "IT", true},  // leading zero kept in the national number
      {"+39 06 1234 5678", "US", true},
      {"1-800-FLOWERS", "US", false},  // letters: libphonenumber converts them
      {"tel:+1-650-253-0000", "US", false},
      {"+0044 20 7946 0958", "DE", false},  // '+' then 0: Parse retries without '+'
      {"+999 123 456 789", "US", false},
      {"12", "US", false},
      {"555-0100", "US", true},
      {"+1 000 000 0000", "US", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + c.region);
    const std::optional<ParsedPhone> fast = internal::ParsePhoneFast(c.raw, c.region);
    EXPECT_EQ(fast.has_value(), c.answered);
    if (fast) {
      EXPECT_EQ(*fast, internal::ParsePhoneWithLibphonenumber(c.raw, c.region));
    }
  }
}

}  // namespace
}  // namespace crosscheck::normalize
