#include "crosscheck/watchlist/internal/hanja_readings.h"

#include <algorithm>
#include <fstream>
#include <unordered_map>

namespace crosscheck::watchlist::internal {
namespace {

using ReadingTable = std::unordered_map<std::string, std::vector<std::string>>;

// Utf8Length returns the byte length of the UTF-8 sequence starting with lead (1 for a bad
// lead byte, so that scanning always advances).
std::size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// IsOneCharacter is true when text is exactly one UTF-8 encoded code point.
bool IsOneCharacter(std::string_view text) {
  return !text.empty() && Utf8Length(static_cast<unsigned char>(text[0])) == text.size();
}

// IsHan is true for one UTF-8 encoded CJK ideograph: the unified blocks (U+3400..U+9FFF,
// U+20000..U+2FFFF) and the compatibility block (U+F900..U+FAFF). The table also reads
// symbols and letters, which must stay as they are.
bool IsHan(std::string_view text) {
  if (!IsOneCharacter(text) || text.size() < 3) return false;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(text[at])); };
  if (text.size() == 4) {
    const unsigned code = ((byte(0) & 0x07U) << 18) | ((byte(1) & 0x3FU) << 12) |
                          ((byte(2) & 0x3FU) << 6) | (byte(3) & 0x3FU);
    return code >= 0x20000 && code <= 0x2FFFF;
  }
  const unsigned code = ((byte(0) & 0x0FU) << 12) | ((byte(1) & 0x3FU) << 6) | (byte(2) & 0x3FU);
  return (code >= 0x3400 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF);
}

// LoadTable keeps the lines that read one Han character as one Hangul syllable; the rest of
// the file reads words.
ReadingTable LoadTable() {
  ReadingTable table;
  std::ifstream in{std::string(kHanjaTablePath)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string_view reading(line.data(), first);
    const std::string_view hanja(line.data() + first + 1, second - first - 1);
    if (!IsOneCharacter(reading) || !IsHan(hanja)) continue;
    std::vector<std::string>& readings = table[std::string(hanja)];
    if (readings.size() < kMaxReadingsPerCharacter) readings.emplace_back(reading);
  }
  return table;
}

const ReadingTable& Table() {
  static const ReadingTable table = LoadTable();
  return table;
}

}  // namespace

bool HanjaTableLoaded() { return !Table().empty(); }

std::vector<std::string> KoreanReadings(std::string_view name, std::size_t max_readings) {
  const ReadingTable& table = Table();
  std::vector<std::string> readings = {""};
  bool replaced = false;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::size_t length =
        std::min(Utf8Length(static_cast<unsigned char>(name[pos])), name.size() - pos);
    const std::string character(name.substr(pos, length));
    pos += length;
    const auto found = table.find(character);
    if (found == table.end()) {
      for (std::string& reading : readings) reading += character;
      continue;
    }
    replaced = true;
    std::vector<std::string> next;
    for (const std::string& reading : readings) {
      for (const std::string& syllable : found->second) {
        if (next.size() < max_readings) next.push_back(reading + syllable);
      }
    }
    readings = std::move(next);
  }
  if (!replaced) return {};
  return readings;
}

}  // namespace crosscheck::watchlist::internal
