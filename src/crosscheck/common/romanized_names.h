// Curated spellings of one name in several romanizations, where the letters alone cannot tell
// (the sanctions screening's and the network engine's one table):
//   - Korean syllables: the initial-sound law (Ri, Lee, Yi), personal spellings (Park, Choi,
//     Rhee), McCune-Reischauer and Revised Romanization vowels (Choe, Chwe);
//   - Chinese surnames: Hanyu Pinyin (mainland), Cantonese (Hong Kong, Macau and most older
//     emigration), Wade-Giles (Taiwan) and Hokkien/Teochew (Singapore, Malaysia, the
//     Philippines): 陈 Chen, Chan, Tan; 刘 Liu, Lau; 何 He, Ho.
// A person who writes their name one way on one application and another way on the next is
// one person; treating the spellings as two names flags people for their family's history.
//
//   KoreanSyllableGroup("lee") == KoreanSyllableGroup("ri");      // 이/리
//   AreSurnameRomanizations("liu", "lau");                        // 刘
#pragma once

#include <string_view>

namespace crosscheck {

// KoreanSyllableGroup returns the id of the curated group of spellings of one Korean syllable
// a lower-case ASCII token belongs to (ri, li, lee, yi, rhee for 이), or -1.
int KoreanSyllableGroup(std::string_view token);

// AreSurnameRomanizations is true when two different lower-case ASCII tokens are spellings of
// one Korean syllable or one Chinese surname in the tables above. Some spellings stand for
// more than one surname (Wong: 王 Wang and 黄 Huang); they match each of them.
bool AreSurnameRomanizations(std::string_view left, std::string_view right);

}  // namespace crosscheck
