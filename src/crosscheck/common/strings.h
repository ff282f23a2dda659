// Small ASCII string helpers shared by every module. Unicode-aware text handling (case
// folding, transliteration) lives in normalize/ with ICU.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck {

// TrimAscii strips ASCII spaces, tabs, CR and LF from both ends.
std::string_view TrimAscii(std::string_view text);

// ToLowerAscii lower-cases ASCII letters only; other bytes are kept.
std::string ToLowerAscii(std::string_view text);

// ToUpperAscii upper-cases ASCII letters only; other bytes are kept.
std::string ToUpperAscii(std::string_view text);

// SplitString splits on a single delimiter, keeping empty pieces.
std::vector<std::string> SplitString(std::string_view text, char delimiter);

// JoinStrings joins pieces with a separator.
std::string JoinStrings(const std::vector<std::string>& pieces, std::string_view separator);

// StartsWith / EndsWith, case-sensitive.
inline bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}
inline bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// WithinOneEdit is true when the optimal-string-alignment distance is at most 1: equal, one
// byte replaced, inserted or deleted, or two neighbours swapped. Linear (where an edit-distance
// table is quadratic), and inline: linkage's comparators, the network engine's name match and
// the sanctions screening call it on most candidate pairs.
inline bool WithinOneEdit(std::string_view left, std::string_view right) {
  if (left.size() > right.size()) std::swap(left, right);
  if (right.size() - left.size() > 1) return false;
  std::size_t first = 0;
  while (first < left.size() && left[first] == right[first]) ++first;
  if (first == left.size()) return true;  // equal, or one byte appended
  if (left.size() < right.size()) return left.substr(first) == right.substr(first + 1);
  if (left.substr(first + 1) == right.substr(first + 1)) return true;  // one replaced
  return first + 1 < left.size() && left[first] == right[first + 1] && left[first + 1] == right[first] &&
         left.substr(first + 2) == right.substr(first + 2);
}

// EqualsIgnoreCaseAscii compares ignoring ASCII case.
bool EqualsIgnoreCaseAscii(std::string_view left, std::string_view right);

// IsValidUtf8 checks well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure *bad_offset receives the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace crosscheck
