// Text folding shared by the normalizers of this module: any script to lower-case ASCII via
// ICU transliteration, with a fast path that never touches ICU for ASCII input. Internal to
// normalize/ (the public normalizers wrap it); ICU types never appear here.
//
//   std::string folded = internal::FoldToAscii("José Müller");  // "Jose Muller"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crosscheck::normalize::internal {

// IsAscii reports whether every byte is below 0x80.
bool IsAscii(std::string_view text);

// FoldToAscii applies NFKC, transliterates any script to Latin (Cyrillic with BGN/PCGN,
// Han to toneless pinyin, Hangul to Revised Romanization, kana to Hepburn, Greek, Arabic
// consonants...) and strips accents, keeping case. ASCII input is returned unchanged without
// calling ICU. Malformed UTF-8 bytes are dropped. Characters with no Latin form (emoji) are
// kept as they are; callers filter them. Thread-safe: each thread builds its own ICU
// transliterator on first use (about a millisecond) and keeps it until the thread exits.
// Strings of ASCII and Latin letters with diacritics (U+00C0..U+017F) whose fold is one ASCII
// letter each are folded by table without ICU, with the same result.
std::string FoldToAscii(std::string_view utf8);

// FoldToAsciiWithIcu is FoldToAscii always through ICU (no fast paths); for tests that prove
// the fast paths give ICU's answer.
std::string FoldToAsciiWithIcu(std::string_view utf8);

// HasNonLatinLetters reports whether the UTF-8 text holds a letter of a script other than
// Latin (Common and Inherited characters such as digits and accents do not count).
bool HasNonLatinLetters(std::string_view utf8);

// ScriptClass is the writing system of a text's first letter, as far as name order cares.
enum class ScriptClass : std::uint8_t { kOther, kHangul, kHan, kKana };

// FirstLetterScript returns the ScriptClass of the first letter of the UTF-8 text; a Han
// text with kana anywhere counts as kKana (Japanese).
ScriptClass FirstLetterScript(std::string_view utf8);

// DecodeUtf8 returns the code points of UTF-8 text, dropping malformed bytes; EncodeUtf8 is
// its inverse.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view text);

// IsWordCodePoint reports whether a code point is a letter, a digit or a combining mark
// (the characters names, handles and IDN labels are made of; not emoji or symbols).
bool IsWordCodePoint(char32_t cp);

// AllWordCodePoints reports whether every non-ASCII code point of the UTF-8 text passes
// IsWordCodePoint and the text is well-formed UTF-8. ASCII bytes are not checked.
bool AllNonAsciiAreWordCodePoints(std::string_view utf8);

// ToLowerAsciiInPlace lower-cases ASCII letters.
void ToLowerAsciiInPlace(std::string& text);

}  // namespace crosscheck::normalize::internal
