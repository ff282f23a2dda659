// Person names in comparable form: any script transliterated to lower-case ASCII, titles and
// suffixes dropped, given / middle / family parts found (including "Last, First" order and
// family-first East Asian names written in their own script), nicknames mapped to formal
// names in an order-free token list. It only normalizes: nothing here judges a name.
//
//   NormalizedName name = NormalizePersonName("Dr. Robert \"Bob\" van der Berg Jr.");
//   // given "robert", family "van der berg", tokens {berg, der, robert, van}
//   NormalizePersonName("김민준");  // given "minjun", family "kim", transliterated
#pragma once

#include <string_view>

#include "crosscheck/common/model.h"

namespace crosscheck::normalize {

// NormalizePersonName fills every field of NormalizedName (common/model.h) from a name as the
// candidate wrote it:
// - Case, accents and script are folded: NFKC, then Cyrillic by BGN/PCGN (Юрий -> yuriy),
//   Han to toneless pinyin, Hangul to Revised Romanization with the usual spelling of common
//   surnames (김 -> kim, 이 -> lee, 박 -> park), kana to Hepburn, other scripts by ICU's
//   Any-Latin, then Latin-ASCII and lower case. `transliterated` says a non-Latin script
//   was present.
// - "Family, Given Middle" order is recognised by the comma. Titles (Mr, Mrs, Ms, Dr, Prof,
//   ...) and suffixes (Jr, Sr, II, III, PhD, MD, ...) are dropped; nicknames in quotes or
//   parentheses are dropped.
// - Western order otherwise: the first word is given, words between are middle (initials
//   keep one letter), the last word is the family name, or from the first particle on (van
//   der, de la, von, al, bin...). A Russian patronymic (-ovich, -evna...) marks "Family
//   Given Patronymic" order.
// - Names in Hangul or Han without kana are family-first (김민준, 张伟): the family name is
//   the first word when the name has spaces, else the first character (two for a known
//   compound surname such as 남궁 or 欧阳; also two for a four-character Han name, the
//   common Japanese 2+2 shape). Kana names are split only at spaces, family first. Han is
//   read as Mandarin, so a Japanese kanji name comes out in pinyin, not its Japanese reading.
// - `tokens` holds every word (hyphenated words split), given and middle words mapped by
//   FormalGivenName (bob -> robert), sorted; `given` keeps the form written.
// Empty or symbol-only input gives an empty NormalizedName. Never throws. ASCII input never
// touches ICU (over 100k names per second per core). Thread-safe.
NormalizedName NormalizePersonName(std::string_view raw);

}  // namespace crosscheck::normalize
