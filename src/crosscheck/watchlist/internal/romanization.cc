#include "crosscheck/watchlist/internal/romanization.h"

#include <algorithm>
#include <array>

#include "crosscheck/common/romanized_names.h"

namespace crosscheck::watchlist::internal {

// The curated groups are common/romanized_names' Korean table, shared with the network engine.
int RomanizationGroup(std::string_view token) { return KoreanSyllableGroup(token); }

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// KeyBuffer holds a skeleton without allocating: the pairwise comparison runs per candidate
// token in the screening loop.
class KeyBuffer {
 public:
  bool empty() const { return size_ == 0; }
  char back() const { return chars_[size_ - 1]; }
  void operator+=(char c) { chars_[size_++] = c; }
  std::string_view view() const { return {chars_.data(), size_}; }

 private:
  std::array<char, kMaxRomanizationKeyLength> chars_{};
  std::size_t size_ = 0;
};

// BuildKey writes the skeleton of token into key; false when token has none.
bool BuildKey(std::string_view token, KeyBuffer& key) {
  if (token.size() < 2 || token.size() > kMaxRomanizationKeyLength) return false;
  for (std::size_t pos = 0; pos < token.size(); ++pos) {
    const char c = token[pos];
    const char next = pos + 1 < token.size() ? token[pos + 1] : '\0';
    if (c >= '0' && c <= '9') return false;
    // Vowel spellings: RR eo/eu are MR o/u with a breve, which OFAC drops; oo and ee are
    // English spellings of u and i (Moon, Lee).
    if ((c == 'e' && (next == 'o' || next == 'u')) || (c == 'o' && next == 'o')) {
      key += next == 'o' && c == 'o' ? 'u' : next;
      ++pos;
      continue;
    }
    if (c == 'e' && next == 'e') {
      key += 'i';
      ++pos;
      continue;
    }
    // Aspiration marks (th, ph, kh; MR's apostrophe is already gone) and sh.
    if ((c == 't' || c == 'p' || c == 'k' || c == 's') && next == 'h') {
      key += c == 's' ? 's' : c;
      ++pos;
      continue;
    }
    char out = c;
    switch (c) {
      case 'g': out = pos > 0 && token[pos - 1] == 'n' ? 'g' : 'k'; break;  // ng stays
      case 'd': out = 't'; break;  // plain stops: RR voiced letters, MR voiceless ones
      case 'b': out = 'p'; break;
      case 'j': out = 'c'; break;
      case 'r': out = pos == 0 ? 'l' : 'r'; break;  // initial r/l (Ryu, Lyu)
      default: break;
    }
    if (c == 'h' && pos + 1 == token.size() && pos > 0 && IsVowel(token[pos - 1])) continue;
    if (pos > 0 && token[pos - 1] == c && !IsVowel(c)) continue;  // kk, tt, pp, ss
    if (c == 'c' && next == 'h') ++pos;  // ch and j are one consonant
    key += out;
  }
  return true;
}

}  // namespace

std::string RomanizationKey(std::string_view token) {
  KeyBuffer key;
  return BuildKey(token, key) ? std::string(key.view()) : std::string();
}

std::vector<std::string> RomanizationIndexKeys(std::string_view token) {
  std::vector<std::string> keys;
  const int group = RomanizationGroup(token);
  if (group >= 0) keys.push_back("#" + std::to_string(group));
  std::string skeleton = RomanizationKey(token);
  if (!skeleton.empty()) keys.push_back(std::move(skeleton));
  return keys;
}

bool AreRomanizationVariants(std::string_view left, std::string_view right) {
  if (left == right) return false;
  KeyBuffer left_key;
  KeyBuffer right_key;
  if (BuildKey(left, left_key) && BuildKey(right, right_key) &&
      left_key.view() == right_key.view()) {
    return true;
  }
  // Every curated spelling is a short token.
  if (left.size() > kMaxRomanizationKeyLength || right.size() > kMaxRomanizationKeyLength) {
    return false;
  }
  const int group = RomanizationGroup(left);
  return group >= 0 && group == RomanizationGroup(right);
}

}  // namespace crosscheck::watchlist::internal

namespace crosscheck::watchlist::internal {

RomanizationForm MakeRomanizationForm(std::string_view token) {
  RomanizationForm form;
  KeyBuffer key;
  form.has_key = BuildKey(token, key);
  if (form.has_key) {
    form.key_size = static_cast<std::uint8_t>(key.view().size());
    std::copy(key.view().begin(), key.view().end(), form.key.begin());
  }
  form.short_token = token.size() <= kMaxRomanizationKeyLength;
  if (form.short_token) form.group = RomanizationGroup(token);
  return form;
}

bool AreRomanizationVariants(const RomanizationForm& left, const RomanizationForm& right) {
  if (left.has_key && right.has_key && left.key_size == right.key_size &&
      std::equal(left.key.begin(), left.key.begin() + left.key_size, right.key.begin())) {
    return true;
  }
  if (!left.short_token || !right.short_token) return false;
  return left.group >= 0 && left.group == right.group;
}

}  // namespace crosscheck::watchlist::internal
