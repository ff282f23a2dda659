#include "crosscheck/normalize/address.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::normalize {
namespace {

TEST(AddressNormalizer, NormalizesStreets) {
  struct Case {
    const char* raw;
    const char* expected;
  } cases[] = {
      {"1200 Elm Street", "1200 elm st"},
      {"1200 ELM ST.", "1200 elm st"},
      {"350 Fifth Avenue, Suite 3300", "350 5th ave unit 3300"},
      {"1600 Pennsylvania Avenue NW", "1600 pennsylvania ave nw"},
      {"10 North Main Road Apt. 4B", "10 n main rd unit 4b"},
      {"221B Baker Street", "221b baker st"},
      {"77 Sunset Boulevard #12", "77 sunset blvd unit 12"},
      {"5 Oak Lane Apt #7", "5 oak ln unit 7"},
      {"9 Maple Court, Unit 2", "9 maple ct unit 2"},
      {"1 First Drive", "1 1st dr"},
      {"42 No Name Road", "42 no name rd"},
      {"Flat 3, 12 High Street", "unit 3 12 high st"},
      {"Königstraße 5", "konigstrasse 5"},
      {"St. John's Wood Road", "st johns wood rd"},
      // USPS Publication 28's common forms of one suffix meet: Way / Wy., Terrace / Terr.
      {"138 Willow Wy.", "138 willow way"},
      {"138 Willow Way", "138 willow way"},
      {"4 Hill Terr", "4 hill ter"},
      {"", ""},
      {"  ###  ", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(NormalizeStreet(c.raw), c.expected);
  }
}

TEST(AddressNormalizer, NormalizesPostalCodes) {
  struct Case {
    const char* raw;
    const char* country;
    const char* expected;
  } cases[] = {
      {"62704", "US", "62704"},
      {"62704-1234", "US", "62704"},
      {"627041234", "US", "62704"},
      {"62704-1234", "", "62704"},
      {"sw1a 1aa", "GB", "SW1A1AA"},
      {"K1A 0B1", "Canada", "K1A0B1"},
      {"100-0001", "JP", "1000001"},
      {"01310-100", "BR", "01310100"},
      {"04524", "KR", "04524"},
      {" 10115 ", "DE", "10115"},
      {"", "US", ""},
      {"--", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + c.country);
    EXPECT_EQ(NormalizePostalCode(c.raw, c.country), c.expected);
    // The variant for callers that looked the country up once gives the same code.
    const std::string iso = *c.country == '\0' ? std::string() : NormalizeCountry(c.country);
    EXPECT_EQ(NormalizePostalCodeForIso(c.raw, iso), c.expected);
  }
  // "USA" is the US for ZIP+4; an unknown country is no country, where only the written
  // "NNNNN-NNNN" form counts as ZIP+4.
  EXPECT_EQ(NormalizePostalCodeForIso("627041234", NormalizeCountry("USA")), "62704");
  EXPECT_EQ(NormalizePostalCodeForIso("62704-1234", NormalizeCountry("Atlantis")), "62704");
  EXPECT_EQ(NormalizePostalCodeForIso("627041234", NormalizeCountry("Atlantis")), "627041234");
  EXPECT_EQ(NormalizePostalCodeForIso("627041234", NormalizeCountry("DE")), "627041234");
}

TEST(AddressNormalizer, NormalizesCountries) {
  struct Case {
    const char* raw;
    const char* expected;
  } cases[] = {
      {"US", "US"},
      {"us", "US"},
      {"USA", "US"},
      {"U.S.A.", "US"},
      {"United States", "US"},
      {"United States of America", "US"},
      {"UK", "GB"},
      {"United Kingdom", "GB"},
      {"GBR", "GB"},
      {"South Korea", "KR"},
      {"Korea, Republic of", "KR"},
      {"KOR", "KR"},
      {"North Korea", "KP"},
      {"Korea, Democratic People's Republic of", "KP"},
      {"Russia", "RU"},
      {"Russian Federation", "RU"},
      {"Germany", "DE"},
      {"DEU", "DE"},
      {"China", "CN"},
      {"Côte d’Ivoire", "CI"},
      {"The Netherlands", "NL"},
      {"Bosnia & Herzegovina", "BA"},
      {"India", "IN"},
      {"Japan", "JP"},
      {"", ""},
      {"Atlantis", ""},
      {"😀", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(NormalizeCountry(c.raw), c.expected);
  }
}

TEST(AddressNormalizer, ParsesAddressLines) {
  struct Case {
    const char* line;
    ParsedAddress expected;
  } cases[] = {
      {"1200 Elm Street Apt 4B, Springfield, IL 62704, US",
       {"1200 elm st", "4b", "springfield", "IL", "62704", "US"}},
      {"1200 Elm St, Apt 4B, Springfield, Illinois 62704-1234, USA",
       {"1200 elm st", "4b", "springfield", "IL", "62704", "US"}},
      {"1200 Elm St, Springfield, IL", {"1200 elm st", "", "springfield", "IL", "", ""}},
      {"10 Downing Street, London SW1A 2AA, United Kingdom",
       {"10 downing st", "", "london", "", "SW1A2AA", "GB"}},
      {"200 Bay St Suite 1500, Toronto, ON M5J 2J2, Canada",
       {"200 bay st", "1500", "toronto", "ON", "M5J2J2", "CA"}},
      {"Unter den Linden 77, 10117 Berlin, Germany",
       {"unter den linden 77", "", "berlin", "", "10117", "DE"}},
      {"1200 ELM STREET #4B", {"1200 elm st", "4b", "", "", "", ""}},
      {"", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    const ParsedAddress parsed = ParseAddressLine(c.line);
    EXPECT_EQ(parsed.street, c.expected.street);
    EXPECT_EQ(parsed.unit, c.expected.unit);
    EXPECT_EQ(parsed.city, c.expected.city);
    EXPECT_EQ(parsed.region, c.expected.region);
    EXPECT_EQ(parsed.postal_code, c.expected.postal_code);
    EXPECT_EQ(parsed.country, c.expected.country);
  }
}

TEST(AddressNormalizer, SameAddressSameKey) {
  const char* same[][2] = {
      {"1200 Elm St., Apt 4B", "1200 ELM STREET #4B"},
      {"1200 Elm Street Apt 4B, Springfield, IL 62704, US",
       "1200 elm st. unit 4b, Springfield, Illinois 62704-0001, United States of America"},
      {"10 Downing Street, London SW1A 2AA, UK", "10 DOWNING ST, LONDON, SW1A 2AA, GB"},
  };
  for (const auto& pair : same) {
    SCOPED_TRACE(std::string(pair[0]) + " vs " + pair[1]);
    const std::string left = AddressKey(ParseAddressLine(pair[0]));
    EXPECT_FALSE(left.empty());
    EXPECT_EQ(left, AddressKey(ParseAddressLine(pair[1])));
  }
  EXPECT_NE(AddressKey(ParseAddressLine("1200 Elm St Apt 4B, 62704")),
            AddressKey(ParseAddressLine("1200 Elm St Apt 4C, 62704")));
  EXPECT_EQ(AddressKey(ParseAddressLine("1200 Elm Street Apt 4B, Springfield, IL 62704, US")),
            "1200 elm st unit 4b|62704|US");
  EXPECT_EQ(AddressKey(ParsedAddress{}), "");
}

TEST(AddressNormalizer, SplitsStreetAndUnit) {
  std::string street;
  std::string unit;
  ParseStreetAndUnit("1200 Elm St Apt 4B", &street, &unit);
  EXPECT_EQ(street, "1200 elm st");
  EXPECT_EQ(unit, "4b");
  ParseStreetAndUnit("742 Evergreen Terrace", &street, &unit);
  EXPECT_EQ(street, "742 evergreen ter");
  EXPECT_EQ(unit, "");
}

// FEBRL 4a (5,000 synthetic Australian records, see shared/data/README.md): every street
// normalizes to lower-case ASCII words, and every postcode to its 4 digits.
TEST(AddressNormalizer, FebrlRecordsNormalizeCleanly) {
  std::ifstream file(std::string(CROSSCHECK_SHARED_DIR) + "/data/febrl/dataset4a.csv");
  ASSERT_TRUE(file.is_open()) << "missing shared/data/febrl/dataset4a.csv";
  std::string line;
  std::getline(file, line);  // header
  std::size_t rows = 0;
  std::size_t postcodes = 0;
  while (std::getline(file, line)) {
    const std::vector<std::string> fields = SplitString(line, ',');
    ASSERT_EQ(fields.size(), 11u) << line;
    SCOPED_TRACE(line);
    ++rows;
    const std::string street =
        std::string(TrimAscii(fields[3])) + " " + std::string(TrimAscii(fields[4]));
    const std::string normalized = NormalizeStreet(street);
    for (const char c : normalized) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-')
          << normalized;
    }
    if (!TrimAscii(fields[4]).empty()) {
      EXPECT_FALSE(normalized.empty());
    }
    const std::string postcode = NormalizePostalCode(fields[7], "AU");
    if (!postcode.empty()) {
      ++postcodes;
      EXPECT_EQ(postcode, std::string(TrimAscii(fields[7])));
    }
  }
  EXPECT_EQ(rows, 5000u);
  EXPECT_GT(postcodes, 4900u);
}

}  // namespace
}  // namespace crosscheck::normalize
