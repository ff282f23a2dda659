#include "crosscheck/link/nearest_blocks.h"

#include <algorithm>
#include <bit>

namespace crosscheck::link {
namespace {

bool IsNameField(FieldType type) {
  return type == FieldType::kGivenName || type == FieldType::kSurname || type == FieldType::kFullName;
}

void AddBigrams(std::string_view text, NameBigrams& set) {
  // Padded with spaces so the first and last letters count as much as the inner ones.
  char previous = ' ';
  for (std::size_t idx = 0; idx <= text.size(); ++idx) {
    const char current = idx < text.size() ? text[idx] : ' ';
    if (previous != ' ' || current != ' ') {
      const std::uint32_t bit = (static_cast<std::uint8_t>(previous) * 131u + static_cast<std::uint8_t>(current)) & 255u;
      set[bit >> 6] |= std::uint64_t{1} << (bit & 63u);
    }
    previous = current;
  }
}

}  // namespace

bool HasNameField(const PreparedTable& table) {
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    if (IsNameField(table.column(field_idx).spec().type)) return true;
  }
  return false;
}

std::vector<NameBigrams> NameBigramSets(const PreparedTable& table) {
  std::vector<NameBigrams> sets(table.size(), NameBigrams{});
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    const PreparedColumn& column = table.column(field_idx);
    if (!IsNameField(column.spec().type)) continue;
    for (std::size_t record_idx = 0; record_idx < table.size(); ++record_idx) {
      for (std::size_t value_idx = 0; value_idx < column.value_count(record_idx); ++value_idx) {
        AddBigrams(column.value(record_idx, value_idx).text, sets[record_idx]);
      }
    }
  }
  return sets;
}

double NameSimilarity(const NameBigrams& left, const NameBigrams& right) {
  int both = 0, either = 0;
  for (std::size_t word = 0; word < left.size(); ++word) {
    both += std::popcount(left[word] & right[word]);
    either += std::popcount(left[word] | right[word]);
  }
  return either == 0 ? 0.0 : static_cast<double>(both) / either;
}

void NearestPairs(const std::vector<NameBigrams>& names, std::span<const std::uint32_t> members,
                  std::uint32_t nearest, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  std::vector<std::pair<double, std::uint32_t>> alike;  // (-similarity, record): best first
  for (const std::uint32_t record : members) {
    alike.clear();
    for (const std::uint32_t other : members) {
      if (other == record) continue;
      const double similarity = NameSimilarity(names[record], names[other]);
      if (similarity > 0.0) alike.emplace_back(-similarity, other);
    }
    const std::size_t keep = std::min<std::size_t>(nearest, alike.size());
    std::partial_sort(alike.begin(), alike.begin() + static_cast<std::ptrdiff_t>(keep), alike.end());
    for (std::size_t idx = 0; idx < keep; ++idx) {
      out.emplace_back(std::min(record, alike[idx].second), std::max(record, alike[idx].second));
    }
  }
}

}  // namespace crosscheck::link
