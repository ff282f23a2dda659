#include "crosscheck/graph/identity_split.h"

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "crosscheck/common/check.h"
#include "crosscheck/common/union_find.h"

namespace crosscheck::graph {
namespace {

// OwnerPersonaId: "p" + FNV-1a 64 of the owner part's smallest application id, so the id is
// stable across reruns and row orders, like linkage's own ids.
std::string OwnerPersonaId(std::string_view smallest_application_id) {
  std::uint64_t hash = 1469598103934665603ull;
  for (char c : std::string_view("identity-owner:")) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  for (char c : smallest_application_id) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "p%016" PRIx64, hash);
  return buffer;
}

// ContactKeys are the values that say who is reachable behind an application. An identity
// thief takes the name, date of birth, SSN and sometimes the address of a real person, whose
// background check then comes back clean (threat-domain.md 2.5 B1: KnowBe4's hire; DOJ
// Chapman, 68 stolen US identities), never the owner's mailbox, phone, computer or bank
// account: the operation brings its own, the ones it shares across its personas. The owner
// keeps applying with theirs, and later disputes the wages reported under their name (D8).
void ContactKeys(const NormalizedApplication& application, std::vector<std::string>& keys) {
  keys.clear();
  if (!application.email.empty()) keys.push_back("e:" + application.email);
  if (!application.phone_e164.empty()) keys.push_back("p:" + application.phone_e164);
  if (!application.device_id.empty()) keys.push_back("d:" + application.device_id);
  if (!application.payout_account.empty()) keys.push_back("$:" + application.payout_account);
  if (!application.github.empty()) keys.push_back("g:" + application.github);
  if (!application.linkedin.empty()) keys.push_back("l:" + application.linkedin);
  if (application.photo_hash) keys.push_back("f:" + std::to_string(*application.photo_hash));
}

}  // namespace

