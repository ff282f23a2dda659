#include "crosscheck/link/pair_comparator.h"

#include <algorithm>

#include "crosscheck/link/comparators.h"

namespace crosscheck::link {
namespace {

// Popcount without the library call std::popcount becomes on baseline x86-64.
int Popcount(std::uint32_t bits) {
  bits = bits - ((bits >> 1) & 0x55555555U);
  bits = (bits & 0x33333333U) + ((bits >> 2) & 0x33333333U);
  return static_cast<int>((((bits + (bits >> 4)) & 0x0F0F0F0FU) * 0x01010101U) >> 24);
}

// OneEditApart is WithinOneEdit on the texts, first ruling out most pairs by their letter
// sets: one edit adds or removes at most one letter each (a transposition neither).
bool OneEditApart(const ValueView& left, const ValueView& right) {
  return Popcount(left.letters ^ right.letters) <= 2 && WithinOneEdit(left.text, right.text);
}

// Thresholds follow common practice in Splink's comparison library (Jaro-Winkler 0.92 /
// 0.88 for names) and FEBRL-style error models (one edit for keyed identifiers).
constexpr double kNearSimilarity = 0.94;
constexpr double kFuzzySimilarity = 0.88;
// Below fuzzy, two more grades for name parts: on heavily corrupted registers (two or three
// keying, OCR or phonetic errors in one name) a true pair's names often land at 0.7-0.88,
// where unrelated names are still rare. EM weighs each grade, so no cut is a cliff (swept
// in docs/PERFORMANCE.md: one grade at 0.65-0.85, then these two).
constexpr double kSimilarSimilarity = 0.8;
constexpr double kAlikeSimilarity = 0.7;

// BoundedJaroWinkler returns the Jaro-Winkler similarity, or 0 when it provably stays below
// `needed`: each distinct letter of the shorter string missing from the longer one removes
// at least one possible match, which bounds Jaro, and Winkler's prefix bonus adds at most
// 0.4 * (1 - Jaro). Most non-matching pairs are decided without the O(n^2) scan.
double BoundedJaroWinkler(const ValueView& left, const ValueView& right, double needed) {
  const ValueView& shorter = left.text.size() <= right.text.size() ? left : right;
  const ValueView& longer = left.text.size() <= right.text.size() ? right : left;
  if (shorter.text.empty()) return 0.0;
  const int missing = Popcount(shorter.letters & ~longer.letters);
  const double max_matches = static_cast<double>(shorter.text.size()) - missing;
  if (max_matches <= 0) return 0.0;
  const double jaro_bound = (max_matches / static_cast<double>(shorter.text.size()) +
                             max_matches / static_cast<double>(longer.text.size()) + 1.0) / 3.0;
  if (jaro_bound + 0.4 * (1.0 - jaro_bound) < needed) return 0.0;
  // The shared-character bounds are tighter (they count repeats and the actual prefix) and
  // still far cheaper than the O(n * window) scan: first from the precomputed profiles, then
  // from exact histograms.
  const int common = ProfileCommonBound(left.profile, right.profile);
  if (common >= 0 && JaroWinklerBoundFromCommon(left.text, right.text, common) < needed) return 0.0;
  if (JaroWinklerUpperBound(left.text, right.text) < needed) return 0.0;
  return JaroWinkler(left.text, right.text);
}

bool NearString(const ValueView& left, const ValueView& right) {
  return OneEditApart(left, right) || BoundedJaroWinkler(left, right, kNearSimilarity) >= kNearSimilarity;
}

// NameGrade is how alike two name-like strings are: level 1 near, 2 fuzzy, 3 neither (0 is
// left to the caller's exact test), and their Jaro-Winkler similarity when it reaches
// `floor` (else 0; 1 for one edit apart). Jaro-Winkler is computed once.
struct NameGrade {
  int level = 3;
  double similarity = 0.0;
};

NameGrade GradeName(const ValueView& left, const ValueView& right, double floor) {
  if (OneEditApart(left, right)) return {1, 1.0};
  const double similarity = BoundedJaroWinkler(left, right, std::min(floor, kFuzzySimilarity));
  if (similarity >= kNearSimilarity) return {1, similarity};
  if (similarity >= kFuzzySimilarity || (!left.alt.empty() && left.alt == right.alt)) return {2, similarity};
  return {3, similarity};
}

}  // namespace

std::vector<std::string> LevelLabels(FieldType type, bool has_partner) {
  switch (type) {
    case FieldType::kGivenName:
    case FieldType::kSurname:
      if (has_partner) {
        return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
                "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "swapped with the other name field",
                "initial", "similar (Jaro-Winkler >= 0.8)", "alike (Jaro-Winkler >= 0.7)", "else"};
      }
      return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
              "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "initial", "similar (Jaro-Winkler >= 0.8)",
              "alike (Jaro-Winkler >= 0.7)", "else"};
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
      return {"exact", "near (1 edit or Jaro-Winkler >= 0.94)",
              "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)", "similar (Jaro-Winkler >= 0.8)", "else"};
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
    if (field.partner >= 0 && field.type == FieldType::kGivenName) swap_given_ = static_cast<int>(field_idx);
    fields_.push_back(std::move(field));
  }
}

