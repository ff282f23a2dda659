// Lone records attached by a cluster's evidence. After clustering, a heavily corrupted
// record may share too little with each member of its entity's cluster to link to any one
// of them ("gyndvoun nelzon, dack hill 2998" against three records that each kept a
// different part of the name and place), while the cluster as a whole holds its values.
// Such a record is compared with the cluster's best level per field (the strongest
// agreement any member gives), each agreeing field discounted by the number of distinct
// values the cluster holds in it (a chance agreement with any of d values is about d times
// as likely as with one), and attached when that evidence clears the threshold.
//
//   AttachLoneRecords(candidates.pairs, scorer, threshold, threads, clusters);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "crosscheck/link/clustering.h"
#include "crosscheck/link/fellegi_sunter.h"

namespace crosscheck::link {

// ClusterEvidenceWeight returns the match weight of `record` against `members` (not
// including it): the model's weight of the best level per field over the members, less
// log2(distinct values among the members) for each field agreeing above "else". *vetoed is
// set when that best comparison is vetoed.
double ClusterEvidenceWeight(const MatchScorer& scorer, std::uint32_t record,
                             std::span<const std::uint32_t> members, bool* vetoed);

// AttachLoneRecords attaches each record that is alone in its cluster to the multi-record
// cluster of a candidate partner whose cluster evidence has probability >= threshold,
// strongest first, within the clusters' exclusive sources. Returns how many it attached.
// Deterministic for any thread count.
std::size_t AttachLoneRecords(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& candidates,
                              const MatchScorer& scorer, double threshold, unsigned threads,
                              ClusterSet& clusters);

}  // namespace crosscheck::link
