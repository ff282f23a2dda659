// Field dependence: Fellegi–Sunter adds each field's evidence as if fields agreed
// independently, but some agree together by construction — a suburb and its postcode, a
// city and its state. Two records of one suburb then get the suburb's weight and the
// postcode's again, and same-place strangers with vaguely similar names cross the threshold.
// Here the joint agreement of every field pair is measured on random pairs (u of the pair,
// weighed for non-matches); where both agreeing is far more common than the product of their
// u says, a pair agreeing on both gets the correction log2(u_a · u_b / u_ab) (m is taken as
// independent: errors hit fields independently).
//
//   std::vector<FieldDependence> found = EstimateFieldDependences(random_patterns, non_match, level_counts);
//   weight += DependenceCorrection(found, levels);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/link/em_estimator.h"
#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {

// FieldDependence: when fields `first` and `second` both agree (levels at most first_level
// and second_level), `weight` bits (negative) are added to the match weight; when both agree
// exactly, `exact_weight` instead. The exact cell is measured on its own: a near postcode (a
// digit off) is mostly another place, so the rate of "agreeing" postcodes overstates how often
// strangers share one, and a correction measured over exact and near together undercorrects
// two exact agreements (suburb and postcode: -6.5 bits where the exact cell measures -8.3).
struct FieldDependence {
  std::uint32_t first = 0;
  std::uint32_t second = 0;
  std::uint8_t first_level = 0;
  std::uint8_t second_level = 0;
  double weight = 0.0;
  double exact_weight = 0.0;
};

// AgreeingLevel returns the highest level that counts as agreement for a field with
// `level_count` levels: 1 (exact or near) when it has at least four, else 0 (exact).
std::uint8_t AgreeingLevel(std::size_t level_count);

// EstimateFieldDependences returns the field pairs whose joint agreement among random pairs
// (each pattern counted by non_match[i], its posterior of being a non-match) exceeds the
// independent product at least fourfold with at least 20 joint agreements seen; ordered by
// (first, second). A field takes part in at most one dependence (its strongest), so
// corrections never stack on one field.
std::vector<FieldDependence> EstimateFieldDependences(const std::vector<PatternCount>& patterns,
                                                      const std::vector<double>& non_match,
                                                      const std::vector<std::size_t>& level_counts);

// DependenceCorrection returns the sum of the weights of the dependences whose fields both
// agree in `levels` (kNullLevel: unknown, not agreeing).
double DependenceCorrection(const std::vector<FieldDependence>& dependences, const std::uint8_t* levels);

}  // namespace crosscheck::link
