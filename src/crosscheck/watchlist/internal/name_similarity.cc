#include "crosscheck/watchlist/internal/name_similarity.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "crosscheck/normalize/person_name.h"

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

// Spellings of one Korean syllable across McCune-Reischauer (used by OFAC and the UN for
// DPRK names: CHOL, PAK, RI), Revised Romanization (CHEOL, BAK, I) and common personal
// spellings (CHUL, PARK, LEE). JW alone cannot see ri~lee or pak~park (see
// shared/research/screening-sharing-telemetry.md, section 1.2, on romanization).
// Single letters (I, O) are left out: they collide with connectors such as the I of
// JAISH-I-MOHAMMED.
constexpr std::array<std::string_view, 37> kRomanizationGroups = {
    "kim gim",          "lee li ri yi rhee",      "park pak bak",
    "choi choe chwe",   "jeong jung chung chong jong cheong",
    "kang gang",        "cho jo joe",             "yoon yun",
    "jang chang",       "lim rim im",             "shin sin",
    "ryu yu yoo",       "seo so suh",
    "kwon gwon",        "jeon jon chon",          "ko go koh",
    "mun moon",         "bae pae",                "baek paek paik",
    "heo ho hur",       "noh no ro roh",          "kwak gwak",
    "cheol chol chul",  "hyeok hyok hyuk",        "yeong yong young",
    "myeong myong myung", "gwang kwang",          "seok sok suk",
    "eun un",           "hun hoon",               "jun joon",
    "su soo",           "hyeon hyon hyun",        "gyeong kyong kyung",
    "geum kum",         "deok tok dok",           "cheon chon"};

const std::unordered_map<std::string_view, int>& RomanizationTable() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, int>();
    for (std::size_t group = 0; group < kRomanizationGroups.size(); ++group) {
      std::string_view spellings = kRomanizationGroups[group];
      while (!spellings.empty()) {
        const std::size_t space = spellings.find(' ');
        const std::string_view spelling = spellings.substr(0, space);
        // A spelling in two groups (chon) keeps its first group.
        map->emplace(spelling, static_cast<int>(group));
        if (space == std::string_view::npos) break;
        spellings.remove_prefix(space + 1);
      }
    }
    return map;
  }();
  return *table;
}

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
  std::vector<std::size_t> before_previous(right.size() + 1);
  std::vector<std::size_t> previous(right.size() + 1);
  std::vector<std::size_t> current(right.size() + 1);
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

}  // namespace

std::string FoldNameToAscii(std::string_view name, bool* dropped_script) {
  if (dropped_script != nullptr) *dropped_script = false;
  std::string out;
  out.reserve(name.size());
  auto separate = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
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
      } else if (c == '\'' || c == '`' || c == '.') {
        // Dropped without a break: CHO'NG is one syllable, S.A. one legal form.
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
    if (first.text.size() + second.text.size() > 12 || HasDigit(first.text) ||
        HasDigit(second.text) || TokenWeightFactor(first.text) < 1.0F ||
        TokenWeightFactor(second.text) < 1.0F) {
      continue;
    }
    prepared.items.push_back({first.text + second.text, (3U << index),
                              first.weight + second.weight});
  }
  return prepared;
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

int RomanizationGroup(std::string_view token) {
  const auto& table = RomanizationTable();
  const auto found = table.find(token);
  return found == table.end() ? -1 : found->second;
}

double TokenSimilarity(std::string_view left, std::string_view right, bool* variant) {
  if (variant != nullptr) *variant = false;
  if (left == right) return 1.0;
  if (HasDigit(left) || HasDigit(right)) return 0.0;
  const int group = RomanizationGroup(left);
  if (group >= 0 && group == RomanizationGroup(right)) {
    if (variant != nullptr) *variant = true;
    return kRomanizationSimilarity;
  }
  double similarity = JaroWinkler(left, right);
  // A short token inside a long one (yong vs yongchol) scores high on Jaro-Winkler's prefix
  // bonus; scale by the length ratio as watchman does (scalingFactor, weight 0.3).
  const double ratio = static_cast<double>(std::min(left.size(), right.size())) /
                       static_cast<double>(std::max(left.size(), right.size()));
  if (ratio < 0.9) similarity *= 1.0 - 0.3 * (1.0 - ratio);
  // Jaro-Winkler is generous with short tokens (choi~chao 0.87, linda~lidia 0.89); an edit
  // budget of one edit per four letters (at least one) keeps only typos, as OpenSanctions'
  // strict_levenshtein does (rigour, max edits = len // 4).
  if (similarity >= kMinTokenSimilarity) {
    const std::size_t budget = std::max<std::size_t>(1, std::min(left.size(), right.size()) / 4);
    if (EditDistance(left, right) > budget) return 0.0;
  }
  return similarity;
}