std::uint8_t PairComparator::CompareValues(const Field& field, const ValueView& left,
                                           const ValueView& right) const {
  // Ids are equal exactly when the hashes are (a 64-bit collision is ignored).
  const bool exact = left.id == right.id && left.id != 0;
  switch (field.type) {
    case FieldType::kGivenName:
    case FieldType::kSurname: {
      // Levels: exact, near, fuzzy, [swapped], initial, similar, alike, else.
      const std::uint8_t initial_level = field.partner >= 0 ? 4 : 3;
      if (exact) return 0;
      const NameGrade grade = GradeName(left, right, kAlikeSimilarity);
      if (grade.level < 3) return static_cast<std::uint8_t>(grade.level);
      if ((left.text.size() == 1 || right.text.size() == 1) && left.text[0] == right.text[0]) {
        return initial_level;
      }
      if (grade.similarity >= kSimilarSimilarity) return static_cast<std::uint8_t>(initial_level + 1);
      if (grade.similarity >= kAlikeSimilarity) return static_cast<std::uint8_t>(initial_level + 2);
      return static_cast<std::uint8_t>(initial_level + 3);
    }
    case FieldType::kFullName: {
      if (exact) return 0;
      return static_cast<std::uint8_t>(1 + TokenSetLevel(left.text, right.text));
    }
    case FieldType::kEmail:
      if (exact) return 0;
      if (left.alt == right.alt && left.alt.size() >= 3) return 1;
      if (OneEditApart(left, right)) return 2;
      return 3;
    case FieldType::kPhone:
      if (exact) return 0;  // phones are hashed by their last nine digits (alt)
      if (WithinOneEdit(left.alt, right.alt)) return 1;
      return 2;
    case FieldType::kDate:
      return static_cast<std::uint8_t>(DateLevel(left.text, left.number, right.text, right.number));
    case FieldType::kPostalCode:
      if (exact) return 0;
      if (OneEditApart(left, right)) return 1;
      if (left.text.size() >= 4 && right.text.size() >= 4 &&
          left.text.substr(0, 3) == right.text.substr(0, 3)) {
        return 2;
      }
      return 3;
    case FieldType::kStreet: {
      if (exact) return 0;
      if (left.alt == right.alt || OneEditApart(left, right)) return 1;
      const double similarity = BoundedJaroWinkler(left, right, 0.8);
      if (similarity >= kNearSimilarity) return 1;
      return similarity >= 0.8 ? 2 : 3;
    }
    case FieldType::kCity: {
      if (exact) return 0;
      const NameGrade grade = GradeName(left, right, kSimilarSimilarity);
      if (grade.level < 3) return static_cast<std::uint8_t>(grade.level);
      return grade.similarity >= kSimilarSimilarity ? 3 : 4;
    }
    case FieldType::kString:
      if (exact) return 0;
      return static_cast<std::uint8_t>(GradeName(left, right, kFuzzySimilarity).level);
    case FieldType::kIdentifier: {
      if (exact) return 0;
      // Short identifiers (house numbers) have too little room for an edit to mean anything.
      const std::size_t shorter = std::min(left.text.size(), right.text.size());
      if (shorter < 4) return 3;
      if (OneEditApart(left, right)) return 1;
      // Each distinct character of one side missing from the other costs an edit.
      if (shorter >= 6 && Popcount(left.letters & ~right.letters) <= 2 &&
          Popcount(right.letters & ~left.letters) <= 2 &&
          ProfileDistanceBound(left.profile, right.profile) <= 2 &&
          EditDistanceLowerBound(left.text, right.text) <= 2 &&
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

std::uint8_t PairComparator::BestLevel(std::size_t field_idx, const internal::RecordView& left,
                                       const internal::RecordView& right, std::uint32_t* exact_value) const {
  const std::size_t left_count = left.value_count(field_idx);
  const std::size_t right_count = right.value_count(field_idx);
  *exact_value = 0;
  if (left_count == 0 || right_count == 0) return kNullLevel;
  const Field& field = fields_[field_idx];
  const std::uint32_t left_first = left.first_value(field_idx);
  const std::uint32_t right_first = right.first_value(field_idx);
  if (left_count == 1 && right_count == 1) {  // the common case
    const std::uint32_t id = left.id_at(left_first);
    if (id == right.id_at(right_first) && id != 0) {
      *exact_value = id;
      return 0;
    }
    if (field.type == FieldType::kState || field.type == FieldType::kCategorical) return 1;
    return CompareValues(field, left.value_at(left_first), right.value_at(right_first));
  }
  // Exact agreement first, on ids alone: the common case of a shared e-mail or phone among
  // several needs no string comparison.
  for (std::size_t left_value = 0; left_value < left_count; ++left_value) {
    const std::uint32_t id = left.id_at(left_first + left_value);
    for (std::size_t right_value = 0; right_value < right_count; ++right_value) {
      if (id == right.id_at(right_first + right_value) && id != 0) {
        *exact_value = id;
        return 0;
      }
    }
  }
  std::uint8_t best = kNullLevel;
  for (std::size_t left_value = 0; left_value < left_count; ++left_value) {
    const ValueView left_view = left.value_at(left_first + left_value);
    for (std::size_t right_value = 0; right_value < right_count; ++right_value) {
      const ValueView right_view = right.value_at(right_first + right_value);
      best = std::min(best, CompareValues(field, left_view, right_view));
    }
  }
  return best;
}

void PairComparator::Compare(std::size_t left, std::size_t right, std::uint8_t* levels,
                             std::uint32_t* exact_values) const {
  const internal::RecordView left_record = table_.record(left);
  const internal::RecordView right_record = table_.record(right);
  const std::size_t field_count = fields_.size();
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    levels[field_idx] = BestLevel(field_idx, left_record, right_record, &exact_values[field_idx]);
  }
  // Swapped given name and surname: both fields get the "swapped" level when each side's
  // given name is near the other's surname and neither matched better directly.
  if (swap_given_ < 0) return;
  const auto given_idx = static_cast<std::size_t>(swap_given_);
  const Field& field = fields_[given_idx];
  const auto partner = static_cast<std::size_t>(field.partner);
  if (levels[given_idx] == kNullLevel && levels[partner] == kNullLevel) return;
  if (levels[given_idx] == kNullLevel || levels[partner] == kNullLevel) {
    MarkHalfSwap(left_record, right_record, given_idx, partner, levels, exact_values);
    return;
  }
  if (levels[given_idx] < field.swapped_level && levels[partner] < field.swapped_level) return;
  if (levels[given_idx] <= 1 && levels[partner] <= 1) return;
  const ValueView left_given = left_record.value(given_idx, 0);
  const ValueView right_given = right_record.value(given_idx, 0);
  const ValueView left_surname = left_record.value(partner, 0);
  const ValueView right_surname = right_record.value(partner, 0);
  if (NearString(left_given, right_surname) && NearString(left_surname, right_given)) {
    levels[given_idx] = std::min(levels[given_idx], field.swapped_level);
    levels[partner] = std::min(levels[partner], fields_[partner].swapped_level);
    exact_values[given_idx] = 0;
    exact_values[partner] = 0;
  }
}

void PairComparator::MarkHalfSwap(const internal::RecordView& left, const internal::RecordView& right,
                                  std::size_t given_idx, std::size_t surname_idx, std::uint8_t* levels,
                                  std::uint32_t* exact_values) const {
  // One name field is unknown on a side ("raillsoul", "" against "ryu", "raillsoul"): the
  // field both sides know disagrees, and one side's value is the other's other name.
  const std::size_t known = levels[given_idx] == kNullLevel ? surname_idx : given_idx;
  const std::size_t other = known == given_idx ? surname_idx : given_idx;
  if (levels[known] < fields_[known].swapped_level) return;
  const bool left_crosses = left.value_count(known) > 0 && right.value_count(other) > 0 &&
                            NearString(left.value(known, 0), right.value(other, 0));
  const bool right_crosses = right.value_count(known) > 0 && left.value_count(other) > 0 &&
                             NearString(right.value(known, 0), left.value(other, 0));
  if (!left_crosses && !right_crosses) return;
  levels[known] = fields_[known].swapped_level;
  exact_values[known] = 0;
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
