// Romanization variants of Korean syllables: one person's name is written KIM Jong Un
// (McCune-Reischauer without breves, as OFAC and the UN publish DPRK names), Gim Jeong-eun
// (Revised Romanization) or Kim Jung Un (a common personal spelling). Two tokens are variants
// when a curated table puts them in one group (ri, lee, yi) or when the rules below reduce
// them to one skeleton (kyong, gyeong).
//
//   RomanizationGroup("lee") == RomanizationGroup("ri");        // the surname 이/리
//   RomanizationKey("gyeong") == RomanizationKey("kyong");        // "kyong"
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// kMaxRomanizationKeyLength: longer tokens get no skeleton (they are not one or two
// syllables, and the edit budget of TokenSimilarity already covers their spelling
// differences).
inline constexpr std::size_t kMaxRomanizationKeyLength = 6;

// RomanizationGroup returns the id of the curated group of spellings token belongs to (for
// example ri, li, lee, yi, rhee for the surname 이), or -1.
int RomanizationGroup(std::string_view token);

// RomanizationKey returns the skeleton of a lower-case ASCII token under the differences
// between McCune-Reischauer, Revised Romanization and common spellings: eo/o, eu/u, oo/u,
// ee/i; the plain and aspirated or voiced stops written g/k/kh, d/t/th, b/p/ph, j/ch; sh/s;
// initial r/l; doubled consonants; a final h (Oh, Koh). Empty for tokens longer than
// kMaxRomanizationKeyLength or holding a digit. Pure, thread-safe.
std::string RomanizationKey(std::string_view token);

// RomanizationIndexKeys returns the keys under which a token's romanization variants meet:
// "#<group>" for its curated group, and its skeleton; none for other tokens.
std::vector<std::string> RomanizationIndexKeys(std::string_view token);

// AreRomanizationVariants is true when two different tokens share a group or a non-empty key.
bool AreRomanizationVariants(std::string_view left, std::string_view right);

// RomanizationForm is what AreRomanizationVariants reads of one token, computed once: the
// screening index keeps one per listed token and one per query item, so the check per
// candidate pair is a comparison of a few bytes instead of two skeletons and two lookups.
struct RomanizationForm {
  int group = -1;        // RomanizationGroup, -1 when none or the token is too long
  bool has_key = false;  // a skeleton exists (2..kMaxRomanizationKeyLength letters, no digit)
  bool short_token = false;  // at most kMaxRomanizationKeyLength letters
  std::uint8_t key_size = 0;
  std::array<char, kMaxRomanizationKeyLength> key{};
};

// MakeRomanizationForm returns the form of a lower-case ASCII token.
RomanizationForm MakeRomanizationForm(std::string_view token);

// AreRomanizationVariants on forms: the same answer as on the two (different) tokens.
bool AreRomanizationVariants(const RomanizationForm& left, const RomanizationForm& right);

}  // namespace crosscheck::watchlist::internal
