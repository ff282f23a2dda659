// Romanization variants of Korean syllables: one person's name is written KIM Jong Un
// (McCune-Reischauer without breves, as OFAC and the UN publish DPRK names), Gim Jeong-eun
// (Revised Romanization) or Kim Jung Un (a common personal spelling). Two tokens are variants
// when a curated table puts them in one group (ri, lee, yi) or when the rules below reduce
// them to one skeleton (kyong, gyeong).
//
//   RomanizationGroup("lee") == RomanizationGroup("ri");        // the surname 이/리
//   RomanizationKey("gyeong") == RomanizationKey("kyong");        // "kyong"
#pragma once

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

}  // namespace crosscheck::watchlist::internal
