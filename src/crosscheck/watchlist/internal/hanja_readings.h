// Korean readings of Han characters (Hanja), so that a Korean name written in Han (金正恩)
// meets its romanized listing (KIM, Jong Un). ICU's Han-Latin transliterator reads Han in
// Mandarin only (jin zheng en). The table is libhangul's hanja.txt (Debian package
// libhangul-data, /usr/share/libhangul/hanja/hanja.txt, lines "reading:hanja:meaning"),
// read once on first use; without it Han names get their Mandarin reading only.
//
//   for (const std::string& hangul : KoreanReadings("金正恩", 4)) ...  // "금정은", "김정은"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// kHanjaTablePath is where Debian's libhangul-data installs the table.
inline constexpr std::string_view kHanjaTablePath = "/usr/share/libhangul/hanja/hanja.txt";

// kMaxReadingsPerCharacter: a character with several readings (金: 금, 김) contributes its
// first ones in the table's order.
inline constexpr std::size_t kMaxReadingsPerCharacter = 2;

// KoreanReadings returns up to max_readings spellings of name with every Han character
// replaced by a Hangul reading (the combinations of each character's readings, in table
// order), other characters kept. Empty when name holds no Han character with a reading or
// the table is missing. Thread-safe.
std::vector<std::string> KoreanReadings(std::string_view name, std::size_t max_readings);

// HanjaTableLoaded returns whether the table could be read (loading it if needed).
bool HanjaTableLoaded();

}  // namespace crosscheck::watchlist::internal
