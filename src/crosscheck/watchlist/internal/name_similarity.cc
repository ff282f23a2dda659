#include "crosscheck/watchlist/internal/name_similarity.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <string_view>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/person_name.h"
#include "crosscheck/watchlist/internal/hanja_readings.h"
#include "crosscheck/watchlist/internal/romanization.h"

namespace crosscheck::watchlist::internal {
namespace {

// ASCII for U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A): NFKD with the marks
// removed, plus the letters NFKD leaves alone (ß -> ss, Ø -> o, Ł -> l, Œ -> oe).
constexpr std::array<const char*, 192> kLatinFold = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "ng", "ng", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};

// Cyrillic U+0430..U+044F (а..я), a simplified BGN/PCGN romanization.
constexpr std::array<const char*, 32> kCyrillicFold = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

// Hangul syllable jamo in Revised Romanization (Ministry of Culture and Tourism, 2000),
// applied per syllable without the sound-change rules; names are romanized that way.
constexpr std::array<const char*, 19> kHangulInitial = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h"};
constexpr std::array<const char*, 21> kHangulMedial = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
constexpr std::array<const char*, 28> kHangulFinal = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "l", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

// Legal forms and generic organisation words carry little identity: "BELLETECH CORP" must
// not match "11420 CORP." (watchman issue #483). Particles are weaker than name tokens.
float TokenWeightFactor(std::string_view token) {
  static constexpr std::array<std::string_view, 36> kLegalForms = {
      "co",  "company", "corp", "corporation", "inc",   "incorporated", "ltd",  "limited",
      "llc", "plc",     "gmbh", "sa",          "sas",   "srl",          "bv",   "ag",
      "jsc", "ojsc",    "ooo",  "zao",         "pte",   "pvt",          "group", "holding",
      "holdings", "trading", "the", "of", "and", "for", "international", "enterprise",
      "enterprises", "lp", "llp", "cv"};
  static constexpr std::array<std::string_view, 11> kParticles = {
      "al", "el", "bin", "ibn", "bint", "de", "da", "di", "del", "van", "von"};
  if (std::find(kLegalForms.begin(), kLegalForms.end(), token) != kLegalForms.end()) {
    return 0.25F;
  }
  if (std::find(kParticles.begin(), kParticles.end(), token) != kParticles.end()) return 0.5F;
  return 1.0F;
}

// EditDistance is the optimal-string-alignment distance (Levenshtein plus adjacent
// transpositions, Damerau 1964), for short tokens.
std::size_t EditDistance(std::string_view left, std::string_view right) {
  // Three rows on the stack for name tokens; longer strings (rare) use the heap.
  constexpr std::size_t kStackColumns = 48;
  std::array<std::size_t, 3 * kStackColumns> stack_rows;
  std::vector<std::size_t> heap_rows;
  std::size_t* rows = stack_rows.data();
  const std::size_t columns = right.size() + 1;
  if (columns > kStackColumns) {
    heap_rows.resize(3 * columns);
    rows = heap_rows.data();
  }
  std::size_t* before_previous = rows;
  std::size_t* previous = rows + columns;
  std::size_t* current = rows + 2 * columns;
  for (std::size_t col = 0; col <= right.size(); ++col) previous[col] = col;
  for (std::size_t row = 1; row <= left.size(); ++row) {
    current[0] = row;
    for (std::size_t col = 1; col <= right.size(); ++col) {
      const std::size_t cost = left[row - 1] == right[col - 1] ? 0 : 1;
      current[col] = std::min({previous[col] + 1, current[col - 1] + 1, previous[col - 1] + cost});
      if (row > 1 && col > 1 && left[row - 1] == right[col - 2] && left[row - 2] == right[col - 1]) {
        current[col] = std::min(current[col], before_previous[col - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[right.size()];
}

// BoundedEditDistance is EditDistance when it is at most max_edits, else max_edits + 1.
std::size_t BoundedEditDistance(std::string_view left, std::string_view right,
                                std::size_t max_edits) {
  if (max_edits == 0) return left == right ? 0 : 1;
  if (max_edits == 1) return left == right ? 0 : WithinOneEdit(left, right) ? 1 : 2;
  return std::min(EditDistance(left, right), max_edits + 1);
}

// IsAdjacentPairReplaced is true when two equal-length tokens differ in exactly two
// neighbouring letters: a different syllable (xiaoming, xiaohong), not the scattered changes
// of a typo or a transliteration (mohammed, muhammad).
bool IsAdjacentPairReplaced(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  std::size_t first = std::string_view::npos;
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < left.size(); ++pos) {
    if (left[pos] == right[pos]) continue;
    if (count++ == 0) first = pos;
    if (count == 2 && pos != first + 1) return false;
  }
  return count == 2;
}

bool HasDigit(std::string_view token) {
  return std::any_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// DecodeUtf8 reads one code point at pos, advancing pos; returns -1 for a bad sequence
// (one byte is consumed).
int DecodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(pos);
  int length = 0;
  int code = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    ++pos;
    return -1;
  }
  if (pos + length > text.size()) {
    ++pos;
    return -1;
  }
  for (int index = 1; index < length; ++index) {
    const unsigned char next = byte(pos + index);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return -1;
    }
    code = (code << 6) | (next & 0x3F);
  }
  pos += length;
  return code;
}

// OrderChanges counts how far the aligned tokens are from the listed order, a rotation
// allowed (surname first or last): in query order the listed positions of a rotation step
// down once around the cycle; each further step down is one change.
// positions holds (query token, listed token) of each of the count aligned pairs.
int OrderChanges(std::array<std::pair<int, int>, kMaxNameTokens> positions, std::size_t count) {
  if (count < 3) return 0;
  std::sort(positions.begin(), positions.begin() + static_cast<std::ptrdiff_t>(count));
  int descents = 0;
  for (std::size_t idx = 0; idx < count; ++idx) {
    const int next = positions[(idx + 1) % count].second;
    descents += next < positions[idx].second ? 1 : 0;
  }
  return std::max(0, descents - 1);
}

}  // namespace

std::string FoldNameToAscii(std::string_view name, bool* dropped_script) {
  if (dropped_script != nullptr) *dropped_script = false;
  std::string out;
  out.reserve(name.size());
  auto separate = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  std::size_t initials_end = 0;  // where the last joined initial ended in out
  std::size_t pos = 0;
  while (pos < name.size()) {
    const int code = DecodeUtf8(name, pos);
    if (code < 0) continue;
    if (code < 0x80) {
      const char c = static_cast<char>(code);
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(c);
      } else if (c == '\'' || c == '`') {
        // Dropped without a break: CHO'NG is one syllable.
      } else if (c == '.') {
        // A period after one letter joins initials (S.A., A.I.C.); after a word it separates
        // (Banco.Nacional, Dr.Ayman).
        const std::size_t space = out.rfind(' ');
        const std::size_t run_start = std::max(space == std::string::npos ? 0 : space + 1,
                                               initials_end);
        if (out.size() - run_start <= 1) {
          initials_end = out.size();
        } else {
          separate();
        }
      } else {
        separate();
      }
    } else if (code >= 0xC0 && code < 0x180) {
      out += kLatinFold[code - 0xC0];
    } else if (code == 0x2019 || code == 0x2018 || code == 0x02BC || code == 0x02BB) {
      // Typographic apostrophes, as in Ch’oe.
    } else if (code >= 0x0410 && code <= 0x044F) {
      out += kCyrillicFold[(code - 0x0410) % 32];
    } else if (code == 0x0401 || code == 0x0451) {
      out += "e";
    } else if (code >= 0xAC00 && code <= 0xD7A3) {
      // Each Hangul syllable of a Korean name is its own token, as romanized names write
      // them ("Min Jun" or "Min-jun"); the alignment rejoins them when needed.
      const int index = code - 0xAC00;
      separate();
      out += kHangulInitial[index / (21 * 28)];
      out += kHangulMedial[(index % (21 * 28)) / 28];
      out += kHangulFinal[index % 28];
      separate();
    } else {
      if (dropped_script != nullptr && code > 0x2FF) *dropped_script = true;
      separate();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

PreparedName PrepareName(std::string_view name) {
  PreparedName prepared;
  bool dropped_script = false;
  std::string folded = FoldNameToAscii(name, &dropped_script);
  if (dropped_script) {
    folded = FoldNameToAscii(normalize::NormalizePersonName(name).full);
  }
  std::size_t start = 0;
  while (start < folded.size() && prepared.tokens.size() < kMaxNameTokens) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) {
      NameToken token;
      token.text = folded.substr(start, end - start);
      // A name part counts as a unit more than by its letters: an unmatched two-letter
      // surname (Li, Un) must still cost something against a long listed name.
      token.weight = (2.0F + 0.5F * static_cast<float>(token.text.size())) *
                     TokenWeightFactor(token.text);
      token.base_weight = token.weight;
      prepared.total_weight += token.weight;
      prepared.tokens.push_back(std::move(token));
    }
    start = end + 1;
  }
  for (std::size_t index = 0; index < prepared.tokens.size(); ++index) {
    const NameToken& token = prepared.tokens[index];
    prepared.items.push_back({token.text, 1U << index, token.weight});
  }
  // Adjacent tokens written together: Korean given names appear as "Yong Chol", "Yong-Chol"
  // and "Yongchol"; watchman does the same for short tokens (GenerateWordCombinations).
  for (std::size_t index = 0; index + 1 < prepared.tokens.size(); ++index) {
    const NameToken& first = prepared.tokens[index];
    const NameToken& second = prepared.tokens[index + 1];
    // Legal forms join too: JSCARGUMENT is JSC ARGUMENT (watchman issue 594).
    if (first.text.size() + second.text.size() > kMaxJoinedLength || HasDigit(first.text) ||
        HasDigit(second.text)) {
      continue;
    }
    prepared.items.push_back({first.text + second.text, (3U << index),
                              first.weight + second.weight});
  }
  return prepared;
}

std::vector<PreparedName> PrepareNameReadings(std::string_view name) {
  std::vector<PreparedName> readings;
  readings.push_back(PrepareName(name));
  for (const std::string& korean : KoreanReadings(name, kMaxKoreanReadings)) {
    readings.push_back(PrepareName(korean));
  }
  std::erase_if(readings, [](const PreparedName& reading) { return reading.tokens.empty(); });
  return readings;
}

double JaroWinkler(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return left.empty() && right.empty() ? 1.0 : 0.0;
  if (left == right) return 1.0;
  if (left.size() > right.size()) std::swap(left, right);
  const std::size_t window =
      std::max<std::size_t>(right.size() / 2, 1) - 1;
  // Tokens are short: flags live on the stack unless a token is unusually long.
  std::array<char, 64> left_buffer{};
  std::array<char, 64> right_buffer{};
  std::vector<char> left_heap;
  std::vector<char> right_heap;
  char* left_matched = left_buffer.data();
  char* right_matched = right_buffer.data();
  if (right.size() > right_buffer.size()) {
    left_heap.assign(left.size(), 0);
    right_heap.assign(right.size(), 0);
    left_matched = left_heap.data();
    right_matched = right_heap.data();
  }
  std::size_t matches = 0;
  for (std::size_t left_idx = 0; left_idx < left.size(); ++left_idx) {
    const std::size_t from = left_idx > window ? left_idx - window : 0;
    const std::size_t to = std::min(right.size(), left_idx + window + 1);
    for (std::size_t right_idx = from; right_idx < to; ++right_idx) {
      if (right_matched[right_idx] || left[left_idx] != right[right_idx]) continue;
      left_matched[left_idx] = 1;
      right_matched[right_idx] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  std::size_t right_idx = 0;
  for (std::size_t left_idx = 0; left_idx < left.size(); ++left_idx) {
    if (!left_matched[left_idx]) continue;
    while (!right_matched[right_idx]) ++right_idx;
    if (left[left_idx] != right[right_idx]) ++transpositions;
    ++right_idx;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(left.size()) +
                       m / static_cast<double>(right.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  if (jaro <= 0.7) return jaro;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < left.size() && left[prefix] == right[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

namespace {

// TokenSimilarityWith is TokenSimilarity with the romanization test given: on two tokens, or
// on their precomputed forms (the screening loop).
template <typename AreNicknamesTest, typename AreVariants>
double TokenSimilarityWith(std::string_view left, std::string_view right, bool* variant,
                           const AreNicknamesTest& are_nicknames, const AreVariants& are_variants) {
  if (variant != nullptr) *variant = false;
  if (left == right) return 1.0;
  // Before the length test: a nickname may share few letters with its name (bob, robert).
  if (are_nicknames()) {
    if (variant != nullptr) *variant = true;
    return kNicknameSimilarity;
  }
  // No spelling variant or typo is more than three letters longer (ri, rhee).
  if (std::max(left.size(), right.size()) - std::min(left.size(), right.size()) > 3) return 0.0;
  if (HasDigit(left) || HasDigit(right)) return 0.0;
  if (are_variants()) {
    if (variant != nullptr) *variant = true;
    return kRomanizationSimilarity;
  }
  // Jaro-Winkler is generous with short tokens (choi~chao 0.87, linda~lidia 0.89); an edit
  // budget of one edit per four letters (at least one) keeps only typos, as OpenSanctions'
  // strict_levenshtein does (rigour, max edits = len // 4). Every pair that aligns is within
  // it, so a length difference beyond it ends the comparison early.
  const std::size_t shorter = std::min(left.size(), right.size());
  const std::size_t longer = std::max(left.size(), right.size());
  const std::size_t budget = std::max<std::size_t>(1, shorter / 4);
  if (longer - shorter > budget) return 0.0;
  const std::size_t edits = BoundedEditDistance(left, right, budget);
  if (edits > budget) return 0.0;
  // One typo in a short token (kin for kim, rtu for ryu) is still the token, but weakly: it
  // keeps (n - 1) / n of an n-letter token instead of nothing (a cliff at one edit). On
  // three letters this holds whatever Jaro-Winkler says: its prefix bonus decides alone
  // there (yan~yang 0.87, yan~ian 0.78).
  const double one_edit = edits == 1 && shorter >= kMinOneEditLength
                              ? 1.0 - 1.0 / static_cast<double>(shorter)
                              : 0.0;
  if (shorter < 4 && one_edit > 0.0) return one_edit;
  double similarity = JaroWinkler(left, right);
  // A short token inside a long one (yong vs yongchol) scores high on Jaro-Winkler's prefix
  // bonus; scale by the length ratio as watchman does (scalingFactor, weight 0.3).
  const double ratio = static_cast<double>(shorter) / static_cast<double>(longer);
  if (ratio < 0.9) similarity *= 1.0 - 0.3 * (1.0 - ratio);
  if (similarity < kMinTokenSimilarity) return one_edit;
  // At the edge of the budget (two edits in 8-11 letters) a replaced pair of neighbours is a
  // different syllable.
  if (edits == 2 && budget == 2 && IsAdjacentPairReplaced(left, right)) return 0.0;
  return similarity;
}

}  // namespace

double TokenSimilarity(std::string_view left, std::string_view right, bool* variant) {
  return TokenSimilarityWith(left, right, variant, [&] { return AreNicknames(left, right); },
                             [&] { return AreRomanizationVariants(left, right); });
}

TokenForm MakeTokenForm(std::string_view token) {
  return {MakeRomanizationForm(token), MakeNicknameForm(token)};
}

double TokenSimilarity(std::string_view left, const TokenForm& left_form, std::string_view right,
                       const TokenForm& right_form, bool* variant) {
  return TokenSimilarityWith(
      left, right, variant, [&] { return AreNicknames(left_form.nickname, right_form.nickname); },
      [&] { return AreRomanizationVariants(left_form.romanization, right_form.romanization); });
}

const char* VariantKind(std::string_view left, std::string_view right) {
  return AreNicknames(left, right) ? "nickname" : "romanization";
}

NameComparison CompareNames(const PreparedName& query, const PreparedName& listed) {
  return CompareNames(query, listed,
                      [&](std::size_t query_idx, std::size_t listed_idx, bool* variant) {
                        return TokenSimilarity(query.items[query_idx].text,
                                               listed.items[listed_idx].text, variant);
                      });
}

namespace {

// PairCandidate is a query item and a listed item that may be aligned.
struct PairCandidate {
  double similarity;
  float weight;
  std::uint32_t query_idx;
  std::uint32_t listed_idx;
  bool variant;
  bool joined;
};

// PairCandidates returns the pairs that may align, best first: greedy one-to-one assignment
// takes them in this order (watchman BestPairsJaroWinkler); on ties single tokens go before
// joined ones so the explanation reads kim=kim, jong=jong.
// candidates is the caller's reused buffer (one allocation per thread, not per comparison).
void PairCandidates(const PreparedName& query, const PreparedName& listed,
                    const ItemSimilarity& item_similarity, std::vector<PairCandidate>& candidates) {
  candidates.clear();
  for (std::uint32_t query_idx = 0; query_idx < query.items.size(); ++query_idx) {
    for (std::uint32_t listed_idx = 0; listed_idx < listed.items.size(); ++listed_idx) {
      const NameItem& q = query.items[query_idx];
      const NameItem& l = listed.items[listed_idx];
      bool variant = false;
      const double similarity = item_similarity(query_idx, listed_idx, &variant);
      if (similarity <= 0.0) continue;
      const bool joined = (q.mask & (q.mask - 1)) != 0 || (l.mask & (l.mask - 1)) != 0;
      // Two tokens written as one must be nearly equal: one edit at most, none below
      // kMinJoinedEditLength letters (majie is not majid, liulihua not liguihua).
      const std::size_t edits_allowed =
          std::min(q.text.size(), l.text.size()) >= kMinJoinedEditLength ? 1 : 0;
      if (joined && (similarity < kMinJoinedSimilarity ||
                     BoundedEditDistance(q.text, l.text, edits_allowed) > edits_allowed)) {
        continue;
      }
      candidates.push_back(
          {similarity, q.weight + l.weight, query_idx, listed_idx, variant, joined});
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const PairCandidate& a, const PairCandidate& b) {
              if (a.similarity != b.similarity) return a.similarity > b.similarity;
              if (a.joined != b.joined) return !a.joined;
              if (a.weight != b.weight) return a.weight > b.weight;
              if (a.query_idx != b.query_idx) return a.query_idx < b.query_idx;
              return a.listed_idx < b.listed_idx;
            });
}

// Assignment is the outcome of the greedy alignment: which tokens are used, which listed
// tokens aligned exactly or as variants, the matched weight and each pair's token positions.
struct Assignment {
  std::uint32_t used_query = 0;
  std::uint32_t used_listed = 0;
  std::uint32_t sure_listed = 0;
  int typos = 0;
  double matched = 0;
  std::size_t pair_count = 0;
  // (query token, listed token) of each pair: one per query token at most.
  std::array<std::pair<int, int>, kMaxNameTokens> positions;
};

// AssignPairs aligns greedily; details (optional) receives the pairs.
Assignment AssignPairs(const std::vector<PairCandidate>& candidates, const PreparedName& query,
                       const PreparedName& listed, NameComparison* details) {
  Assignment assignment;
  for (const PairCandidate& candidate : candidates) {
    const NameItem& q = query.items[candidate.query_idx];
    const NameItem& l = listed.items[candidate.listed_idx];
    if ((assignment.used_query & q.mask) != 0 || (assignment.used_listed & l.mask) != 0) continue;
    assignment.used_query |= q.mask;
    assignment.used_listed |= l.mask;
    if (candidate.similarity >= 1.0 || candidate.variant) {
      assignment.sure_listed |= l.mask;
    } else {
      ++assignment.typos;
    }
    assignment.matched += candidate.similarity * candidate.weight;
    assignment.positions[assignment.pair_count++] = {std::countr_zero(q.mask),
                                                      std::countr_zero(l.mask)};
    if (details == nullptr) continue;
    details->pairs.push_back(
        {q.text, l.text, candidate.similarity, candidate.variant, candidate.joined, l.rarity});
  }
  return assignment;
}

// Denominator sums what the score is measured against (see CompareNames) and lists the
// unmatched tokens in details (optional).
double Denominator(const PreparedName& query, const PreparedName& listed,
                   const Assignment& assignment, NameComparison* details) {
  double denominator = 0;
  for (std::size_t index = 0; index < query.tokens.size(); ++index) {
    const NameToken& token = query.tokens[index];
    const bool used = (assignment.used_query & (1U << index)) != 0;
    denominator += used ? token.weight : token.base_weight;
    if (!used && details != nullptr) details->unmatched_query.push_back({token.text, token.rarity});
  }
  double evidence = 0;
  double unmatched_listed = 0;
  for (std::size_t index = 0; index < listed.tokens.size(); ++index) {
    const NameToken& token = listed.tokens[index];
    if ((assignment.used_listed & (1U << index)) == 0) {
      if (details != nullptr) details->unmatched_listed.push_back({token.text, token.rarity});
      unmatched_listed += token.base_weight;
      continue;
    }
    denominator += token.weight;
    // A typo'd token is half the evidence: a partial name with a typo stacks two doubts.
    const double sure = (assignment.sure_listed & (1U << index)) != 0 ? 1.0 : 0.5;
    evidence += sure * static_cast<double>(token.text.size()) * token.rarity;
  }
  // One aligned listed part is a shared name, not a partial one: no relief.
  const double relief =
      std::popcount(assignment.used_listed) < 2
          ? 0.0
          : kMaxListedRelief * std::clamp((evidence - kReliefFromEvidence) /
                                              (kReliefFullEvidence - kReliefFromEvidence),
                                          0.0, 1.0);
  return denominator + (1.0 - relief) * unmatched_listed;
}

// Compare scores listed against query; details (optional) receives the explanation.
double Compare(const PreparedName& query, const PreparedName& listed,
               const ItemSimilarity& item_similarity, NameComparison* details) {
  thread_local std::vector<PairCandidate> candidates;
  PairCandidates(query, listed, item_similarity, candidates);
  const Assignment assignment = AssignPairs(candidates, query, listed, details);
  const double denominator = Denominator(query, listed, assignment, details);
  const int order_changes = OrderChanges(assignment.positions, assignment.pair_count);
  const double dice = denominator > 0 ? std::min(1.0, assignment.matched / denominator) : 0.0;
  const double alike = assignment.pair_count > 0 && assignment.sure_listed == 0 ? kNothingAlikeFactor : 1.0;
  const double score = alike * std::max(0.0, dice - kOrderPenalty * order_changes -
                                                 kExtraTypoPenalty * std::max(0, assignment.typos - 1));
  if (details != nullptr) {
    details->order_changes = order_changes;
    details->typos = assignment.typos;
    details->score = score;
  }
  return score;
}

}  // namespace

NameComparison CompareNames(const PreparedName& query, const PreparedName& listed,
                            const ItemSimilarity& item_similarity) {
  NameComparison result;
  Compare(query, listed, item_similarity, &result);
  return result;
}

double ScoreNames(const PreparedName& query, const PreparedName& listed,
                  const ItemSimilarity& item_similarity) {
  return Compare(query, listed, item_similarity, nullptr);
}

double ScoreUpperBound(double matched_bound, float query_total, float listed_total) {
  // Every token costs at least its rarity-scaled weight, a listed one at least
  // (1 - kMaxListedRelief) of it.
  const double least_total = static_cast<double>(query_total) +
                             (1.0 - kMaxListedRelief) * static_cast<double>(listed_total);
  return least_total > 0 ? std::min(1.0, matched_bound / least_total) : 0.0;
}

std::string ExplainComparison(const NameComparison& comparison) {
  std::string out;
  char buffer[64];
  for (const AlignedPair& pair : comparison.pairs) {
    if (!out.empty()) out += ", ";
    if (pair.similarity >= 1.0) {
      out += pair.query + "=" + pair.listed;
    } else {
      std::snprintf(buffer, sizeof(buffer), " %.2f", pair.similarity);
      out += pair.query + "~" + pair.listed + buffer;
      if (pair.variant) out += std::string(" (") + VariantKind(pair.query, pair.listed) + ")";
    }
    std::snprintf(buffer, sizeof(buffer), " [rarity %.2f]", pair.rarity);
    out += buffer;
  }
  if (out.empty()) out = "no aligned tokens";
  auto append_list = [&](const char* label, const std::vector<UnmatchedToken>& tokens) {
    if (tokens.empty()) return;
    out += "; ";
    out += label;
    out += ":";
    for (const UnmatchedToken& token : tokens) {
      std::snprintf(buffer, sizeof(buffer), " [rarity %.2f]", token.rarity);
      out += " " + token.text + buffer;
    }
  };
  append_list("unmatched query", comparison.unmatched_query);
  append_list("unmatched listed", comparison.unmatched_listed);
  if (comparison.typos > 1) {
    std::snprintf(buffer, sizeof(buffer), "; %d tokens with typos", comparison.typos);
    out += buffer;
  }
  if (comparison.order_changes > 0) {
    std::snprintf(buffer, sizeof(buffer), "; order changed %d", comparison.order_changes);
    out += buffer;
  }
  const bool any_alike = std::any_of(comparison.pairs.begin(), comparison.pairs.end(), [](const AlignedPair& pair) {
    return pair.similarity >= 1.0 || pair.variant;
  });
  if (!comparison.pairs.empty() && !any_alike) {
    std::snprintf(buffer, sizeof(buffer), "; no part spelt alike (x%.1f)", kNothingAlikeFactor);
    out += buffer;
  }
  return out;
}

}  // namespace crosscheck::watchlist::internal
