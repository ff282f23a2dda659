#include "crosscheck/graph/network_builder.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "crosscheck/common/check.h"
#include "crosscheck/graph/internal/near_duplicate.h"

namespace crosscheck::graph {

std::string NetworkIdFor(const std::string& smallest_persona_id) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "N-%016llx",
                static_cast<unsigned long long>(internal::Fnv1a64(smallest_persona_id)));
  return buffer;
}

NetworkResult BuildNetworks(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::string>& persona_of_application,
                            const NetworkOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates,
                            const std::vector<ArtifactCandidate>* candidates) {
  CC_CHECK(applications.size() == records.size() &&
           applications.size() == persona_of_application.size())
      << applications.size() << " " << records.size() << " " << persona_of_application.size();
  NetworkResult result;
  std::vector<std::string> ids(applications.size());
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    ids[app_idx] = persona_of_application[app_idx].empty()
                       ? "A:" + applications[app_idx].application_id
                       : persona_of_application[app_idx];
  }
  result.persona_ids = ids;
  std::sort(result.persona_ids.begin(), result.persona_ids.end());
  result.persona_ids.erase(std::unique(result.persona_ids.begin(), result.persona_ids.end()),
                           result.persona_ids.end());
  std::unordered_map<std::string_view, std::uint32_t> index_of;
  index_of.reserve(result.persona_ids.size());
  for (std::uint32_t persona_idx = 0; persona_idx < result.persona_ids.size(); ++persona_idx) {
    index_of.emplace(result.persona_ids[persona_idx], persona_idx);
  }
  result.persona_of_application.resize(applications.size());
  result.applications_of_persona.resize(result.persona_ids.size());
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    const std::uint32_t persona_idx = index_of.at(ids[app_idx]);
    result.persona_of_application[app_idx] = persona_idx;
    result.applications_of_persona[persona_idx].push_back(app_idx);
  }

  result.evidence = candidates != nullptr
                        ? CollectEvidence(applications, records, result.persona_of_application,
                                          result.persona_ids.size(), options.evidence, near_duplicates, *candidates)
                        : CollectEvidence(applications, records, result.persona_of_application,
                                          result.persona_ids.size(), options.evidence, near_duplicates);

  std::vector<WeightedEdge> edges;
  edges.reserve(result.evidence.edges.size());
  for (const EvidenceEdge& edge : result.evidence.edges) {
    edges.push_back(WeightedEdge{edge.persona_left, edge.persona_right, edge.weight});
  }
  const std::vector<std::uint32_t> community = DetectCommunities(
      static_cast<std::uint32_t>(result.persona_ids.size()), edges, options.communities);

  // Communities are numbered by smallest persona index, and persona indexes follow sorted
  // persona ids, so the first member of each community is its smallest persona id.
  std::vector<Network> networks;
  for (std::uint32_t persona_idx = 0; persona_idx < result.persona_ids.size(); ++persona_idx) {
    const std::uint32_t community_idx = community[persona_idx];
    if (community_idx >= networks.size()) {
      networks.resize(community_idx + 1);
      networks[community_idx].network_id = NetworkIdFor(result.persona_ids[persona_idx]);
    }
    Network& network = networks[community_idx];
    network.personas.push_back(persona_idx);
    const auto& apps = result.applications_of_persona[persona_idx];
    network.applications.insert(network.applications.end(), apps.begin(), apps.end());
  }
  for (Network& network : networks) {
    std::sort(network.applications.begin(), network.applications.end());
    std::unordered_set<std::string_view> companies;
    for (std::size_t app_idx : network.applications) companies.insert(applications[app_idx].company_id);
    network.company_count = companies.size();
  }
  std::vector<std::uint32_t> order(networks.size());
  for (std::uint32_t network_idx = 0; network_idx < networks.size(); ++network_idx) {
    order[network_idx] = network_idx;
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t left, std::uint32_t right) {
    return networks[left].network_id < networks[right].network_id;
  });
  std::vector<std::uint32_t> new_index(networks.size());
  result.networks.reserve(networks.size());
  for (std::uint32_t position = 0; position < order.size(); ++position) {
    new_index[order[position]] = position;
    result.networks.push_back(std::move(networks[order[position]]));
  }
  result.network_of_persona.resize(result.persona_ids.size());
  for (std::uint32_t persona_idx = 0; persona_idx < result.persona_ids.size(); ++persona_idx) {
    result.network_of_persona[persona_idx] = new_index[community[persona_idx]];
  }
  return result;
}

}  // namespace crosscheck::graph
