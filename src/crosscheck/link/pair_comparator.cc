#include "crosscheck/link/pair_comparator.h"

#include <algorithm>
#include <bit>

#include "crosscheck/link/comparators.h"

namespace crosscheck::link {
namespace {

// Thresholds follow common practice in Splink's comparison library (Jaro-Winkler 0.92 /
// 0.88 for names) and FEBRL-style error models (one edit for keyed identifiers).
constexpr double kNearSimilarity = 0.94;
constexpr double kFuzzySimilarity = 0.88;

// BoundedJaroWinkler returns the Jaro-Winkler similarity, or 0 when it provably stays below
// `needed`: each distinct letter of the shorter string missing from the longer one removes
// at least one possible match, which bounds Jaro, and Winkler's prefix bonus adds at most
// 0.4 * (1 - Jaro). Most non-matching pairs are decided without the O(n^2) scan.
double BoundedJaroWinkler(const ValueView& left, const ValueView& right, double needed) {
  const ValueView& shorter = left.text.size() <= right.text.size() ? left : right;
  const ValueView& longer = left.text.size() <= right.text.size() ? right : left;
  if (shorter.text.empty()) return 0.0;
  const int missing = std::popcount(shorter.letters & ~longer.letters);
  const double max_matches = static_cast<double>(shorter.text.size()) - missing;
  if (max_matches <= 0) return 0.0;
  const double jaro_bound = (max_matches / static_cast<double>(shorter.text.size()) +
                             max_matches / static_cast<double>(longer.text.size()) + 1.0) / 3.0;
  if (jaro_bound + 0.4 * (1.0 - jaro_bound) < needed) return 0.0;
  return JaroWinkler(left.text, right.text);
}

bool NearString(const ValueView& left, const ValueView& right) {
  return WithinOneEdit(left.text, right.text) || BoundedJaroWinkler(left, right, kNearSimilarity) >= kNearSimilarity;
}

// NameLevel grades two name-like strings: 1 near, 2 fuzzy, 3 neither (0 is left to the
// caller's exact test). Jaro-Winkler is computed once.
int NameLevel(const ValueView& left, const ValueView& right) {
  if (WithinOneEdit(left.text, right.text)) return 1;
  const double similarity = BoundedJaroWinkler(left, right, kFuzzySimilarity);
  if (similarity >= kNearSimilarity) return 1;
  if (similarity >= kFuzzySimilarity || (!left.alt.empty() && left.alt == right.alt)) return 2;
  return 3;
}

}  // namespace

std::vector<std::string> LevelLabels(FieldType type, bool has_partner) {
  switch (type) {
    case FieldType::kGivenName:
    case FieldType::kSurname:
      if (has_partner) {
        return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
                "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "swapped with the other name field",
                "initial", "else"};
      }
      return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
              "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "initial", "else"};
    case FieldType::kFullName:
      return {"exact", "same tokens reordered", "tokens match closely (typos, initials)",
              "some tokens match", "else"};
    case FieldType::kEmail:
      return {"exact", "same local part", "near (1 edit)", "else"};
    case FieldType::kPhone:
      return {"exact (last 9 digits)", "near (1 edit)", "else"};
    case FieldType::kDate:
      return {"exact", "one digit off or day/month swapped", "within a year", "else"};
    case FieldType::kPostalCode:
      return {"exact", "near (1 edit)", "same first 3 characters", "else"};
    case FieldType::kStreet:
      return {"exact", "near (same tokens or Jaro-Winkler >= 0.94)", "fuzzy (Jaro-Winkler >= 0.8)",
              "else"};
    case FieldType::kCity:
    case FieldType::kString:
      return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
              "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "else"};
    case FieldType::kIdentifier:
      return {"exact", "one edit", "two edits", "else"};
    case FieldType::kState:
    case FieldType::kCategorical:
      return {"exact", "else"};
    case FieldType::kText:
      return {"exact", "token overlap >= 0.6", "token overlap >= 0.3", "else"};
  }
  return {"exact", "else"};
}

PairComparator::PairComparator(const PreparedTable& table) : table_(table) {
  int first_given = -1;
  int first_surname = -1;
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    const FieldType type = table.column(field_idx).spec().type;
    if (type == FieldType::kGivenName && first_given < 0) first_given = static_cast<int>(field_idx);
    if (type == FieldType::kSurname && first_surname < 0) first_surname = static_cast<int>(field_idx);
  }
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    Field field;
    field.type = table.column(field_idx).spec().type;
    const bool pairable = first_given >= 0 && first_surname >= 0;
    if (pairable && static_cast<int>(field_idx) == first_given) field.partner = first_surname;
    if (pairable && static_cast<int>(field_idx) == first_surname) field.partner = first_given;
    field.labels = LevelLabels(field.type, field.partner >= 0);
    if (field.partner >= 0) field.swapped_level = 3;
    fields_.push_back(std::move(field));
  }
}

