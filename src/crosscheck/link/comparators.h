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

namespace crosscheck::link {

// JaroWinkler returns the Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix of at
// most 4), 1 for two equal strings, 0 when either is empty. Byte-wise (callers fold to ASCII).
double JaroWinkler(std::string_view left, std::string_view right);

// DamerauLevenshtein returns the optimal-string-alignment distance (insertions, deletions,
// substitutions, adjacent transpositions), or max_distance + 1 as soon as it is known to be
// larger than max_distance. O(len * (2 * max_distance + 1)).
int DamerauLevenshtein(std::string_view left, std::string_view right, int max_distance);

// WithinOneEdit returns DamerauLevenshtein(left, right, 1) <= 1 in linear time.
bool WithinOneEdit(std::string_view left, std::string_view right);

// PhoneticCode returns a Metaphone-style code (at most 6 letters) of one ASCII lower-case
// word: spelling variants that sound alike share a code ("smith"/"smyth", "catherine"/
// "kathryn"). Empty for an empty word. Non-letters are ignored.
std::string PhoneticCode(std::string_view word);

// FoldText lower-cases ASCII, maps common Latin-1/Latin Extended-A letters to ASCII
// ("José" -> "jose"), turns every other non-alphanumeric byte into a space and collapses
// spaces. Multi-byte characters it does not know are kept as they are.
std::string FoldText(std::string_view text);

// TokenSetLevel compares two space-separated name token lists regardless of order.
// Returns 0 for the same multiset of tokens, 1 when every token of the shorter list matches
// a distinct token of the longer one closely (Jaro-Winkler >= 0.92, one edit, or an initial
// matching a token's first letter), 2 when at least one token of length >= 2 matches closely
// and the lists otherwise do not conflict, 3 otherwise.
int TokenSetLevel(std::string_view left, std::string_view right);

// TokenJaccard returns |L ∩ R| / |L ∪ R| over the distinct space-separated tokens.
double TokenJaccard(std::string_view left, std::string_view right);

// DateLevel compares two dates given as 8-digit "YYYYMMDD" strings (days = days since
// 1970-01-01, or kNoDays when the date is not a valid calendar date). Returns 0 equal, 1 one
// digit typo or day and month swapped, 2 within 365 days, 3 otherwise.
inline constexpr std::int32_t kNoDays = INT32_MIN;
int DateLevel(std::string_view left, std::int32_t left_days, std::string_view right,
              std::int32_t right_days);

}  // namespace crosscheck::link
