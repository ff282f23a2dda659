// Small text helpers report.html's renderers share: escaping, numbers, the level-and-score
// badge (one form everywhere on the page) and the colour and glyph of each artifact kind.
//
//   html += LevelScoreBadge("critical", 99);  // <span class="lvl critical">critical 99</span>
#pragma once

#include <string>
#include <string_view>

namespace crosscheck::pipeline::internal {

// EscapeHtml escapes &, <, >, " and ' for text and attribute values.
std::string EscapeHtml(std::string_view text);

// FixedNumber formats `value` with `decimals` digits after the point.
std::string FixedNumber(double value, int decimals);

// LevelScoreBadge renders a level and its score as one badge, "critical 99", the only form in
// which the page shows either.
std::string LevelScoreBadge(std::string_view level, int score);

// KindClass is the CSS class suffix of an artifact kind ("k-phone"); unknown kinds get "k-other".
std::string KindClass(std::string_view kind);

// KindGlyph is the one-letter mark drawn inside an artifact of `kind` (readable without colour).
char KindGlyph(std::string_view kind);

// KindStyles returns the CSS giving every kind its colour (stroke, fill and chip background).
std::string KindStyles();

// KindChip renders a kind as a coloured chip with its glyph and name, plus " ×count" when
// count > 0.
std::string KindChip(std::string_view kind, std::size_t count = 0);

}  // namespace crosscheck::pipeline::internal
