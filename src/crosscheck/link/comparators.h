// String, name, date and identifier comparators of the linkage engine, plus the comparison
// levels each field type is scored on. Pure functions, thread-safe, no allocation on the
// common paths (strings up to 64 bytes).
//
//   double similarity = JaroWinkler("martha", "marhta");          // 0.961
//   int edits = DamerauLevenshtein("1551941", "1515941", 2);      // 1 (a transposition)
//   std::string code = PhoneticCode("catherine");                 // same as "kathryn"
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crosscheck/common/strings.h"

namespace crosscheck::link {

// JaroWinkler returns the Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix of at
// most 4), 1 for two equal strings, 0 when either is empty. Byte-wise (callers fold to ASCII).
double JaroWinkler(std::string_view left, std::string_view right);

// JaroWinklerUpperBound returns a cheap upper bound of JaroWinkler(left, right) (O(n), no
// allocation): Jaro's matches cannot exceed the characters both strings have in common
// (counted as a multiset), transpositions only lower it, and the Winkler prefix is exact.
// Lets a caller skip the full computation for pairs that cannot reach its threshold.
double JaroWinklerUpperBound(std::string_view left, std::string_view right);

// CharacterProfile packs a string's character histogram into 16 four-bit counters, or
// kNoProfile when a counter would pass 15. For words (digits = false) vowels and the most
// common consonants get a counter each and rare letters, digits and other bytes share the
// rest; for numbers (digits = true) each digit gets a counter and letters share the rest.
// Computed once per value when a table is prepared. Only profiles of the same kind compare.
inline constexpr std::uint64_t kNoProfile = ~std::uint64_t{0};
std::uint64_t CharacterProfile(std::string_view text, bool digits);

// ProfileCommonBound returns an upper bound of the characters two strings have in common
// (multiset intersection) from their profiles, or -1 when either is kNoProfile.
int ProfileCommonBound(std::uint64_t left, std::uint64_t right);

// ProfileDistanceBound returns a lower bound of the edit distance of two strings from their
// profiles (half the L1 distance of the histograms, see EditDistanceLowerBound), or 0 when
// either is kNoProfile.
int ProfileDistanceBound(std::uint64_t left, std::uint64_t right);

// JaroWinklerBoundFromCommon is JaroWinklerUpperBound given an upper bound of the common
// characters (from ProfileCommonBound).
double JaroWinklerBoundFromCommon(std::string_view left, std::string_view right, int common);

// EditDistanceLowerBound returns a lower bound of DamerauLevenshtein(left, right, ·) in O(n):
// the length difference, and half the L1 distance of the character histograms (a
// substitution changes the histograms by at most 2, an insertion or deletion by 1, a
// transposition not at all).
int EditDistanceLowerBound(std::string_view left, std::string_view right);

// DamerauLevenshtein returns the optimal-string-alignment distance (insertions, deletions,
// substitutions, adjacent transpositions), or max_distance + 1 as soon as it is known to be
// larger than max_distance. O(len * (2 * max_distance + 1)).
int DamerauLevenshtein(std::string_view left, std::string_view right, int max_distance);

// WithinOneEdit (common/strings.h) is DamerauLevenshtein(left, right, 1) <= 1 in linear time.

// PhoneticCode returns a Metaphone-style code (at most 6 letters) of one ASCII lower-case
// word: spelling variants that sound alike share a code ("smith"/"smyth", "catherine"/
// "kathryn"). Empty for an empty word. Non-letters are ignored.
std::string PhoneticCode(std::string_view word);

// FoldText lower-cases ASCII, maps common Latin-1/Latin Extended-A letters to ASCII
// ("José" -> "jose"), turns every other non-alphanumeric byte into a space and collapses
// spaces. Multi-byte characters it does not know are kept as they are.
std::string FoldText(std::string_view text);

// StripHonorifics removes from a folded name what registers add around a person's name:
// honorifics and styles ("sir", "dame", "rev", "dr", "the hon"), peerages ("1st baron
// ashford", "earl of ashford", "baronet") and territorial designations ("of ashford"). A name
// that would be left empty is returned unchanged. ("sir john smith, 1st baron ashford" ->
// "john smith").
std::string StripHonorifics(std::string_view folded);

// TokenSetLevel compares two space-separated name token lists regardless of order.
// Returns 0 for the same multiset of tokens, 1 when every token of the shorter list matches
// a distinct token of the longer one closely (Jaro-Winkler >= 0.92, one edit, or an initial
// matching a token's first letter), 2 when at least one token of length >= 2 matches closely
// and the lists otherwise do not conflict, 3 otherwise.
int TokenSetLevel(std::string_view left, std::string_view right);

// TokenJaccard returns |L ∩ R| / |L ∪ R| over the distinct space-separated tokens.
double TokenJaccard(std::string_view left, std::string_view right);

// DateLevel compares two dates given as 8-digit "YYYYMMDD" strings (days = days since
// 1970-01-01, or kNoDays when the date is not a valid calendar date) or year-only "YYYY"
// strings. Returns 0 equal, 1 one digit typo or day and month swapped, 2 within 365 days
// (or, when either is year-only, years at most one apart), 3 otherwise.
inline constexpr std::int32_t kNoDays = INT32_MIN;
int DateLevel(std::string_view left, std::int32_t left_days, std::string_view right,
              std::int32_t right_days);

}  // namespace crosscheck::link
