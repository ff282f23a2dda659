// SourceStructure: which sources hold internal duplicates, measured from the scored pairs.
// Registers that are each free of duplicates (voter rolls, two snapshots of one customer
// base) are linked one-to-one, as anonlink's greedy solver does: a cluster may hold at most
// one record of such a source, and the strongest pairs claim their records first. Without the
// constraint every noisy pair between two sources chains records that cannot be one entity.
//
//   SourceStructure structure = MeasureSourceStructure(prepared, scored, source_count, 0.5);
//   clusters.SetExclusiveSources(prepared_sources, structure.exclusive_mask);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/link/clustering.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// SourceStructure holds, per source, the link density within it and to the other sources,
// and which sources are duplicate-free.
struct SourceStructure {
  std::vector<double> within_density;  // strong within-source pairs / possible ones
  std::vector<double> cross_density;   // strong pairs to other sources / possible ones
  std::vector<bool> duplicate_free;
  std::uint64_t exclusive_mask = 0;    // bit s set: source s is linked one-to-one
};

// MeasureSourceStructure counts the pairs at or above max(threshold, 0.9) within each source
// and between it and the others. A source is duplicate-free when other sources exist, it has
// at least 20 strong pairs to them, and its within-source density is under a quarter of its
// cross-source density: false links fall evenly within and across sources, true duplicates
// would make the within density comparable to the cross density. Sources past the 64th are
// never exclusive. O(pairs + records).
SourceStructure MeasureSourceStructure(const PreparedTable& prepared, const std::vector<ScoredPair>& pairs,
                                       std::size_t source_count, double threshold);

// DescribeSourceStructure returns "a.csv (within 1.2e-07, across 4.0e-05): one-to-one; ...".
std::string DescribeSourceStructure(const SourceStructure& structure, const std::vector<std::string>& sources);

}  // namespace crosscheck::link
