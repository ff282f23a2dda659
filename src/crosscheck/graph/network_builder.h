// Networks: groups of personas believed to be run by one operation. BuildNetworks collects
// the artifacts personas share (evidence_edge.h), weights them by specificity and splits the
// weighted persona graph into communities (communities.h). A persona tied to nothing is its
// own network.
//
//   graph::NetworkResult networks = graph::BuildNetworks(normalized, records, persona_ids, {});
//   const std::string& id = networks.NetworkIdOfApplication(application_idx);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/communities.h"
#include "crosscheck/graph/evidence_edge.h"

namespace crosscheck::graph {

// NetworkOptions gathers the options of both stages.
struct NetworkOptions {
  EvidenceOptions evidence;
  CommunityOptions communities;
};

// Network is one community of personas.
struct Network {
  std::string network_id;                 // "N-" + 16 hex digits of a hash of the smallest persona id
  std::vector<std::uint32_t> personas;    // sorted persona indexes
  std::vector<std::size_t> applications;  // sorted application indexes
  std::size_t company_count = 0;
};

// NetworkResult is the output of BuildNetworks. Persona indexes number the distinct persona
// ids in sorted order, so every index and id is independent of input row order.
struct NetworkResult {
  std::vector<std::string> persona_ids;                        // sorted, distinct
  std::vector<std::uint32_t> persona_of_application;           // index into persona_ids
  std::vector<std::vector<std::size_t>> applications_of_persona;  // sorted application indexes
  EvidenceSet evidence;                                        // shared artifacts and edges
  std::vector<Network> networks;                               // sorted by network_id
  std::vector<std::uint32_t> network_of_persona;               // index into networks

  // NetworkIdOfApplication returns the network id of application `application_idx`.
  const std::string& NetworkIdOfApplication(std::size_t application_idx) const {
    return networks[network_of_persona[persona_of_application[application_idx]]].network_id;
  }
};

// NetworkIdFor returns the stable network id of a network whose smallest persona id is
// `smallest_persona_id`: "N-" followed by 16 lower-case hex digits (FNV-1a 64).
std::string NetworkIdFor(const std::string& smallest_persona_id);

// BuildNetworks groups personas into networks. `applications`, `records` and
// `persona_of_application` are parallel (same length, same order); an empty persona id puts
// the application in a persona of its own ("A:" + application_id). Deterministic: the same
// applications in any row order give the same persona indexes, artifacts and network ids.
// Thread-compatible; community detection is serialized inside (igraph's global RNG).
// `near_duplicates`: photo and resume groups found elsewhere (see CollectEvidence).
// `candidates`: FindArtifactCandidates of the same applications, records, options.evidence and
// near_duplicates, when the caller already has them (else they are found here).
NetworkResult BuildNetworks(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::string>& persona_of_application,
                            const NetworkOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates = nullptr,
                            const std::vector<ArtifactCandidate>* candidates = nullptr);

}  // namespace crosscheck::graph
