#include "crosscheck/simulate/record_corruption.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace crosscheck::simulate {
namespace {

// Neighbours on a QWERTY keyboard (FEBRL's generator uses the same adjacency idea).
constexpr std::array<std::string_view, 26> kKeyNeighbours = {
    "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn",
    "jiolm", "kop", "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji",
    "cfgb", "qase", "zsdc", "tghu", "asx"};

// Scanning confusions, both directions (GeCo's OCR lookup table has the same pairs).
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kOcrPairs = {{
    {"m", "rn"}, {"d", "cl"}, {"h", "li"}, {"w", "vv"}, {"n", "ri"}, {"u", "ii"}, {"e", "c"}, {"l", "i"}}};

// Spellings of one sound (GeCo's phonetic rules, English subset).
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kPhoneticPairs = {{
    {"ph", "f"}, {"ck", "k"}, {"c", "k"}, {"ie", "y"}, {"ee", "ea"}, {"ou", "ow"}, {"son", "sen"},
    {"th", "t"}, {"y", "i"}, {"ll", "l"}, {"tt", "t"}, {"nn", "n"}, {"ss", "s"}, {"z", "s"},
    {"ei", "ie"}, {"x", "ks"}}};

bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

std::string RandomEdit(std::string_view value, Rng& rng) {
  std::string out(value);
  const std::size_t pos = rng.Below(out.size() + 1);
  const std::size_t kind = out.size() < 2 ? 0 : rng.Below(3);
  if (kind == 1) {
    out.erase(std::min(pos, out.size() - 1), 1);
  } else if (kind == 2) {
    const std::size_t left = std::min(pos, out.size() - 2);
    std::swap(out[left], out[left + 1]);
  }
  // Swapping two equal letters changes nothing: insert instead.
  if (kind == 0 || out == value) {
    out = std::string(value);
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(pos), static_cast<char>('a' + rng.Below(26)));
  }
  return out;
}

std::string KeyboardError(std::string_view value, Rng& rng) {
  std::vector<std::size_t> letters;
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    if (IsLetter(value[idx])) letters.push_back(idx);
  }
  if (letters.empty()) return RandomEdit(value, rng);
  const std::size_t pos = letters[rng.Below(letters.size())];
  const std::string_view near = kKeyNeighbours[static_cast<std::size_t>(value[pos] - 'a')];
  std::string out(value);
  const char key = near[rng.Below(near.size())];
  if (rng.Chance(0.7)) out[pos] = key;                                           // hit the wrong key
  else out.insert(out.begin() + static_cast<std::ptrdiff_t>(pos + 1), key);      // hit two keys
  return out;
}

// ReplaceOne replaces one random occurrence of any listed spelling by its partner (either
// direction); returns false when none occurs.
template <std::size_t N>
bool ReplaceOne(std::string& value, const std::array<std::pair<std::string_view, std::string_view>, N>& pairs,
                Rng& rng) {
  std::vector<std::pair<std::size_t, std::pair<std::string_view, std::string_view>>> sites;
  for (const auto& [a, b] : pairs) {
    for (std::size_t pos = value.find(a); pos != std::string::npos; pos = value.find(a, pos + 1)) {
      sites.push_back({pos, {a, b}});
    }
    for (std::size_t pos = value.find(b); pos != std::string::npos; pos = value.find(b, pos + 1)) {
      sites.push_back({pos, {b, a}});
    }
  }
  if (sites.empty()) return false;
  const auto& [pos, change] = sites[rng.Below(sites.size())];
  value.replace(pos, change.first.size(), change.second);
  return true;
}

std::string Truncate(std::string_view value, Rng& rng) {
  if (value.size() <= 2) return RandomEdit(value, rng);
  if (rng.Chance(0.3)) return std::string(value.substr(0, 1));  // an initial
  return std::string(value.substr(0, 2 + rng.Below(value.size() - 2)));
}

}  // namespace

std::string ApplyCorruption(std::string_view value, CorruptionKind kind, Rng& rng) {
  std::string out(value);
  switch (kind) {
    case CorruptionKind::kKeyboard:
      return KeyboardError(value, rng);
    case CorruptionKind::kOcr:
      return ReplaceOne(out, kOcrPairs, rng) ? out : RandomEdit(value, rng);
    case CorruptionKind::kPhonetic:
      return ReplaceOne(out, kPhoneticPairs, rng) ? out : RandomEdit(value, rng);
    case CorruptionKind::kEdit:
      return RandomEdit(value, rng);
    case CorruptionKind::kTruncate:
      return Truncate(value, rng);
  }
  return out;
}

std::string CorruptValue(std::string_view value, const CorruptionMix& mix, Rng& rng) {
  const std::size_t kind = rng.PickWeighted({mix.keyboard, mix.ocr, mix.phonetic, mix.edit, mix.truncate});
  return ApplyCorruption(value, static_cast<CorruptionKind>(kind), rng);
}

std::string CorruptDigits(std::string_view digits, Rng& rng) {
  std::string out(digits);
  if (out.empty()) return out;
  const std::size_t pos = rng.Below(out.size());
  if (rng.Chance(0.6) || out.size() < 2) {
    const int digit = out[pos] >= '0' && out[pos] <= '9' ? out[pos] - '0' : 0;
    out[pos] = static_cast<char>('0' + (digit + 1 + static_cast<int>(rng.Below(9))) % 10);
  } else {
    const std::size_t left = pos + 1 < out.size() ? pos : pos - 1;
    std::swap(out[left], out[left + 1]);
  }
  return out;
}

}  // namespace crosscheck::simulate
