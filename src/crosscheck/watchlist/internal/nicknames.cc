#include "crosscheck/watchlist/internal/nicknames.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/name_similarity.h"

namespace crosscheck::watchlist::internal {

// data/nicknames.csv, embedded by CMake (nicknames_csv.cc.in).
extern const char kNicknamesCsv[];

namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// NicknameEntry is what the table knows of one token: the given name it is, and the given
// names it is a nickname of (sorted ids). One map, so a token is hashed once.
struct NicknameEntry {
  std::int32_t given_name = -1;
  std::vector<std::uint16_t> nickname_of;
};

// NicknameTable: given names by id, and each token's entry.
struct NicknameTable {
  StringMap<NicknameEntry> tokens;
  // Every given name of kMinSpellingVariantLength+ letters with one letter removed: a token
  // one edit from a given name shares one of these with it (or is one).
  StringMap<std::vector<std::uint16_t>> given_name_deletions;
  std::vector<std::string> given_names;
};

bool IsLowerAsciiWord(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::uint16_t GivenNameId(NicknameTable& table, std::string_view name) {
  NicknameEntry& entry = table.tokens[std::string(name)];
  if (entry.given_name < 0) {
    entry.given_name = static_cast<std::int32_t>(table.given_names.size());
    table.given_names.emplace_back(name);
  }
  return static_cast<std::uint16_t>(entry.given_name);
}

// ParseTable reads "name1,has_nickname,name2" lines (a header, CRLF endings); other
// relationships and entries that are not one lower-case word (k.c.) are skipped.
NicknameTable ParseTable(std::string_view csv) {
  NicknameTable table;
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = csv.find('\n', start);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find(',');
    const std::size_t second = first == std::string_view::npos ? first : line.find(',', first + 1);
    if (second == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, first);
    const std::string_view relation = line.substr(first + 1, second - first - 1);
    const std::string_view nickname = line.substr(second + 1);
    if (relation != "has_nickname" || !IsLowerAsciiWord(name) || !IsLowerAsciiWord(nickname) ||
        nickname.size() < kMinNicknameLength) {
      continue;
    }
    const std::uint16_t id = GivenNameId(table, name);
    table.tokens[std::string(nickname)].nickname_of.push_back(id);
  }
  for (auto& [token, entry] : table.tokens) {
    std::vector<std::uint16_t>& ids = entry.nickname_of;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  for (std::uint16_t id = 0; id < table.given_names.size(); ++id) {
    const std::string& name = table.given_names[id];
    if (name.size() < kMinSpellingVariantLength) continue;
    for (std::size_t skip = 0; skip < name.size(); ++skip) {
      table.given_name_deletions[name.substr(0, skip) + name.substr(skip + 1)].push_back(id);
    }
  }
  return table;
}

const NicknameTable& Table() {
  static const NicknameTable table = ParseTable(kNicknamesCsv);
  return table;
}

void AddGivenName(NicknameForm& form, std::uint16_t id) {
  const auto names = form.given_names();
  if (form.name_count == kMaxNicknameGroups || std::find(names.begin(), names.end(), id) != names.end()) {
    return;
  }
  form.names[form.name_count++] = id;
}

// AddSpellings adds the given names of kMinSpellingVariantLength+ letters one edit from token.
void AddSpellings(const NicknameTable& table, std::string_view token, NicknameForm& form) {
  auto add_verified = [&](const std::vector<std::uint16_t>& ids) {
    for (std::uint16_t id : ids) {
      if (WithinOneEdit(token, table.given_names[id])) AddGivenName(form, id);
    }
  };
  // The token is a given name less one letter.
  if (const auto found = table.given_name_deletions.find(token); found != table.given_name_deletions.end()) {
    add_verified(found->second);
  }
  std::string shorter;
  for (std::size_t skip = 0; skip < token.size(); ++skip) {
    if (skip > 0 && token[skip] == token[skip - 1]) continue;
    shorter.assign(token.substr(0, skip));
    shorter.append(token.substr(skip + 1));
    // A given name less one letter (a replaced or swapped letter), or the given name itself.
    if (const auto found = table.given_name_deletions.find(shorter); found != table.given_name_deletions.end()) {
      add_verified(found->second);
    }
    if (shorter.size() < kMinSpellingVariantLength) continue;
    if (const auto found = table.tokens.find(shorter);
        found != table.tokens.end() && found->second.given_name >= 0) {
      AddGivenName(form, static_cast<std::uint16_t>(found->second.given_name));
    }
  }
}

bool Intersect(std::span<const std::uint16_t> names, std::span<const std::uint16_t> sorted_ids) {
  return std::any_of(names.begin(), names.end(), [&](std::uint16_t id) {
    return std::binary_search(sorted_ids.begin(), sorted_ids.end(), id);
  });
}

}  // namespace

NicknameForm MakeNicknameForm(std::string_view token) {
  const NicknameTable& table = Table();
  NicknameForm form;
  if (token.size() < kMinNicknameLength || token.size() > kMaxNicknameTokenLength) return form;
  bool is_given_name = false;
  if (const auto found = table.tokens.find(token); found != table.tokens.end()) {
    form.nickname_of = found->second.nickname_of;
    is_given_name = found->second.given_name >= 0;
    if (is_given_name) AddGivenName(form, static_cast<std::uint16_t>(found->second.given_name));
  }
  // A given name of the table is spelt as the table spells it: one edit from it lies another
  // name (robert, roberta), whose nicknames (bert) are not this one's.
  if (token.size() >= kMinSpellingVariantLength && !is_given_name) AddSpellings(table, token, form);
  return form;
}

bool AreNicknamesSlow(const NicknameForm& left, const NicknameForm& right) {
  return Intersect(left.given_names(), right.nickname_of) ||
         Intersect(right.given_names(), left.nickname_of);
}

bool AreNicknames(std::string_view left, std::string_view right) {
  return AreNicknames(MakeNicknameForm(left), MakeNicknameForm(right));
}

std::vector<std::uint32_t> NicknameIndexKeys(const NicknameForm& form) {
  std::vector<std::uint32_t> keys;
  for (std::uint16_t id : form.given_names()) keys.push_back(2U * id);
  for (std::uint16_t id : form.nickname_of) keys.push_back(2U * id + 1);
  return keys;
}

std::vector<std::uint32_t> NicknameQueryKeys(const NicknameForm& form) {
  std::vector<std::uint32_t> keys;
  for (std::uint16_t id : form.given_names()) keys.push_back(2U * id + 1);
  for (std::uint16_t id : form.nickname_of) keys.push_back(2U * id);
  return keys;
}

std::size_t NicknameTableSize() { return Table().given_names.size(); }

}  // namespace crosscheck::watchlist::internal
