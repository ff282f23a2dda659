#include "crosscheck/link/comparators.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <vector>

namespace crosscheck::link {
namespace {

constexpr std::size_t kStackLength = 64;

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// SplitTokens splits on single spaces (FoldText output) into at most kMaxTokens views.
constexpr std::size_t kMaxTokens = 16;
std::size_t SplitTokens(std::string_view text, std::array<std::string_view, kMaxTokens>& out) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (start < text.size() && count < kMaxTokens) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out[count++] = text.substr(start, end - start);
    start = end + 1;
  }
  return count;
}

bool TokensClose(std::string_view left, std::string_view right) {
  if (left == right) return true;
  // An initial matches any token with the same first letter ("j" ~ "john").
  if ((left.size() == 1 || right.size() == 1) && left[0] == right[0]) return true;
  if (left.size() < 2 || right.size() < 2) return false;
  if (WithinOneEdit(left, right)) return true;
  return JaroWinklerUpperBound(left, right) >= 0.92 && JaroWinkler(left, right) >= 0.92;
}

// FoldCodePoint maps a Latin-1 Supplement or Latin Extended-A letter to ASCII; nullptr when
// it is not one we know.
const char* FoldCodePoint(unsigned code_point) {
  static constexpr const char* kLatin1[64] = {
      "a", "a", "a",  "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o",  "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a",  "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o",  "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};
  if (code_point >= 0xC0 && code_point <= 0xFF) return kLatin1[code_point - 0xC0];
  if (code_point < 0x100 || code_point > 0x17F) return nullptr;
  struct Range {
    unsigned last;
    const char* ascii;
  };
  static constexpr Range kExtendedA[] = {
      {0x105, "a"}, {0x10D, "c"}, {0x111, "d"}, {0x11B, "e"}, {0x123, "g"}, {0x127, "h"},
      {0x131, "i"}, {0x133, "ij"}, {0x135, "j"}, {0x138, "k"}, {0x142, "l"}, {0x14B, "n"},
      {0x151, "o"}, {0x153, "oe"}, {0x159, "r"}, {0x161, "s"}, {0x167, "t"}, {0x173, "u"},
      {0x175, "w"}, {0x178, "y"}, {0x17E, "z"}, {0x17F, "s"}};
  for (const Range& range : kExtendedA) {
    if (code_point <= range.last) return range.ascii;
  }
  return nullptr;
}

}  // namespace

