#include "crosscheck/graph/name_match.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/romanized_names.h"
#include "crosscheck/common/strings.h"

namespace crosscheck::graph {

namespace {

// Tokens are split again at hyphens and apostrophes ("min-jun"), lower-cased ASCII.
std::vector<std::string> SplitParts(const NormalizedName& name) {
  std::vector<std::string> parts;
  for (const std::string& token : name.tokens) {
    std::string current;
    for (char c : token) {
      if (c == '-' || c == '\'' || c == '.' || c == ' ') {
        if (!current.empty()) parts.push_back(std::move(current));
        current.clear();
      } else {
        current.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      }
    }
    if (!current.empty()) parts.push_back(std::move(current));
  }
  return parts;
}

bool PartsMatch(std::string_view left, std::string_view right);  // below, with the skeletons

std::string Joined(std::vector<std::string> parts) {
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (const std::string& part : parts) joined += part;
  return joined;
}

// Covers: every full token of `small` matches a distinct token of `big`; an initial matches
// a token with that first letter. At least one full token must match.
bool Covers(const std::vector<std::string>& small, const std::vector<std::string>& big) {
  std::vector<bool> used(big.size(), false);
  int full_matches = 0;
  for (const std::string& token : small) {
    bool found = false;
    for (std::size_t idx = 0; idx < big.size() && !found; ++idx) {
      if (used[idx]) continue;
      const bool initial = (token.size() == 1 || big[idx].size() == 1) && token[0] == big[idx][0];
      if (initial || PartsMatch(token, big[idx])) {
        used[idx] = true;
        found = true;
        if (!initial) ++full_matches;
      }
    }
    if (!found) return false;
  }
  return full_matches > 0;
}

// Skeleton (RomanizationSkeleton) reduces a romanized name part to the consonants that survive the
// common romanization systems of one sound: Kim/Gim, Park/Bak, Hyun/Hyeon, Jung/Chung,
// Zhou/Chou, Xu/Hsu. Vowels, w, y and h (vowel glides and aspiration marks) are dropped;
// voiced/unvoiced pairs and r/l merge. Used only to avoid calling two spellings of one name
// "different people"; never to find a match on its own strength.
std::string Skeleton(std::string_view part) {
  std::string skeleton;
  for (std::size_t idx = 0; idx < part.size(); ++idx) {
    char c = part[idx];
    const char next = idx + 1 < part.size() ? part[idx + 1] : '\0';
    if ((c == 'c' || c == 's' || c == 'z') && next == 'h') ++idx;  // ch, sh, zh
    else if (c == 't' && next == 's') ++idx;                       // ts
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'w': case 'y': case 'h': continue;
      case 'g': case 'q': c = 'k'; break;
      case 'b': c = 'p'; break;
      case 'd': c = 't'; break;
      case 'r': c = 'l'; break;
      case 'j': case 'z': c = 'c'; break;
      case 'x': c = 's'; break;
      default: break;
    }
    if (skeleton.empty() || skeleton.back() != c) skeleton.push_back(c);
  }
  return skeleton;
}

// SameRomanizedSound: two parts of three or more letters whose skeletons agree and carry at
// least two consonants ("kim"/"gim"), or whole names whose joined skeletons agree.
// ShortFormOf: a part of four or more letters that begins or ends the other (Magda/Magdalena,
// Alex/Alexander, Seun/Oluwaseun, Tina/Christina): short forms the nickname table does not
// list.
bool ShortFormOf(std::string_view left, std::string_view right) {
  if (left.size() > right.size()) std::swap(left, right);
  if (left.size() < 4) return false;
  return right.substr(0, left.size()) == left || right.substr(right.size() - left.size()) == left;
}

bool SameRomanizedSound(std::string_view left, std::string_view right) {
  if (left.size() < 3 || right.size() < 3) return false;
  const std::string a = Skeleton(left);
  return a.size() >= 2 && a == Skeleton(right);
}

// PartsMatch: equal, one edit when both have four or more letters (short tokens such as
// "li"/"le" or "kim"/"kin" are different names), two romanizations of one sound
// (Jung/Chung/Jeong), or of one Korean syllable or Chinese surname that letters cannot join
// (Ri/Lee, Pak/Park, Liu/Lau, He/Ho, Chen/Tan: common/romanized_names).
bool PartsMatch(std::string_view left, std::string_view right) {
  if (left == right) return true;
  if (left.size() >= 4 && right.size() >= 4 && WithinOneEdit(left, right)) return true;
  return SameRomanizedSound(left, right) || AreSurnameRomanizations(left, right);
}

// SharesKey: keyed names (consortium records) share a key whose first letter is in `kinds`.
// Both token lists are sorted (NormalizedName::tokens).
bool SharesKey(const NormalizedName& left, const NormalizedName& right, std::string_view kinds) {
  auto a = left.tokens.begin();
  auto b = right.tokens.begin();
  while (a != left.tokens.end() && b != right.tokens.end()) {
    if (*a < *b) {
      ++a;
    } else if (*b < *a) {
      ++b;
    } else {
      if (!a->empty() && kinds.find(a->front()) != std::string_view::npos) return true;
      ++a;
      ++b;
    }
  }
  return false;
}

}  // namespace

