// PairComparator turns a pair of prepared records into a comparison vector: one comparison
// level per field, from strongest agreement (level 0, "exact") down to "else" (the last
// level), or kNullLevel when either side is unknown. Multi-valued fields take the best level
// over all value pairs. Given name and surname fields also recognise swapped names.
//
//   PairComparator comparator(prepared);
//   std::vector<std::uint8_t> levels(comparator.field_count());
//   std::vector<std::uint32_t> exact_values(comparator.field_count());
//   comparator.Compare(left_idx, right_idx, levels.data(), exact_values.data());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// kNullLevel marks a field unknown on either side: it carries no evidence (weight 0).
inline constexpr std::uint8_t kNullLevel = 255;

// LevelLabels returns the labels of a field type's levels, strongest first, the last being
// "else". `has_partner` adds the "swapped" level of given-name / surname fields.
std::vector<std::string> LevelLabels(FieldType type, bool has_partner);

// PairComparator compares records of one PreparedTable. Thread-safe for concurrent
// Compare calls while nobody appends to the table.
class PairComparator {
 public:
  explicit PairComparator(const PreparedTable& table);

  std::size_t field_count() const { return fields_.size(); }
  const PreparedTable& table() const { return table_; }
  // level_labels returns the labels of field field_idx's levels.
  const std::vector<std::string>& level_labels(std::size_t field_idx) const {
    return fields_[field_idx].labels;
  }

  // Compare writes one level per field into levels[0..field_count()) and, where the level is
  // 0 (exact), the id (ValueView::id) of the value both sides share into exact_values (else
  // 0), which term-frequency adjustment looks up.
  void Compare(std::size_t left, std::size_t right, std::uint8_t* levels,
               std::uint32_t* exact_values) const;
  // Prefetch starts loading both records; pair loops call it a few pairs ahead.
  void Prefetch(std::size_t left, std::size_t right) const {
    table_.Prefetch(left);
    table_.Prefetch(right);
  }

  // DescribeValues renders both sides' values of one field for explanations ("a; b").
  std::pair<std::string, std::string> DescribeValues(std::size_t field_idx, std::size_t left,
                                                     std::size_t right) const;

 private:
  struct Field {
    FieldType type;
    int partner = -1;  // the surname field of a given-name field and vice versa
    std::uint8_t swapped_level = kNullLevel;
    std::vector<std::string> labels;
  };
  std::uint8_t CompareValues(const Field& field, const ValueView& left,
                             const ValueView& right) const;
  // MarkHalfSwap gives the known name field the "swapped" level when the other name field is
  // unknown on a side and a known value equals (nearly) the other side's other name.
  void MarkHalfSwap(const internal::RecordView& left, const internal::RecordView& right, std::size_t given_idx,
                    std::size_t surname_idx, std::uint8_t* levels, std::uint32_t* exact_values) const;
  std::uint8_t BestLevel(std::size_t field_idx, const internal::RecordView& left,
                         const internal::RecordView& right, std::uint32_t* exact_value) const;

  const PreparedTable& table_;
  std::vector<Field> fields_;
  int swap_given_ = -1;  // the given-name field that has a surname partner, if any
};

}  // namespace crosscheck::link
