// Name similarity for sanctions screening: folding any input to lower-case ASCII tokens,
// Jaro-Winkler per token, romanization variants of Korean syllables, and a token-alignment
// score that penalises tokens left unmatched on either side (so "Kim Min-jun" does not match
// "KIM, Yong Chol" through the shared surname, and "EMMA" does not match "EMMA LLC" fully).
//
//   PreparedName query = PrepareName("Kim Jung Un");
//   PreparedName listed = PrepareName("KIM, Jong Un");
//   NameComparison c = CompareNames(query, listed);  // c.score ~ 0.97
//   std::string why = ExplainComparison(c);            // "kim=kim, jung~jong 0.85, un=un"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// kMinTokenSimilarity: token pairs less similar than this are not aligned at all. Chosen so
// one-letter changes in four-letter syllables align (jong~jung 0.85, chol~chul 0.87) while
// different three-letter syllables do not (jun~jin 0.80, min~man 0.80).
inline constexpr double kMinTokenSimilarity = 0.84;

// kMinJoinedSimilarity: a pair where either side is two tokens written together
// ("yongchol") must be nearly equal to align; otherwise joining a surname to a given name
// makes whole names look alike (pakbongnam~pangsunam 0.86).
inline constexpr double kMinJoinedSimilarity = 0.92;

// kRomanizationSimilarity is the similarity of two spellings of one Korean syllable
// (ri~lee, pak~park, chol~cheol): high, but below an exact match.
inline constexpr double kRomanizationSimilarity = 0.95;

// kMaxNameTokens bounds the tokens considered per name (alignment uses a 32-bit mask).
inline constexpr std::size_t kMaxNameTokens = 24;

// FoldNameToAscii turns a name in any supported script into lower-case ASCII letters, digits
// and single spaces: Latin accents are dropped (José -> jose), Hangul syllables get the
// Revised Romanization per syllable (김민준 -> gim min jun), Cyrillic a simple
// BGN-like table; apostrophes and periods are removed (CHO'NG -> chong, S.A. -> sa), other
// punctuation separates tokens. Characters of other scripts separate tokens and are dropped;
// *dropped_script (optional) is then set. Invalid UTF-8 bytes are dropped. Pure, thread-safe.
std::string FoldNameToAscii(std::string_view name, bool* dropped_script = nullptr);

// NameToken is one token of a prepared name and its weight in the score: 2 + half its
// length, scaled down for legal forms (ltd, llc, corp) and particles (al, bin, de).
struct NameToken {
  std::string text;
  float weight = 0;
};

// NameItem is something that can be aligned: one token, or two adjacent tokens written
// together (so "yongchol" aligns with "Yong Chol"). mask has one bit per token covered.
struct NameItem {
  std::string text;
  std::uint32_t mask = 0;
  float weight = 0;
};

// PreparedName is a name ready for comparison. total_weight sums the token weights.
struct PreparedName {
  std::vector<NameToken> tokens;
  std::vector<NameItem> items;
  float total_weight = 0;
};

// PrepareName folds, tokenizes (at most kMaxNameTokens tokens) and builds items. The order
// of tokens is kept; "LAST, First" needs no reordering because alignment ignores order.
// Names in scripts FoldNameToAscii does not know (Han, kana, Arabic...) are transliterated
// by normalize::NormalizePersonName (ICU) first; Latin, Hangul and Cyrillic stay on the
// fold above, whose per-syllable Hangul keeps "Jong Un" comparable with OFAC's spelling.
PreparedName PrepareName(std::string_view name);

// JaroWinkler returns the Jaro-Winkler similarity of two ASCII strings in [0, 1]
// (Winkler 1990: prefix scale 0.1 over at most 4 characters, applied when Jaro > 0.7).
double JaroWinkler(std::string_view left, std::string_view right);

// RomanizationGroup returns the id of the group of spellings token belongs to (for example
// ri, li, lee, yi, i for the surname 이), or -1.
int RomanizationGroup(std::string_view token);

// TokenSimilarity returns how alike two tokens are in [0, 1]: 1 when equal,
// kRomanizationSimilarity for romanization variants, else Jaro-Winkler scaled down when the
// lengths differ a lot (yong vs yongchol); 0 when either holds a digit and they differ, or
// when they are more than one edit per four letters of the shorter apart (choi vs chao).
// *variant (optional) is set when the romanization table decided.
double TokenSimilarity(std::string_view left, std::string_view right, bool* variant = nullptr);

// AlignedPair is one query item aligned with one listed item.
struct AlignedPair {
  std::string query;
  std::string listed;
  double similarity = 0;
  bool variant = false;
};

// NameComparison is the result of CompareNames: score in [0, 1] and its parts.
struct NameComparison {
  double score = 0;
  std::vector<AlignedPair> pairs;
  std::vector<std::string> unmatched_query;
  std::vector<std::string> unmatched_listed;
};

// CompareNames aligns query items with listed items one to one, greedily by similarity
// (pairs below kMinTokenSimilarity are never aligned), and returns
//   score = sum over pairs of similarity * (weight_q + weight_l) / (total_q + total_l),
// a weighted Dice coefficient: every token left unmatched on either side lowers the score
// by its weight. O(items_q * items_l) token comparisons.
NameComparison CompareNames(const PreparedName& query, const PreparedName& listed);

// ExplainComparison renders a comparison for a reviewer:
// "kim=kim, jung~jong 0.85, ri~lee (romanization); unmatched listed: chol".
std::string ExplainComparison(const NameComparison& comparison);

}  // namespace crosscheck::watchlist::internal