bool NamesAreOnePerson(const NormalizedName& left, const NormalizedName& right) {
  // Keyed names: the member company computed the whole-name keys (parts joined in sorted
  // order; given and family name alone), so one key in common is one name.
  if (left.keyed || right.keyed) return left.keyed && right.keyed && SharesKey(left, right, "fw");
  const std::vector<std::string> a = SplitParts(left), b = SplitParts(right);
  if (a.empty() || b.empty()) return false;
  // Joined letters catch "min jun" vs "minjun" and family-first vs given-first writing.
  const std::string joined_a = Joined(a), joined_b = Joined(b);
  if (joined_a == joined_b) return true;
  std::string concat_a, concat_b;
  for (const std::string& part : a) concat_a += part;
  for (const std::string& part : b) concat_b += part;
  std::string sorted_a = concat_a, sorted_b = concat_b;
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  if (sorted_a == sorted_b && concat_a.size() >= 6) return true;  // same letters, other split
  return a.size() <= b.size() ? Covers(a, b) : Covers(b, a);
}

bool NamesShareAPart(const NormalizedName& left, const NormalizedName& right) {
  if (left.keyed || right.keyed) return left.keyed && right.keyed && SharesKey(left, right, "fpswqk");
  const std::vector<std::string> a = SplitParts(left), b = SplitParts(right);
  for (const std::string& x : a) {
    if (x.size() < 2) continue;
    for (const std::string& y : b) {
      if (y.size() >= 2 && (PartsMatch(x, y) || ShortFormOf(x, y))) return true;
    }
  }
  if (NamesAreOnePerson(left, right)) return true;
  // Syllables split differently by two romanizations ("hyun-woo" / "hyeonu").
  std::string joined_a, joined_b;
  for (const std::string& x : a) joined_a += Skeleton(x);
  for (const std::string& y : b) joined_b += Skeleton(y);
  return joined_a.size() >= 3 && joined_a == joined_b;
}

bool WrittenInDifferentScripts(const NormalizedName& left, const NormalizedName& right) {
  return !left.tokens.empty() && !right.tokens.empty() && left.transliterated != right.transliterated;
}

bool SpellingsOfOneName(const NormalizedApplication& left, const NormalizedApplication& right,
                        bool compare_births) {
  if (compare_births && left.date_of_birth && right.date_of_birth && *left.date_of_birth != *right.date_of_birth) {
    return false;
  }
  return left.name.full == right.name.full || NamesAreOnePerson(left.name, right.name);
}

bool CouldBeOnePerson(const NormalizedApplication& left, const NormalizedApplication& right,
                      bool compare_births) {
  if (left.date_of_birth && right.date_of_birth) {
    if (*left.date_of_birth == *right.date_of_birth) return true;
    if (compare_births) return false;
  }
  return WrittenInDifferentScripts(left.name, right.name) || NamesShareAPart(left.name, right.name);
}

std::vector<std::string> NameParts(const NormalizedName& name) { return SplitParts(name); }

std::string RomanizationSkeleton(std::string_view part) { return Skeleton(part); }

}  // namespace crosscheck::graph
