// Identity helpers: how the simulator writes a person's name, phone, e-mail, address and
// account numbers — including the many ways a real person writes the same thing differently
// (nicknames, romanizations, native script, "Last, First", typos, phone formats, street
// abbreviations). Pure functions of their Rng.
//
//   PersonName name = DrawName(catalog, name_set, rng);
//   std::string on_form = NameVariant(catalog, name, rng, /*variant_rate=*/0.3, true);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/simulate/catalog.h"
#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {

// PersonName is a person's name as drawn from a name set.
struct PersonName {
  std::size_t name_set = 0;
  std::size_t given = 0;
  std::size_t family = 0;
  char gender = 'm';
  std::string middle;         // Latin middle name, may be empty
  std::string english_given;  // adopted English given name (East Asian people), may be empty
  std::string maiden_family;  // family name used before a marriage, may be empty
  int romanization = 0;       // which spelling of the given name this person prefers
  // A name outside the catalog's tables (near-listed names, simulate/near_listed_names.h);
  // when set, they replace the table entries above.
  std::string given_text;
  std::string family_text;
};

// IsScriptNameSet says whether a name set has a native non-Latin script (or, for Vietnamese,
// diacritics) that people sometimes type on forms.
bool IsScriptNameSet(const NameSet& set);

// DrawName draws a name from a name set; common names are drawn more often (Zipf-like), so
// unrelated people share names as they do in reality.
PersonName DrawName(const Catalog& catalog, std::size_t name_set, Rng& rng);

// GivenLatin / FamilyLatin return the person's usual Latin spelling.
std::string GivenLatin(const Catalog& catalog, const PersonName& name);
std::string FamilyLatin(const Catalog& catalog, const PersonName& name);

// CanonicalName returns "Given [Middle] Family" in the person's usual Latin spelling.
std::string CanonicalName(const Catalog& catalog, const PersonName& name);

// NameVariant returns the name as typed on one form: with probability variant_rate a variant
// (nickname, other romanization, middle initial, "Last, First", case, a typo, an English name,
// family-first order, and with allow_native the native script).
std::string NameVariant(const Catalog& catalog, const PersonName& name, Rng& rng, double variant_rate,
                        bool allow_native);

// AsciiFold lower-cases and strips common Latin diacritics ("José" -> "jose").
std::string AsciiFold(std::string_view text);

// Typo applies one keyboard slip (swap, drop or double a letter) to ASCII text.
std::string Typo(std::string_view text, Rng& rng);

// PhoneNumber is a number as country calling code + national significant number.
struct PhoneNumber {
  std::string country;  // alpha-2 of the numbering plan
  std::string calling_code;
  std::string nsn;
};

// MakeMobile draws a mobile number valid for the locale's numbering plan (libphonenumber
// patterns). For NANP locales `area_codes` ('|'-separated) picks the area code.
PhoneNumber MakeMobile(const Locale& locale, std::string_view area_codes, Rng& rng);

// MakeHomeLine draws the number of a home line: a geographic landline where the numbering plan
// has one the simulator knows (NANP, GB, DE, FR, IN, AU), a 070 internet phone in Korea (the
// ordinary home phone there); nullopt elsewhere. `line_type` receives `landline` or `fixedVoip`.
std::optional<PhoneNumber> MakeHomeLine(const Locale& locale, std::string_view area_codes, Rng& rng,
                                        std::string* line_type);

// MakeKoreanInternetPhone draws a Korean 070 internet-phone number (KR VoIP range 070-XXXX-XXXX).
PhoneNumber MakeKoreanInternetPhone(Rng& rng);

// FormatPhone writes a number in one of the usual national or international notations;
// `style` picks which (any value; taken modulo the notations of that country).
std::string FormatPhone(const PhoneNumber& number, std::uint64_t style);

// MakeEmailLocal builds a local part from a name with one of the common patterns.
std::string MakeEmailLocal(std::string_view given_ascii, std::string_view family_ascii, int birth_year,
                           Rng& rng);

// StreetLine fills a locale street template with a house number and, sometimes, a unit.
std::string StreetLine(const Locale& locale, Rng& rng);

// StreetVariant rewrites a street line as another form might hold it (abbreviations, unit
// notation, case), or returns it unchanged.
std::string StreetVariant(std::string_view street, Rng& rng);

// FillPattern replaces '#' with digits and 'A' with capital letters.
std::string FillPattern(std::string_view pattern, Rng& rng);

// MakeSsn returns a US Social Security number that passes the SSA structure rules
// (area 001-899 except 666, group 01-99, serial 0001-9999), formatted "123-45-6789".
std::string MakeSsn(Rng& rng);

// MakeBankAccount returns a payout account as a bank would print it: an IBAN with valid check
// digits for IBAN countries, "routing account" with a valid ABA checksum for the US, and a
// bank code plus account number elsewhere.
std::string MakeBankAccount(std::string_view country, Rng& rng);

// HexId returns `digits` random lower-case hex digits.
std::string HexId(Rng& rng, int digits);

// Hex64 formats a 64-bit value as 16 hex digits (the photo_hash format).
std::string Hex64(std::uint64_t value);

}  // namespace crosscheck::simulate
