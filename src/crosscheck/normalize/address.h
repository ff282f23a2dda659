// Postal addresses in comparable form: street lines with standard abbreviations (USPS
// Publication 28 style: Street -> st, Apartment/Suite/# -> unit), postal codes without
// spaces, countries as ISO 3166-1 alpha-2, and a key under which two spellings of the same
// address meet.
//
//   ParsedAddress a = ParseAddressLine("1200 Elm Street Apt 4B, Springfield, IL 62704, US");
//   AddressKey(a);  // "1200 elm st unit 4b|62704|US"
//   AddressKey(ParseAddressLine("1200 ELM ST. #4B, Springfield IL 62704, USA"));  // the same
#pragma once

#include <string>
#include <string_view>

namespace crosscheck::normalize {

// ParsedAddress is a free-text address split into normalized parts; empty = not found.
struct ParsedAddress {
  std::string street;       // NormalizeStreet form without the unit ("1200 elm st")
  std::string unit;         // apartment / suite / unit designator value ("4b")
  std::string city;         // lower-case ASCII ("springfield")
  std::string region;       // upper case; US state names become their code ("IL")
  std::string postal_code;  // NormalizePostalCode form ("62704")
  std::string country;      // ISO alpha-2 when recognised, else empty
};

// NormalizeStreet folds a street line to lower-case ASCII words: punctuation dropped, street
// types, directions and unit designators abbreviated (Street -> st, Avenue -> ave, North ->
// n, Apartment/Apt/Suite/Unit/# -> unit), ordinal words to numbers (First -> 1st). Any
// script is transliterated to Latin first. Empty for empty or symbol-only input.
std::string NormalizeStreet(std::string_view street);

// NormalizePostalCode upper-cases and removes spaces and dashes; for the US (or an unknown
// country) a ZIP+4 code "62704-1234" becomes its 5-digit ZIP "62704". `country` is anything
// NormalizeCountry accepts. Empty when nothing alphanumeric is left.
std::string NormalizePostalCode(std::string_view postal_code, std::string_view country = {});

// NormalizePostalCodeForIso is NormalizePostalCode(postal_code, country) for a caller that has
// already computed iso = NormalizeCountry(country) (empty for an empty country): it saves the
// country lookup when one country serves many postal codes.
std::string NormalizePostalCodeForIso(std::string_view postal_code, std::string_view iso);

// NormalizeCountry returns the ISO 3166-1 alpha-2 code (upper case) for an alpha-2 or alpha-3
// code, an English country name as ICU's CLDR data spells it, or a common alias ("USA",
// "United States of America", "UK", "South Korea", "Korea, Republic of", "Russia", "DPRK").
// Case, accents and punctuation do not matter. Empty when not recognised. Thread-safe; the
// table is built once on first use.
std::string NormalizeCountry(std::string_view country);

// NormalizeCity folds a city name to lower-case ASCII words separated by single spaces
// ("SÃO PAULO" -> "sao paulo").
std::string NormalizeCity(std::string_view city);

// NormalizeRegion folds a state / province to upper-case ASCII words; US state names become
// their USPS code ("Illinois" -> "IL").
std::string NormalizeRegion(std::string_view region);

// ParseAddressLine splits a one-line address ("street[, unit], city, region postal,
// country"; European "postal city" parts are understood too) into normalized parts. Parts
// it cannot place stay empty; never fails.
ParsedAddress ParseAddressLine(std::string_view line);

// ParseStreetAndUnit splits a street line into the NormalizeStreet form of the street and the
// unit ("1200 Elm St Apt 4B" -> {"1200 elm st", "4b"}). When `normalized` is not null it
// receives NormalizeStreet(street_line), saving a second pass.
void ParseStreetAndUnit(std::string_view street_line, std::string* street, std::string* unit,
                        std::string* normalized = nullptr);

// AddressKey renders "street[ unit <unit>]|<postal code, or city when no postal code>|country";
// empty when the address has no street. Two spellings of one address give the same key.
std::string AddressKey(const ParsedAddress& address);

}  // namespace crosscheck::normalize
