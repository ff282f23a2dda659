#include "crosscheck/link/block_splitting.h"

#include <algorithm>
#include <optional>

namespace crosscheck::link {
namespace {

// RefiningKind is the key a field adds inside an oversized block: the broadest one, since the
// block's own key already narrows it (a name's phonetic code rather than its spelling, so a
// typo'd record still joins its sub-block); an initial would narrow too little. A category
// (gender, occupation, state) says nothing of who a person is: "smith" + "priest" is many
// people, and their pairs only dilute training (historical F1 fell 0.008 with them).
std::optional<KeyKind> RefiningKind(FieldType type) {
  switch (type) {
    case FieldType::kGivenName:
    case FieldType::kSurname:
    case FieldType::kFullName:
    case FieldType::kCity: return KeyKind::kPhonetic;
    case FieldType::kDate: return KeyKind::kYear;
    case FieldType::kStreet: return KeyKind::kSortedTokens;
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kPostalCode:
    case FieldType::kIdentifier:
    case FieldType::kString: return KeyKind::kExact;
    case FieldType::kState:
    case FieldType::kCategorical:
    case FieldType::kText: return std::nullopt;
  }
  return std::nullopt;
}

// SubKey combines a refining key with the block's key (splitmix64's finalizer): sub-blocks of
// different oversized blocks never meet.
std::uint64_t SubKey(std::uint64_t key, std::uint64_t block_key) {
  std::uint64_t value = key ^ (block_key * 0x9e3779b97f4a7c15ULL);
  value ^= value >> 31;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 29;
  return value;
}

}  // namespace

std::vector<KeyPart> RefiningParts(const PreparedTable& table, const BlockingRule& rule) {
  std::vector<KeyPart> parts;
  for (std::uint32_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    const bool keyed = std::any_of(rule.parts.begin(), rule.parts.end(),
                                   [&](const KeyPart& part) { return part.field == field_idx; });
    const std::optional<KeyKind> kind = RefiningKind(table.column(field_idx).spec().type);
    if (!keyed && kind) parts.push_back(KeyPart{field_idx, *kind});
  }
  return parts;
}

std::size_t SplitOversizedBlock(const PreparedTable& table, const std::vector<KeyPart>& parts,
                                std::uint64_t block_key, std::span<const std::uint32_t> members,
                                std::size_t max_block_size,
                                std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  std::vector<std::uint64_t> keys;
  for (std::size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    const BlockingRule refining{{parts[part_idx]}};
    for (std::uint32_t record : members) {
      keys.clear();
      ComputeRuleKeys(table, refining, static_cast<std::uint32_t>(part_idx), record, keys);
      for (std::uint64_t key : keys) entries.emplace_back(SubKey(key, block_key), record);
    }
  }
  std::sort(entries.begin(), entries.end());
  const std::size_t before = out.size();
  std::size_t start = 0;
  while (start < entries.size()) {
    std::size_t end = start;
    while (end < entries.size() && entries[end].first == entries[start].first) ++end;
    if (end - start <= max_block_size) {
      for (std::size_t first = start; first < end; ++first) {
        for (std::size_t second = first + 1; second < end; ++second) {
          out.emplace_back(std::min(entries[first].second, entries[second].second),
                           std::max(entries[first].second, entries[second].second));
        }
      }
    }
    start = end;
  }
  return out.size() - before;
}

}  // namespace crosscheck::link
