// Identity split: one claimed identity (name and date of birth) used by two parties. When an
// operation applies under a stolen identity whose owner also applies, persona linkage joins
// the owner's applications to the impostor's (same name, same date of birth, often the same
// SSN) and the owner then carries the ring's evidence. SplitStolenIdentities finds personas
// whose applications fall into contact-disjoint parts, one tied to other parties by weighted
// evidence and another tied to nobody, and gives the untied part a persona of its own. It reads
// only equality of contact values, photo groups, agency sources and artifact weights, so it
// runs alike on plaintext (the scan) and on the consortium hub's keyed tokens (hub/).
//
//   graph::NetworkResult networks =
//       graph::BuildNetworksWithIdentitySplit(normalized, records, persona_ids, network_options, {});
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/network_builder.h"

namespace crosscheck::graph {

// IdentitySplitOptions tunes SplitStolenIdentities. Defaults are the documented ones
// (docs/INDICATORS.md, "Stolen identities"; the sweep is in docs/PERFORMANCE.md).
struct IdentitySplitOptions {
  bool enabled = true;
  // A part is tied to other parties when its tie (per artifact kind the strongest weighted
  // artifact its applications hold with another persona, summed over kinds, as the scorer's
  // NETWORK_RISK tie) reaches this.
  double ring_min_tie = 0.35;
  // A part is untied when its tie, IPs left out, is below this: it shares nothing specific
  // with anybody (an IP is where one connects from: a campus, an office, a carrier's NAT).
  double untied_max_tie = 0.05;
  // The untied parts together must hold at least this many applications: an ordinary history
  // of the identity's owner, not one stray application of the impostor's.
  std::size_t min_owner_applications = 1;
};

// IdentitySplit describes one persona that was split.
struct IdentitySplit {
  std::string persona_id;                  // the linked persona; keeps the tied part
  std::string owner_persona_id;            // the new persona of the untied part
  std::vector<std::size_t> owner_applications;  // sorted application indexes moved to it
  double ring_tie = 0;                     // the tied part's tie
};

// IdentitySplitResult is the persona of every application after splitting, and the splits.
struct IdentitySplitResult {
  std::vector<std::string> persona_ids;  // parallel to the applications
  std::vector<IdentitySplit> splits;     // sorted by persona_id
};

// SplitStolenIdentities looks at every persona of `networks` (built from `persona_ids`) with
// two or more applications. Its applications are grouped into contact parts: applications
// that give one e-mail, phone, device, payout account, GitHub or LinkedIn handle or photo (an
// equal photo hash, or one photo group of `near_duplicates` where the hub gives groups instead
// of hashes) are one part (name, date of birth, national id and home address are what an identity thief
// takes, so they do not join parts). When some part is tied to other personas (tie >=
// ring_min_tie) and the parts tied to nobody (tie < untied_max_tie) that hold an application
// not submitted by a staffing agency (IsAgencySource), or a contact value no other persona
// gives (an agency's inbox and phone, on many candidates, say whose submission desk it was,
// not whose history), hold at least
// min_owner_applications applications, those untied parts become one new persona, "p" + 16
// hex digits of a hash of their smallest application id. Applications without any contact
// value stay where they are. Sharing between the two halves afterwards is one name's and
// explained (evidence_edge.h), so the owner no longer carries the ring's evidence.
// Deterministic; O(applications + artifacts' applications). Thread-compatible. Contact values
// are compared for equality only, so keyed tokens (one token per value) give the same split.
IdentitySplitResult SplitStolenIdentities(const std::vector<NormalizedApplication>& applications,
                                          const NetworkResult& networks,
                                          const std::vector<std::string>& persona_ids,
                                          const IdentitySplitOptions& options,
                                          const PrecomputedNearDuplicates* near_duplicates = nullptr);

// SplitNetworks is the answer of BuildSplitNetworks.
struct SplitNetworks {
  NetworkResult networks;  // over the split personas
  // linked: the networks over the personas as given, which the split was decided on; empty
  // (no persona) when nothing was split, since `networks` is then the same.
  NetworkResult linked;
  std::vector<IdentitySplit> splits;
};

// BuildSplitNetworks is BuildNetworks, SplitStolenIdentities on its result and, when any
// persona was split, BuildNetworks again over the new personas. `linked_population`, when
// given, weighs artifacts in the first build instead of network_options' population (the
// consortium hub's incremental matcher keeps both: statistics change when personas split).
// `near_duplicates` as for BuildNetworks. Same contract as BuildNetworks.
SplitNetworks BuildSplitNetworks(const std::vector<NormalizedApplication>& applications,
                                 const std::vector<ApplicationRecord>& records,
                                 const std::vector<std::string>& persona_ids, const NetworkOptions& network_options,
                                 const IdentitySplitOptions& split_options,
                                 const PrecomputedNearDuplicates* near_duplicates = nullptr,
                                 const std::vector<KindStatistics>* linked_population = nullptr);

// BuildNetworksWithIdentitySplit is BuildSplitNetworks' networks: what a scan does. `splits`,
// when given, receives the splits. Same contract as BuildNetworks.
NetworkResult BuildNetworksWithIdentitySplit(const std::vector<NormalizedApplication>& applications,
                                             const std::vector<ApplicationRecord>& records,
                                             const std::vector<std::string>& persona_ids,
                                             const NetworkOptions& network_options,
                                             const IdentitySplitOptions& split_options,
                                             std::vector<IdentitySplit>* splits = nullptr);

}  // namespace crosscheck::graph
