// One residence under several keys: the normalizer keys a home address by its postal code, or
// by its city when the postal code is missing ("138 willow way|85045|US" and "138 willow
// way|phoenix|US"), so an applicant who leaves the postal code out now and then gives his
// residence two keys. Households are judged per residence (evidence_edge's AssignParties):
// judged per key, the people behind each key are fewer than the residence's, and a cell of
// three sharing one payout account passes as two couples chained into one household. Internal
// to graph.
//
//   for (const std::vector<std::size_t>& residence : internal::GroupResidences(applications, artifacts)) ...
#pragma once

#include <cstddef>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/evidence_edge.h"

namespace crosscheck::graph::internal {

// GroupResidences returns the home-address artifacts (indexes into `artifacts`) grouped by
// residence, each group ascending, groups in order of their first artifact. A key written
// with a city joins the key written with a postal code when street (with unit) and country
// agree and that city is a holder's city of exactly one such postal key; every other
// home-address artifact is a residence of its own. Deterministic.
std::vector<std::vector<std::size_t>> GroupResidences(const std::vector<NormalizedApplication>& applications,
                                                      const std::vector<SharedArtifact>& artifacts);

}  // namespace crosscheck::graph::internal