std::uint8_t PairComparator::CompareValues(const Field& field, const ValueView& left,
                                           const ValueView& right) const {
  const bool exact = left.hash == right.hash && left.text == right.text;
  switch (field.type) {
    case FieldType::kGivenName:
    case FieldType::kSurname: {
      // Levels: exact, near, fuzzy, [swapped], initial, else.
      const std::uint8_t initial_level = field.partner >= 0 ? 4 : 3;
      if (exact) return 0;
      const int level = NameLevel(left, right);
      if (level < 3) return static_cast<std::uint8_t>(level);
      if ((left.text.size() == 1 || right.text.size() == 1) && left.text[0] == right.text[0]) {
        return initial_level;
      }
      return static_cast<std::uint8_t>(initial_level + 1);
    }
    case FieldType::kFullName: {
      if (exact) return 0;
      return static_cast<std::uint8_t>(1 + TokenSetLevel(left.text, right.text));
    }
    case FieldType::kEmail:
      if (left.text == right.text) return 0;
      if (left.alt == right.alt && left.alt.size() >= 3) return 1;
      if (WithinOneEdit(left.text, right.text)) return 2;
      return 3;
    case FieldType::kPhone:
      if (left.alt == right.alt) return 0;
      if (WithinOneEdit(left.alt, right.alt)) return 1;
      return 2;
    case FieldType::kDate:
      return static_cast<std::uint8_t>(DateLevel(left.text, left.number, right.text, right.number));
    case FieldType::kPostalCode:
      if (exact) return 0;
      if (WithinOneEdit(left.text, right.text)) return 1;
      if (left.text.size() >= 4 && right.text.size() >= 4 &&
          left.text.substr(0, 3) == right.text.substr(0, 3)) {
        return 2;
      }
      return 3;
    case FieldType::kStreet: {
      if (exact) return 0;
      if (left.alt == right.alt || WithinOneEdit(left.text, right.text)) return 1;
      const double similarity = BoundedJaroWinkler(left, right, 0.8);
      if (similarity >= kNearSimilarity) return 1;
      return similarity >= 0.8 ? 2 : 3;
    }
    case FieldType::kCity:
    case FieldType::kString:
      if (exact) return 0;
      return static_cast<std::uint8_t>(NameLevel(left, right));
    case FieldType::kIdentifier: {
      if (exact) return 0;
      // Short identifiers (house numbers) have too little room for an edit to mean anything.
      const std::size_t shorter = std::min(left.text.size(), right.text.size());
      if (shorter < 4) return 3;
      if (WithinOneEdit(left.text, right.text)) return 1;
      // Each distinct character of one side missing from the other costs an edit.
      if (shorter >= 6 && std::popcount(left.letters & ~right.letters) <= 2 &&
          std::popcount(right.letters & ~left.letters) <= 2 &&
          DamerauLevenshtein(left.text, right.text, 2) <= 2) {
        return 2;
      }
      return 3;
    }
    case FieldType::kState:
    case FieldType::kCategorical:
      return exact ? 0 : 1;
    case FieldType::kText: {
      if (exact) return 0;
      const double jaccard = TokenJaccard(left.text, right.text);
      if (jaccard >= 0.6) return 1;
      if (jaccard >= 0.3) return 2;
      return 3;
    }
  }
  return 1;
}

std::uint8_t PairComparator::BestLevel(std::size_t field_idx, std::size_t left, std::size_t right,
                                       std::uint64_t* exact_hash) const {
  const PreparedColumn& column = table_.column(field_idx);
  const std::size_t left_count = column.value_count(left);
  const std::size_t right_count = column.value_count(right);
  *exact_hash = 0;
  if (left_count == 0 || right_count == 0) return kNullLevel;
  const Field& field = fields_[field_idx];
  std::uint8_t best = kNullLevel;
  for (std::size_t left_value = 0; left_value < left_count; ++left_value) {
    const ValueView left_view = column.value(left, left_value);
    for (std::size_t right_value = 0; right_value < right_count; ++right_value) {
      const ValueView right_view = column.value(right, right_value);
      const std::uint8_t level = CompareValues(field, left_view, right_view);
      if (level < best) {
        best = level;
        if (level == 0) {
          *exact_hash = left_view.hash;
          return 0;
        }
      }
    }
  }
  return best;
}

void PairComparator::Compare(std::size_t left, std::size_t right, std::uint8_t* levels,
                             std::uint64_t* exact_hashes) const {
  for (std::size_t field_idx = 0; field_idx < fields_.size(); ++field_idx) {
    levels[field_idx] = BestLevel(field_idx, left, right, &exact_hashes[field_idx]);
  }
  // Swapped given name and surname: both fields get the "swapped" level when each side's
  // given name is near the other's surname and neither matched better directly.
  for (std::size_t field_idx = 0; field_idx < fields_.size(); ++field_idx) {
    const Field& field = fields_[field_idx];
    if (field.type != FieldType::kGivenName || field.partner < 0) continue;
    const auto partner = static_cast<std::size_t>(field.partner);
    if (levels[field_idx] == kNullLevel || levels[partner] == kNullLevel) continue;
    if (levels[field_idx] < field.swapped_level && levels[partner] < field.swapped_level) continue;
    if (levels[field_idx] <= 1 && levels[partner] <= 1) continue;
    const PreparedColumn& given = table_.column(field_idx);
    const PreparedColumn& surname = table_.column(partner);
    const ValueView left_given = given.value(left, 0);
    const ValueView right_given = given.value(right, 0);
    const ValueView left_surname = surname.value(left, 0);
    const ValueView right_surname = surname.value(right, 0);
    if (NearString(left_given, right_surname) && NearString(left_surname, right_given)) {
      levels[field_idx] = std::min(levels[field_idx], field.swapped_level);
      levels[partner] = std::min(levels[partner], fields_[partner].swapped_level);
      exact_hashes[field_idx] = 0;
      exact_hashes[partner] = 0;
    }
  }
}

std::pair<std::string, std::string> PairComparator::DescribeValues(std::size_t field_idx,
                                                                   std::size_t left,
                                                                   std::size_t right) const {
  const PreparedColumn& column = table_.column(field_idx);
  auto describe = [&](std::size_t record) {
    std::string out;
    for (std::size_t value_idx = 0; value_idx < column.value_count(record); ++value_idx) {
      if (!out.empty()) out += "; ";
      out += column.value(record, value_idx).text;
    }
    return out;
  };
  return {describe(left), describe(right)};
}

}  // namespace crosscheck::link
