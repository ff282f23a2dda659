// Aliases that OFAC writes only in an entry's remarks, not in alt.csv:
//   "...; a.k.a. 'AL-ZAIN, Ali Wahib'; a.k.a. 'AL-DIN, Hessam Badr'; Linked To: HIZBALLAH."
// (SAFA, Wafiq, ent_num 26957; 1,254 entries of the 2021 list carry one).
//
//   for (std::string& alias : ParseRemarksAliases(entry.remarks)) ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// ParseRemarksAliases returns the quoted names after "a.k.a.", "f.k.a." and "n.k.a." in
// remarks, in order, trimmed, without duplicates. A quote closes a name only when followed
// by ';', '.', ',', ')' or the end, so apostrophes inside names (AL-SA'DUN) are kept; an
// unclosed quote takes nothing. Pure, thread-safe.
std::vector<std::string> ParseRemarksAliases(std::string_view remarks);

}  // namespace crosscheck::watchlist::internal