namespace {

// JaroWinklerLong is the textbook algorithm with flag vectors, for strings over 64 bytes.
double JaroWinklerLong(std::string_view left, std::string_view right) {
  const std::size_t left_size = left.size();
  const std::size_t right_size = right.size();
  std::vector<char> left_flags(left_size, 0);
  std::vector<char> right_flags(right_size, 0);
  const std::size_t window = right_size / 2 > 0 ? right_size / 2 - 1 : 0;
  std::size_t matches = 0;
  for (std::size_t left_idx = 0; left_idx < left_size; ++left_idx) {
    const std::size_t low = left_idx > window ? left_idx - window : 0;
    const std::size_t high = std::min(left_idx + window + 1, right_size);
    for (std::size_t right_idx = low; right_idx < high; ++right_idx) {
      if (!right_flags[right_idx] && left[left_idx] == right[right_idx]) {
        left_flags[left_idx] = right_flags[right_idx] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  std::size_t right_idx = 0;
  for (std::size_t left_idx = 0; left_idx < left_size; ++left_idx) {
    if (!left_flags[left_idx]) continue;
    while (!right_flags[right_idx]) ++right_idx;
    if (left[left_idx] != right[right_idx]) ++transpositions;
    ++right_idx;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(left_size) + m / static_cast<double>(right_size) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < left_size && left[prefix] == right[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

}  // namespace

double JaroWinkler(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return 0.0;
  if (left == right) return 1.0;
  if (left.size() > right.size()) std::swap(left, right);
  const std::size_t left_size = left.size();
  const std::size_t right_size = right.size();
  if (right_size > 64) return JaroWinklerLong(left, right);
  // Matched positions as bit masks: no allocation, and the transposition walk jumps from set
  // bit to set bit.
  std::uint64_t left_flags = 0;
  std::uint64_t right_flags = 0;
  const std::size_t window = right_size / 2 > 0 ? right_size / 2 - 1 : 0;
  unsigned matches = 0;
  for (std::size_t left_idx = 0; left_idx < left_size; ++left_idx) {
    const std::size_t low = left_idx > window ? left_idx - window : 0;
    const std::size_t high = std::min(left_idx + window + 1, right_size);
    const char c = left[left_idx];
    for (std::size_t right_idx = low; right_idx < high; ++right_idx) {
      if (right[right_idx] == c && !((right_flags >> right_idx) & 1U)) {
        left_flags |= std::uint64_t{1} << left_idx;
        right_flags |= std::uint64_t{1} << right_idx;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  unsigned transpositions = 0;
  std::uint64_t left_rest = left_flags;
  std::uint64_t right_rest = right_flags;
  while (left_rest != 0) {
    const int left_idx = std::countr_zero(left_rest);
    const int right_idx = std::countr_zero(right_rest);
    if (left[static_cast<std::size_t>(left_idx)] != right[static_cast<std::size_t>(right_idx)]) ++transpositions;
    left_rest &= left_rest - 1;
    right_rest &= right_rest - 1;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(left_size) + m / static_cast<double>(right_size) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < left_size && left[prefix] == right[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

// Character histograms bucket bytes by their low five bits: the 26 ASCII letters get a bucket
// each (digits share buckets with letters, which only loosens the bounds, never breaks them).
// Byte counters keep the histogram in two vector registers; longer strings use wider ones.
namespace {
constexpr unsigned kBuckets = 32;
unsigned Bucket(char c) { return static_cast<unsigned char>(c) & (kBuckets - 1); }

template <typename Count>
int CommonCharacters(std::string_view shorter, std::string_view longer) {
  std::array<Count, kBuckets> counts{};
  for (char c : shorter) ++counts[Bucket(c)];
  int common = 0;
  for (char c : longer) {
    Count& count = counts[Bucket(c)];
    const bool hit = count != 0;
    common += hit;
    count = static_cast<Count>(count - hit);
  }
  return common;
}

template <typename Count>
int HistogramDistance(std::string_view left, std::string_view right) {
  std::array<Count, kBuckets> counts{};
  for (char c : left) ++counts[Bucket(c)];
  for (char c : right) --counts[Bucket(c)];
  int l1 = 0;
  for (Count count : counts) l1 += count < 0 ? -count : count;
  return l1;
}
}  // namespace

double JaroWinklerBoundFromCommon(std::string_view left, std::string_view right, int common) {
  if (left.empty() || right.empty()) return 0.0;
  if (left.size() > right.size()) std::swap(left, right);
  common = std::min(common, static_cast<int>(std::min<std::size_t>(left.size(), INT32_MAX)));
  if (common <= 0) return 0.0;
  const double m = static_cast<double>(common);
  const double jaro = (m / static_cast<double>(left.size()) + m / static_cast<double>(right.size()) + 1.0) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < left.size() && left[prefix] == right[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

double JaroWinklerUpperBound(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return 0.0;
  if (left.size() > right.size()) std::swap(left, right);
  const int common = left.size() < 256 ? CommonCharacters<std::uint8_t>(left, right)
                                        : CommonCharacters<std::uint32_t>(left, right);
  return JaroWinklerBoundFromCommon(left, right, common);
}

namespace {
constexpr std::array<std::uint8_t, 256> kWordBucket = [] {
  std::array<std::uint8_t, 256> buckets{};
  for (auto& bucket : buckets) bucket = 15;
  constexpr std::string_view kOwn = "aeiounrstlhdcm";  // buckets 0..13
  for (std::size_t idx = 0; idx < kOwn.size(); ++idx) buckets[static_cast<unsigned char>(kOwn[idx])] = static_cast<std::uint8_t>(idx);
  for (char c : std::string_view("bfgkpvwy")) buckets[static_cast<unsigned char>(c)] = 14;
  return buckets;
}();
constexpr std::array<std::uint8_t, 256> kNumberBucket = [] {
  std::array<std::uint8_t, 256> buckets{};
  for (std::size_t idx = 0; idx < buckets.size(); ++idx) buckets[idx] = static_cast<std::uint8_t>(10 + idx % 6);
  for (int digit = 0; digit < 10; ++digit) buckets['0' + digit] = static_cast<std::uint8_t>(digit);
  return buckets;
}();
constexpr std::uint64_t kLowNibbles = 0x0F0F0F0F0F0F0F0FULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
// LaneMinMax splits 8 byte lanes holding 0..15 into their per-lane minimum and maximum.
void LaneMinMax(std::uint64_t a, std::uint64_t b, std::uint64_t& minimum, std::uint64_t& maximum) {
  const std::uint64_t a_ge_b = (((a | kHighBits) - b) & kHighBits) >> 7;  // 1 where a >= b
  const std::uint64_t select = a_ge_b * 0xFF;
  minimum = (b & select) | (a & ~select);
  maximum = (a & select) | (b & ~select);
}
int LaneSum(std::uint64_t lanes) { return static_cast<int>((lanes * 0x0101010101010101ULL) >> 56); }
}  // namespace

std::uint64_t CharacterProfile(std::string_view text, bool digits) {
  const std::array<std::uint8_t, 256>& bucket_of = digits ? kNumberBucket : kWordBucket;
  std::array<std::uint8_t, 16> counts{};
  for (char c : text) {
    std::uint8_t& count = counts[bucket_of[static_cast<unsigned char>(c)]];
    if (count == 15) return kNoProfile;
    ++count;
  }
  std::uint64_t profile = 0;
  for (int bucket = 0; bucket < 16; ++bucket) profile |= static_cast<std::uint64_t>(counts[bucket]) << (4 * bucket);
  return profile;
}

int ProfileCommonBound(std::uint64_t left, std::uint64_t right) {
  if (left == kNoProfile || right == kNoProfile) return -1;
  std::uint64_t even_min, even_max, odd_min, odd_max;
  LaneMinMax(left & kLowNibbles, right & kLowNibbles, even_min, even_max);
  LaneMinMax((left >> 4) & kLowNibbles, (right >> 4) & kLowNibbles, odd_min, odd_max);
  return LaneSum(even_min) + LaneSum(odd_min);  // at most 16 * 15: no lane overflows
}

int ProfileDistanceBound(std::uint64_t left, std::uint64_t right) {
  if (left == kNoProfile || right == kNoProfile) return 0;
  std::uint64_t even_min, even_max, odd_min, odd_max;
  LaneMinMax(left & kLowNibbles, right & kLowNibbles, even_min, even_max);
  LaneMinMax((left >> 4) & kLowNibbles, (right >> 4) & kLowNibbles, odd_min, odd_max);
  const int l1 = LaneSum(even_max - even_min) + LaneSum(odd_max - odd_min);
  return (l1 + 1) / 2;
}

int EditDistanceLowerBound(std::string_view left, std::string_view right) {
  const int l1 = left.size() < 128 && right.size() < 128 ? HistogramDistance<std::int8_t>(left, right)
                                                         : HistogramDistance<std::int32_t>(left, right);
  const auto length_difference =
      static_cast<int>(left.size() > right.size() ? left.size() - right.size() : right.size() - left.size());
  return std::max(length_difference, (l1 + 1) / 2);
}

int DamerauLevenshtein(std::string_view left, std::string_view right, int max_distance) {
  const int left_size = static_cast<int>(left.size());
  const int right_size = static_cast<int>(right.size());
  const int too_far = max_distance + 1;
  if (std::abs(left_size - right_size) > max_distance) return too_far;
  if (left == right) return 0;
  if (left_size == 0 || right_size == 0) return std::min(std::max(left_size, right_size), too_far);
  // Three rolling rows of the optimal-string-alignment table; stop once a whole row exceeds
  // the bound, since distances along any alignment path never decrease.
  std::array<int, kStackLength + 1> rows_stack[3];
  std::vector<int> rows_heap[3];
  int* rows[3];
  for (int idx = 0; idx < 3; ++idx) {
    if (right_size <= static_cast<int>(kStackLength)) {
      rows[idx] = rows_stack[idx].data();
    } else {
      rows_heap[idx].assign(right_size + 1, 0);
      rows[idx] = rows_heap[idx].data();
    }
  }
  int* two_back = rows[0];
  int* previous = rows[1];
  int* current = rows[2];
  for (int col = 0; col <= right_size; ++col) previous[col] = col;
  for (int row = 1; row <= left_size; ++row) {
    current[0] = row;
    int row_min = row;
    for (int col = 1; col <= right_size; ++col) {
      const int cost = left[row - 1] == right[col - 1] ? 0 : 1;
      int best = std::min({previous[col - 1] + cost, current[col - 1] + 1, previous[col] + 1});
      if (row > 1 && col > 1 && left[row - 1] == right[col - 2] && left[row - 2] == right[col - 1]) {
        best = std::min(best, two_back[col - 2] + 1);
      }
      current[col] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > max_distance) return too_far;
    int* recycled = two_back;
    two_back = previous;
    previous = current;
    current = recycled;
  }
  return std::min(previous[right_size], too_far);
}

std::string PhoneticCode(std::string_view word) {
  // Metaphone (Philips 1990), the common rules; enough to make spelling variants of names
  // collide for blocking and for a "sounds alike" comparison level.
  std::string letters;
  letters.reserve(word.size());
  for (char c : word) {
    if (c >= 'a' && c <= 'z') letters.push_back(c);
    else if (c >= 'A' && c <= 'Z') letters.push_back(static_cast<char>(c - 'A' + 'a'));
  }
  std::string code;
  if (letters.empty()) return code;
  std::size_t start = 0;
  auto starts = [&](std::string_view prefix) { return letters.starts_with(prefix); };
  if (starts("ae") || starts("gn") || starts("kn") || starts("pn") || starts("wr")) start = 1;
  if (letters[0] == 'x') {
    code.push_back('s');
    start = 1;
  } else if (starts("wh")) {
    code.push_back('w');
    start = 2;
  }
  const std::size_t size = letters.size();
  auto at = [&](std::size_t idx) -> char { return idx < size ? letters[idx] : '\0'; };
  for (std::size_t idx = start; idx < size && code.size() < 6; ++idx) {
    const char c = letters[idx];
    if (c != 'c' && idx > start && c == letters[idx - 1]) continue;
    const char next = at(idx + 1);
    const char prev = idx > 0 ? letters[idx - 1] : '\0';
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u':
        if (idx == start) code.push_back(c == 'e' ? 'e' : 'a');
        break;
      case 'b':
        if (!(prev == 'm' && idx + 1 == size)) code.push_back('b');
        break;
      case 'c':
        if (next == 'i' && at(idx + 2) == 'a') code.push_back('x');
        else if (next == 'h') {
          code.push_back(prev == 's' ? 'k' : 'x');
          ++idx;
        } else if (next == 'i' || next == 'e' || next == 'y') {
          if (prev != 's') code.push_back('s');
        } else {
          code.push_back('k');
        }
        break;
      case 'd':
        if (next == 'g' && (at(idx + 2) == 'e' || at(idx + 2) == 'i' || at(idx + 2) == 'y')) {
          code.push_back('j');
          idx += 2;
        } else {
          code.push_back('t');
        }
        break;
      case 'g':
        if (next == 'h' && idx + 2 < size && !IsVowel(at(idx + 2))) break;
        if (next == 'n' && (idx + 2 == size || (at(idx + 2) == 'e' && at(idx + 3) == 'd'))) break;
        if ((next == 'i' || next == 'e' || next == 'y') && prev != 'g') code.push_back('j');
        else code.push_back('k');
        if (next == 'h') ++idx;
        break;
      case 'h':
        if (IsVowel(next) && !(prev == 'c' || prev == 's' || prev == 'p' || prev == 't' ||
                               prev == 'g')) {
          code.push_back('h');
        }
        break;
      case 'k':
        if (prev != 'c') code.push_back('k');
        break;
      case 'p':
        if (next == 'h') {
          code.push_back('f');
          ++idx;
        } else {
          code.push_back('p');
        }
        break;
      case 'q': code.push_back('k'); break;
      case 's':
        if (next == 'h') {
          code.push_back('x');
          ++idx;
        } else if (next == 'i' && (at(idx + 2) == 'o' || at(idx + 2) == 'a')) {
          code.push_back('x');
        } else {
          code.push_back('s');
        }
        break;
      case 't':
        if (next == 'i' && (at(idx + 2) == 'o' || at(idx + 2) == 'a')) code.push_back('x');
        else if (next == 'h') {
          code.push_back('0');
          ++idx;
        } else if (!(next == 'c' && at(idx + 2) == 'h')) {
          code.push_back('t');
        }
        break;
      case 'v': code.push_back('f'); break;
      case 'w': case 'y':
        if (IsVowel(next)) code.push_back(c);
        break;
      case 'x':
        code.push_back('k');
        if (code.size() < 6) code.push_back('s');
        break;
      case 'z': code.push_back('s'); break;
      default: code.push_back(c); break;  // f j l m n r
    }
  }
  return code;
}

std::string FoldText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto emit = [&](std::string_view piece) {
    for (char c : piece) {
      if (c == ' ') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    }
  };
  for (std::size_t idx = 0; idx < text.size();) {
    const auto byte = static_cast<unsigned char>(text[idx]);
    if (byte < 0x80) {
      char c = static_cast<char>(byte);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      const char piece[1] = {keep ? c : ' '};
      emit(std::string_view(piece, 1));
      ++idx;
      continue;
    }
    std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    length = std::min(length, text.size() - idx);
    if (length == 2) {
      const unsigned code_point =
          ((byte & 0x1Fu) << 6) | (static_cast<unsigned char>(text[idx + 1]) & 0x3Fu);
      if (const char* ascii = FoldCodePoint(code_point)) {
        emit(ascii);
        idx += 2;
        continue;
      }
    }
    emit(text.substr(idx, length));
    idx += length;
  }
  return out;
}

int TokenSetLevel(std::string_view left, std::string_view right) {
  std::array<std::string_view, kMaxTokens> left_tokens;
  std::array<std::string_view, kMaxTokens> right_tokens;
  std::size_t left_count = SplitTokens(left, left_tokens);
  std::size_t right_count = SplitTokens(right, right_tokens);
  if (left_count == 0 || right_count == 0) return 3;
  std::sort(left_tokens.begin(), left_tokens.begin() + left_count);
  std::sort(right_tokens.begin(), right_tokens.begin() + right_count);
  if (left_count == right_count &&
      std::equal(left_tokens.begin(), left_tokens.begin() + left_count, right_tokens.begin())) {
    return 0;
  }
  if (left_count > right_count) {
    std::swap(left_tokens, right_tokens);
    std::swap(left_count, right_count);
  }
  // Greedy assignment: exact matches first, then close ones, each long token used once.
  std::array<bool, kMaxTokens> used{};
  std::array<bool, kMaxTokens> matched{};
  std::size_t matched_count = 0;
  bool substantive_match = false;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t short_idx = 0; short_idx < left_count; ++short_idx) {
      if (matched[short_idx]) continue;
      for (std::size_t long_idx = 0; long_idx < right_count; ++long_idx) {
        if (used[long_idx]) continue;
        const bool hit = pass == 0 ? left_tokens[short_idx] == right_tokens[long_idx]
                                   : TokensClose(left_tokens[short_idx], right_tokens[long_idx]);
        if (!hit) continue;
        used[long_idx] = matched[short_idx] = true;
        ++matched_count;
        if (left_tokens[short_idx].size() >= 2 && right_tokens[long_idx].size() >= 2) {
          substantive_match = true;
        }
        break;
      }
    }
  }
  if (matched_count == left_count && substantive_match) return 1;
  if (substantive_match) return 2;
  return 3;
}

double TokenJaccard(std::string_view left, std::string_view right) {
  std::array<std::string_view, kMaxTokens> left_tokens;
  std::array<std::string_view, kMaxTokens> right_tokens;
  const std::size_t left_count = SplitTokens(left, left_tokens);
  const std::size_t right_count = SplitTokens(right, right_tokens);
  if (left_count == 0 || right_count == 0) return 0.0;
  std::sort(left_tokens.begin(), left_tokens.begin() + left_count);
  std::sort(right_tokens.begin(), right_tokens.begin() + right_count);
  const auto left_end = std::unique(left_tokens.begin(), left_tokens.begin() + left_count);
  const auto right_end = std::unique(right_tokens.begin(), right_tokens.begin() + right_count);
  std::size_t common = 0;
  auto left_it = left_tokens.begin();
  auto right_it = right_tokens.begin();
  while (left_it != left_end && right_it != right_end) {
    if (*left_it == *right_it) {
      ++common;
      ++left_it;
      ++right_it;
    } else if (*left_it < *right_it) {
      ++left_it;
    } else {
      ++right_it;
    }
  }
  const auto total = static_cast<std::size_t>((left_end - left_tokens.begin()) +
                                               (right_end - right_tokens.begin())) - common;
  return static_cast<double>(common) / static_cast<double>(total);
}

namespace {

// LeadingYear returns the number the first four characters spell, or -1.
int LeadingYear(std::string_view date) {
  int year = 0;
  for (char c : date.substr(0, 4)) {
    if (c < '0' || c > '9') return -1;
    year = year * 10 + (c - '0');
  }
  return year;
}

bool IsOneOf(std::string_view token, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (token == word) return true;
  }
  return false;
}

// IsStyle: a style written before a name. "hon" is left out: it is also a given name.
bool IsStyle(std::string_view token) {
  return IsOneOf(token, {"sir", "dame", "lady", "lord", "rev", "revd", "reverend", "dr", "mr", "mrs", "ms",
                         "miss", "honourable", "honorable", "the"});
}

// IsPostNominal: letters and styles written after a name.
bool IsPostNominal(std::string_view token) {
  return IsOneOf(token, {"bt", "bart", "baronet", "kt", "kg", "kbe", "obe", "mbe", "frs", "qc", "kc", "jr", "sr"});
}

bool IsPeerageRank(std::string_view token) {
  return IsOneOf(token, {"baron", "baroness", "earl", "count", "countess", "viscount", "viscountess", "marquess",
                         "marquis", "marchioness", "duke", "duchess"});
}

// IsOrdinal: "1st", "2nd", "3rd", "4th" ... "first" .. "fifth".
bool IsOrdinal(std::string_view token) {
  if (IsOneOf(token, {"first", "second", "third", "fourth", "fifth"})) return true;
  if (token.size() < 3 || token[0] < '0' || token[0] > '9') return false;
  const std::string_view suffix = token.substr(token.size() - 2);
  return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

}  // namespace

std::string StripHonorifics(std::string_view folded) {
  std::vector<std::string_view> tokens;
  for (std::size_t begin = 0; begin < folded.size();) {
    const std::size_t end = std::min(folded.find(' ', begin), folded.size());
    if (end > begin) tokens.push_back(folded.substr(begin, end - begin));
    begin = end + 1;
  }
  std::string kept;
  for (std::size_t idx = 0; idx < tokens.size(); ++idx) {
    const std::string_view token = tokens[idx];
    // Styles only lead ("john lord" keeps its surname); post-nominals and ordinals only follow.
    if (kept.empty() ? IsStyle(token) : (IsPostNominal(token) || IsOrdinal(token))) continue;
    // A peerage ("baron ashford", "earl of ashford") or designation ("of ashford") after the
    // name takes its place name with it; a rank with nothing after it may be a surname (Earl).
    const bool has_next = idx + 1 < tokens.size();
    if (!kept.empty() && has_next && (IsPeerageRank(token) || token == "of")) {
      if (tokens[idx + 1] == "of") ++idx;
      ++idx;
      continue;
    }
    if (!kept.empty()) kept.push_back(' ');
    kept.append(token);
  }
  return kept.empty() ? std::string(folded) : kept;
}

int DateLevel(std::string_view left, std::int32_t left_days, std::string_view right,
              std::int32_t right_days) {
  if (left == right) return 0;
  if (left.size() == 8 && right.size() == 8) {
    if (WithinOneEdit(left, right)) return 1;
    // Day and month swapped: the same year, MMDD of one is DDMM of the other.
    if (left.substr(0, 4) == right.substr(0, 4) && left.substr(4, 2) == right.substr(6, 2) &&
        left.substr(6, 2) == right.substr(4, 2)) {
      return 1;
    }
  }
  if (left_days != kNoDays && right_days != kNoDays &&
      std::abs(static_cast<std::int64_t>(left_days) - right_days) <= 365) {
    return 2;
  }
  // Registers often give only a year, and disagree by one about it (old style and new style
  // calendars, a birth at the turn of the year, an age converted to a year).
  if ((left.size() == 4 || right.size() == 4) && left.size() >= 4 && right.size() >= 4) {
    const int left_year = LeadingYear(left);
    const int right_year = LeadingYear(right);
    if (left_year >= 0 && right_year >= 0 && std::abs(left_year - right_year) <= 1) return 2;
  }
  return 3;
}

}  // namespace crosscheck::link
