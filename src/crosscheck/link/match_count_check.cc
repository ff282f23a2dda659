#include "crosscheck/link/match_count_check.h"

#include <algorithm>
#include <limits>

#include "crosscheck/link/pair_comparator.h"

namespace crosscheck::link {

double MatchShareImpliedByFullAgreement(const std::vector<PatternCount>& patterns,
                                     const std::vector<std::vector<double>>& m) {
  const std::size_t field_count = m.size();
  std::vector<double> known(field_count, 0.0);
  double total = 0.0;
  double full_agreements = 0.0;
  for (const PatternCount& pattern : patterns) {
    total += pattern.count;
    bool full = true;
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      if (pattern.levels[field_idx] != kNullLevel) known[field_idx] += pattern.count;
      full = full && pattern.levels[field_idx] == 0;
    }
    if (full) full_agreements += pattern.count;
  }
  double full_share = 1.0;  // P(every field known and exact | match)
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    if (m[field_idx].empty()) return std::numeric_limits<double>::infinity();
    full_share *= known[field_idx] / std::max(total, 1.0) * m[field_idx][0];
  }
  if (full_agreements == 0.0 || full_share <= 0.0) return std::numeric_limits<double>::infinity();
  return full_agreements / full_share / total;
}

}  // namespace crosscheck::link