NameComparison CompareNames(const PreparedName& query, const PreparedName& listed) {
  struct Candidate {
    double similarity;
    float weight;
    std::uint32_t query_idx;
    std::uint32_t listed_idx;
    bool variant;
    bool joined;
  };
  std::vector<Candidate> candidates;
  for (std::uint32_t query_idx = 0; query_idx < query.items.size(); ++query_idx) {
    for (std::uint32_t listed_idx = 0; listed_idx < listed.items.size(); ++listed_idx) {
      const NameItem& q = query.items[query_idx];
      const NameItem& l = listed.items[listed_idx];
      bool variant = false;
      const double similarity = TokenSimilarity(q.text, l.text, &variant);
      if (similarity < kMinTokenSimilarity) continue;
      const bool joined = (q.mask & (q.mask - 1)) != 0 || (l.mask & (l.mask - 1)) != 0;
      if (joined && similarity < kMinJoinedSimilarity) continue;
      candidates.push_back(
          {similarity, q.weight + l.weight, query_idx, listed_idx, variant, joined});
    }
  }
  // Greedy one-to-one assignment, best pairs first (watchman BestPairsJaroWinkler); on ties
  // single tokens go before joined ones so the explanation reads kim=kim, jong=jong.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    if (a.joined != b.joined) return !a.joined;
    if (a.weight != b.weight) return a.weight > b.weight;
    if (a.query_idx != b.query_idx) return a.query_idx < b.query_idx;
    return a.listed_idx < b.listed_idx;
  });
  NameComparison result;
  std::uint32_t used_query = 0;
  std::uint32_t used_listed = 0;
  double matched = 0;
  for (const Candidate& candidate : candidates) {
    const NameItem& q = query.items[candidate.query_idx];
    const NameItem& l = listed.items[candidate.listed_idx];
    if ((used_query & q.mask) != 0 || (used_listed & l.mask) != 0) continue;
    used_query |= q.mask;
    used_listed |= l.mask;
    matched += candidate.similarity * candidate.weight;
    result.pairs.push_back({q.text, l.text, candidate.similarity, candidate.variant});
  }
  for (std::size_t index = 0; index < query.tokens.size(); ++index) {
    if ((used_query & (1U << index)) == 0) result.unmatched_query.push_back(query.tokens[index].text);
  }
  for (std::size_t index = 0; index < listed.tokens.size(); ++index) {
    if ((used_listed & (1U << index)) == 0) {
      result.unmatched_listed.push_back(listed.tokens[index].text);
    }
  }
  const double total = static_cast<double>(query.total_weight) + listed.total_weight;
  result.score = total > 0 ? std::min(1.0, matched / total) : 0.0;
  return result;
}

std::string ExplainComparison(const NameComparison& comparison) {
  std::string out;
  for (const AlignedPair& pair : comparison.pairs) {
    if (!out.empty()) out += ", ";
    if (pair.similarity >= 1.0) {
      out += pair.query + "=" + pair.listed;
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof(buffer), " %.2f", pair.similarity);
      out += pair.query + "~" + pair.listed + buffer;
      if (pair.variant) out += " (romanization)";
    }
  }
  if (out.empty()) out = "no aligned tokens";
  auto append_list = [&out](const char* label, const std::vector<std::string>& tokens) {
    if (tokens.empty()) return;
    out += "; ";
    out += label;
    out += ":";
    for (const std::string& token : tokens) out += " " + token;
  };
  append_list("unmatched query", comparison.unmatched_query);
  append_list("unmatched listed", comparison.unmatched_listed);
  return out;
}

}  // namespace crosscheck::watchlist::internal
