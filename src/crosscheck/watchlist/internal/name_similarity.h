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
#include <type_traits>
#include <vector>

#include "crosscheck/watchlist/internal/nicknames.h"
#include "crosscheck/watchlist/internal/romanization.h"

namespace crosscheck::watchlist::internal {

// kMinTokenSimilarity: token pairs less similar than this are not aligned (but see
// kMinOneEditLength). Chosen so
// one-letter changes in four-letter syllables align (jong~jung 0.85, chol~chul 0.87) while
// different three-letter syllables do not (jun~jin 0.80, min~man 0.80).
inline constexpr double kMinTokenSimilarity = 0.84;

// kMinOneEditLength: tokens at least this long align with a token one edit away even when
// Jaro-Winkler is below kMinTokenSimilarity (kim~kin); shorter ones (un~in) never do.
inline constexpr std::size_t kMinOneEditLength = 3;

// kMinJoinedSimilarity: a pair where either side is two tokens written together
// ("yongchol") must be nearly equal to align; otherwise joining a surname to a given name
// makes whole names look alike (pakbongnam~pangsunam 0.86).
inline constexpr double kMinJoinedSimilarity = 0.92;

// kMinJoinedEditLength: a pair where one side is two tokens written together may differ by
// one edit only when both sides have at least this many letters; shorter ones must be equal.
inline constexpr std::size_t kMinJoinedEditLength = 8;

// kMaxJoinedLength: two adjacent tokens are also tried written together when their letters
// add up to at most this (a Korean given name, a glued legal form: JSCARGUMENT).
inline constexpr std::size_t kMaxJoinedLength = 14;

// kRomanizationSimilarity is the similarity of two spellings of one Korean syllable
// (ri~lee, pak~park, chol~cheol): high, but below an exact match.
inline constexpr double kRomanizationSimilarity = 0.95;

// kNicknameSimilarity is the similarity of a given name and one of its nicknames
// (nicknames.h: nick~nicholas): a variant of the name, scored as a romanization variant.
inline constexpr double kNicknameSimilarity = kRomanizationSimilarity;

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
// length, scaled down for legal forms (ltd, llc, corp) and particles (al, bin, de), times
// its rarity on the list (token_rarity.h; 1 until ApplyRarity).
struct NameToken {
  std::string text;
  float weight = 0;
  float rarity = 1;
  float base_weight = 0;  // the weight before rarity: what the token costs when unmatched
};

// NameItem is something that can be aligned: one token, or two adjacent tokens written
// together (so "yongchol" aligns with "Yong Chol"). mask has one bit per token covered.
struct NameItem {
  std::string text;
  std::uint32_t mask = 0;
  float weight = 0;
  float rarity = 1;  // the mean rarity of the tokens covered
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

// kMaxKoreanReadings bounds the Korean readings tried for a name written in Han.
inline constexpr std::size_t kMaxKoreanReadings = 4;

// PrepareNameReadings returns PrepareName(name) and, for a name written in Han characters,
// PrepareName of each of its Korean readings (hanja_readings.h, at most
// kMaxKoreanReadings): 金正恩 is read jin zheng en (Mandarin) and gim jeong eun (Korean).
// Readings that give no token are left out.
std::vector<PreparedName> PrepareNameReadings(std::string_view name);

// JaroWinkler returns the Jaro-Winkler similarity of two ASCII strings in [0, 1]
// (Winkler 1990: prefix scale 0.1 over at most 4 characters, applied when Jaro > 0.7).
double JaroWinkler(std::string_view left, std::string_view right);

// TokenSimilarity returns how alike two tokens are in [0, 1], 0 meaning "never align": 1
// when equal, kNicknameSimilarity for a given name and its nickname (nicknames.h, whatever
// their lengths), kRomanizationSimilarity for romanization variants (romanization.h), else
// Jaro-Winkler scaled down when the lengths differ a lot (yong vs yongchol) if at least
// kMinTokenSimilarity and within one edit per four letters of the shorter (choi vs chao is
// 0, as is a pair at the edge of that budget that differs in two neighbouring letters:
// xiaoming, xiaohong); a one-edit pair of tokens of kMinOneEditLength+ letters below that
// gets (n - 1) / n for n letters in the shorter. 0 when either holds a digit and they differ.
// *variant (optional) is set when the romanization or the nickname table decided.
double TokenSimilarity(std::string_view left, std::string_view right, bool* variant = nullptr);

// TokenForm is what the variant tests read of one token, computed once: the screening index
// keeps one per listed token and one per query item.
struct TokenForm {
  RomanizationForm romanization;
  NicknameForm nickname;
};

// MakeTokenForm returns the form of a lower-case ASCII token.
TokenForm MakeTokenForm(std::string_view token);

// TokenSimilarity with each token's MakeTokenForm given (computed once per token): the same
// value.
double TokenSimilarity(std::string_view left, const TokenForm& left_form, std::string_view right,
                       const TokenForm& right_form, bool* variant);

// VariantKind names why two different tokens are variants, for explanations: "nickname"
// when the nickname table decided, else "romanization".
const char* VariantKind(std::string_view left, std::string_view right);

// A listed name often holds parts a person does not write (a second surname, a patronymic,
// a middle name, a title: MADURO MOROS, Nicolas is written Nicolas Maduro), while a part the
// query holds and the listed name lacks is evidence of another person (Kang Min-seo is not
// KANG, Min). So an unmatched query token costs its full base weight, and an unmatched
// listed token costs 1 - relief of it, where the relief grows with the evidence the aligned
// tokens carry: E = the sum over aligned listed tokens of letters * rarity (half for a token
// aligned through a typo rather than exactly or as a romanization variant). Below
// kReliefFromEvidence (two common syllables: Lin Na against WEI, Lin Na) there is none; it
// rises linearly to kMaxListedRelief at kReliefFullEvidence (Nicolas Maduro carries 9.5).
// With fewer than two listed tokens aligned there is none: one shared part (CHEN, Mingguo
// against Ming Guo) is a shared name, not a partial one.
// watchman weighs every unmatched listed token 0.15 (UNMATCHED_INDEX_TOKEN_WEIGHT). The
// sweep in docs/PERFORMANCE.md ("Sanctions screening") shows the choice.
inline constexpr double kReliefFromEvidence = 4.0;
inline constexpr double kReliefFullEvidence = 8.0;
inline constexpr double kMaxListedRelief = 0.85;

// kOrderPenalty is subtracted per pair of aligned tokens in a different order than the
// listed name's once a rotation is allowed (KIM, Jong Un = Jong Un Kim): RI, Song Un and
// RI, Un Song are two people.
inline constexpr double kOrderPenalty = 0.08;

// kExtraTypoPenalty is subtracted per aligned pair beyond the first that is neither equal
// nor a romanization variant. Spelling errors are rare and independent: about 80 % of
// misspelt words hold a single error (Damerau 1964), so two tokens each one letter off
// (Yang Xiaoming against YAN, Xiaobing) are far less likely one person than one token off.
inline constexpr double kExtraTypoPenalty = 0.10;

// kNothingAlikeFactor multiplies the score of an alignment in which no token is spelt alike
// (equal or a romanization variant): every aligned pair is a near spelling. "maduro" against
// MAURO is a different name one letter away (Mauro is a given name in its own right), and a
// query of one name part against a listed name must not rank a near spelling of another name
// above the listed name that holds the part exactly.
inline constexpr double kNothingAlikeFactor = 0.5;

// AlignedPair is one query item aligned with one listed item; rarity is the listed item's
// (token_rarity.h).
struct AlignedPair {
  std::string query;
  std::string listed;
  double similarity = 0;
  bool variant = false;
  bool joined = false;  // either side is two tokens written as one
  float rarity = 1;
};

// UnmatchedToken is a token left without a partner, with its rarity.
struct UnmatchedToken {
  std::string text;
  float rarity = 1;
};

// NameComparison is the result of CompareNames: score in [0, 1] and its parts.
struct NameComparison {
  double score = 0;
  int order_changes = 0;  // aligned tokens out of the listed order, rotation allowed
  int typos = 0;          // aligned pairs neither equal nor romanization variants
  std::vector<AlignedPair> pairs;
  std::vector<UnmatchedToken> unmatched_query;
  std::vector<UnmatchedToken> unmatched_listed;
};

// CompareNames aligns query items with listed items one to one, greedily by similarity
// (TokenSimilarity 0 never aligns), and returns
//   score = M / (M_w + U_q + (1 - relief) * U_l) - kOrderPenalty * order_changes
//           - kExtraTypoPenalty * (typos - 1 if more than one)
// clamped to [0, 1], where M sums similarity * (weight_q + weight_l) over the pairs, M_w the
// same without the similarity, U_q and U_l the base weights of the unmatched tokens. A
// weighted Dice coefficient: a full alignment scores 1 however common its tokens; rarity
// scales what a match earns, and whatever is unmatched costs its full size (the listed side
// less, see kMaxListedRelief). O(items_q * items_l) token comparisons.
NameComparison CompareNames(const PreparedName& query, const PreparedName& listed);

// ItemSimilarity returns TokenSimilarity of query item query_idx and listed item listed_idx
// (setting *variant), for callers that know it already (the index computed it while
// gathering candidates).
// A non-owning callable reference (not std::function: called once per token pair of every
// compared name, the indirection and copy cost showed in the profile).
class ItemSimilarity {
 public:
  template <typename Function>
    requires(!std::is_same_v<std::remove_cvref_t<Function>, ItemSimilarity>)
  ItemSimilarity(const Function& function)  // NOLINT: implicit, like std::function_ref
      : object_(&function), call_([](const void* object, std::size_t query_idx,
                                     std::size_t listed_idx, bool* variant) {
          return (*static_cast<const Function*>(object))(query_idx, listed_idx, variant);
        }) {}
  double operator()(std::size_t query_idx, std::size_t listed_idx, bool* variant) const {
    return call_(object_, query_idx, listed_idx, variant);
  }

 private:
  const void* object_;
  double (*call_)(const void*, std::size_t, std::size_t, bool*);
};

// CompareNames with item_similarity in place of TokenSimilarity; the same result when it
// returns the same values.
NameComparison CompareNames(const PreparedName& query, const PreparedName& listed,
                            const ItemSimilarity& item_similarity);

// ScoreNames returns CompareNames(query, listed, item_similarity).score without building the
// explanation (no string is copied): the screening loop explains only what it keeps.
double ScoreNames(const PreparedName& query, const PreparedName& listed,
                  const ItemSimilarity& item_similarity);

// ScoreUpperBound returns a bound no CompareNames score of query against a listed name of
// total weight listed_total can exceed, given matched_bound >= its sum over pairs of
// similarity * (weight_q + weight_l).
double ScoreUpperBound(double matched_bound, float query_total, float listed_total);

// ExplainComparison renders a comparison for a reviewer:
// "kim=kim, jung~jong 0.85, ri~lee (romanization), nick~nicolas (nickname); unmatched
// listed: chol".
std::string ExplainComparison(const NameComparison& comparison);

}  // namespace crosscheck::watchlist::internal