IdentitySplitResult SplitStolenIdentities(const std::vector<NormalizedApplication>& applications,
                                          const NetworkResult& networks,
                                          const std::vector<std::string>& persona_ids,
                                          const IdentitySplitOptions& options) {
  CC_CHECK(applications.size() == persona_ids.size() &&
           applications.size() == networks.persona_of_application.size());
  IdentitySplitResult result;
  result.persona_ids = persona_ids;
  if (!options.enabled) return result;

  // Per application, the strongest weighted artifact of each kind it holds with another
  // persona. An artifact whose every holder is the application's own persona is no tie.
  std::vector<std::array<float, kArtifactKindCount>> best_of_kind;
  std::unordered_map<std::size_t, std::size_t> slot_of_application;
  for (const SharedArtifact& artifact : networks.evidence.artifacts) {
    if (artifact.weight <= 0 || artifact.personas.size() < 2) continue;
    for (std::size_t app_idx : artifact.applications) {
      auto [slot, inserted] = slot_of_application.try_emplace(app_idx, best_of_kind.size());
      if (inserted) best_of_kind.emplace_back();
      float& best = best_of_kind[slot->second][static_cast<std::size_t>(artifact.kind)];
      best = std::max(best, static_cast<float>(artifact.weight));
    }
  }

  // Contact values and whether more than one persona gives them: a staffing agency's inbox
  // and phone are on many candidates' applications, a candidate's own on theirs alone.
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::uint32_t> persona_of_contact;  // kManyPersonas: several
  constexpr std::uint32_t kManyPersonas = UINT32_MAX;
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    ContactKeys(applications[app_idx], keys);
    const std::uint32_t persona_idx = networks.persona_of_application[app_idx];
    for (std::string& key : keys) {
      auto [found, inserted] = persona_of_contact.try_emplace(std::move(key), persona_idx);
      if (!inserted && found->second != persona_idx) found->second = kManyPersonas;
    }
  }
  for (std::size_t persona_idx = 0; persona_idx < networks.applications_of_persona.size(); ++persona_idx) {
    const std::vector<std::size_t>& members = networks.applications_of_persona[persona_idx];
    if (members.size() < 2) continue;
    // Contact parts: applications joined by any shared contact value.
    UnionFind parts(members.size());
    std::vector<char> has_contact(members.size(), 0);
    std::unordered_map<std::string, std::uint32_t> first_holder;
    for (std::uint32_t member = 0; member < members.size(); ++member) {
      ContactKeys(applications[members[member]], keys);
      has_contact[member] = keys.empty() ? 0 : 1;
      for (std::string& key : keys) {
        auto [found, inserted] = first_holder.try_emplace(std::move(key), member);
        if (!inserted) parts.Union(found->second, member);
      }
    }
    // Tie of each part: per kind the strongest artifact any of its applications holds. A part
    // that only staffing agencies submitted may speak with an agency's inbox and phone, which
    // say nothing about whose history it is (a front agency's submission of the impostor's
    // looks untied too): such a part can be the owner's only when it gives a contact value no
    // other persona gives (the candidate's own mailbox, which agencies often pass on).
    std::unordered_map<std::uint32_t, std::array<float, kArtifactKindCount>> part_best;
    std::unordered_map<std::uint32_t, char> part_has_own;
    for (std::uint32_t member = 0; member < members.size(); ++member) {
      if (!has_contact[member]) continue;
      const std::uint32_t root = parts.Find(member);
      if (!IsAgencySource(applications[members[member]].source)) {
        part_has_own[root] = 1;
      } else if (part_has_own.count(root) == 0) {
        ContactKeys(applications[members[member]], keys);
        for (const std::string& key : keys) {
          if (persona_of_contact.at(key) != kManyPersonas) part_has_own[root] = 1;
        }
      }
      std::array<float, kArtifactKindCount>& best = part_best[root];
      const auto slot = slot_of_application.find(members[member]);
      if (slot == slot_of_application.end()) continue;
      for (std::size_t kind = 0; kind < kArtifactKindCount; ++kind) {
        best[kind] = std::max(best[kind], best_of_kind[slot->second][kind]);
      }
    }
    if (part_best.size() < 2) continue;
    double ring_tie = 0;
    std::vector<std::uint32_t> untied_roots;
    for (const auto& [root, best] : part_best) {
      double tie = 0;
      for (float weight : best) tie += weight;
      ring_tie = std::max(ring_tie, tie);
      if (tie < options.untied_max_tie && part_has_own.count(root) > 0) untied_roots.push_back(root);
    }
    if (ring_tie < options.ring_min_tie || untied_roots.empty()) continue;
    IdentitySplit split;
    for (std::uint32_t member = 0; member < members.size(); ++member) {
      if (!has_contact[member]) continue;
      const std::uint32_t root = parts.Find(member);
      if (std::find(untied_roots.begin(), untied_roots.end(), root) != untied_roots.end()) {
        split.owner_applications.push_back(members[member]);
      }
    }
    if (split.owner_applications.size() < options.min_owner_applications) continue;
    std::string_view smallest = applications[split.owner_applications.front()].application_id;
    for (std::size_t app_idx : split.owner_applications) {
      smallest = std::min<std::string_view>(smallest, applications[app_idx].application_id);
    }
    split.persona_id = networks.persona_ids[persona_idx];
    split.owner_persona_id = OwnerPersonaId(smallest);
    split.ring_tie = ring_tie;
    for (std::size_t app_idx : split.owner_applications) result.persona_ids[app_idx] = split.owner_persona_id;
    result.splits.push_back(std::move(split));
  }
  return result;
}

NetworkResult BuildNetworksWithIdentitySplit(const std::vector<NormalizedApplication>& applications,
                                             const std::vector<ApplicationRecord>& records,
                                             const std::vector<std::string>& persona_ids,
                                             const NetworkOptions& network_options,
                                             const IdentitySplitOptions& split_options,
                                             std::vector<IdentitySplit>* splits) {
  NetworkResult networks = BuildNetworks(applications, records, persona_ids, network_options);
  IdentitySplitResult split = SplitStolenIdentities(applications, networks, persona_ids, split_options);
  if (!split.splits.empty()) networks = BuildNetworks(applications, records, split.persona_ids, network_options);
  if (splits != nullptr) *splits = std::move(split.splits);
  return networks;
}

}  // namespace crosscheck::graph
