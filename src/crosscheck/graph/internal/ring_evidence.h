// What people under one roof share that a household does not: the check that ends the
// household explanation of shared addresses (evidence_edge's AssignParties). Internal to graph.
//
//   const internal::RingEvidence ring(applications, identity, artifacts);
//   if (ring.Among(residents)) ...  // no household: what they share counts
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/evidence_edge.h"

namespace crosscheck::graph::internal {

// RingEvidence tells whether the residents of one address share what a household does not:
// - a photo or a national id between two of them;
// - one payout account or one resume (a near-duplicate body: the same employers, figures and
//   degree) among three or more (a couple's joint account is ordinary, and so may be a
//   couple's one resume template);
// - one virtual number (a lookup's nonFixedVoip, Google Voice, TextNow, Skype, that no
//   application calls a landline, fixed VoIP or mobile) among three or more: a home line is a landline or a fixed VoIP line, which belongs to the address; a
//   virtual number belongs to an account and to no address, so it does not show co-residence.
// Other phones are not ring evidence: a family gives a home line and a parent's mobile, two
// numbers under one roof, the shape of a cell's phone pool (docs/PERFORMANCE.md, session 15).
// Holders are counted as people, not identity units: one person that linkage split into two
// personas shares a photo with no one but himself. A photo or document is between two people
// only when their names cannot be one person's (graph::CouldBeOnePerson): many Chinese, Korean
// and other professionals give an adopted English given name beside their own ("David Gao" and
// "Qiang Gao", one face, one passport); siblings share a surname but not a photo. Documented operations reuse photos,
// identity documents, payout accounts, resumes and VoIP numbers across personas:
// threat-domain.md 2.4 A1, A3, A9, 2.5 B1, 2.7 D4.
class RingEvidence {
 public:
  // `identity` maps applications to identity units (the units residents are named by). All
  // three are referenced, not copied: they must outlive the RingEvidence.
  RingEvidence(const std::vector<NormalizedApplication>& applications, const std::vector<std::uint32_t>& identity,
               const std::vector<SharedArtifact>& artifacts);

  // Among takes the residents as (identity unit, person) pairs.
  bool Among(const std::vector<std::pair<std::uint32_t, std::size_t>>& residents) const;

 private:
  // HeldByTwoPeople: some two applications holding artifact `artifact_idx`, of two of the
  // given identity units, cannot be one person's.
  bool HeldByTwoPeople(std::uint32_t artifact_idx, const std::vector<std::uint32_t>& units) const;

  const std::vector<NormalizedApplication>& applications_;
  const std::vector<std::uint32_t>& identity_;
  const std::vector<SharedArtifact>& artifacts_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> held_;  // unit -> ring artifacts
  std::vector<std::size_t> minimum_holders_;  // per artifact; 0 when a household may share it
};

}  // namespace crosscheck::graph::internal
