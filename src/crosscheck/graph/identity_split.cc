#include "crosscheck/graph/identity_split.h"

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "crosscheck/common/application_source.h"
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

// ContactValues are the values that say who is reachable behind an application. An identity
// thief takes the name, date of birth, SSN and sometimes the address of a real person, whose
// background check then comes back clean (threat-domain.md 2.5 B1: KnowBe4's hire; DOJ
// Chapman, 68 stolen US identities), never the owner's mailbox, phone, computer or bank
// account: the operation brings its own, the ones it shares across its personas. The owner
// keeps applying with theirs, and later disputes the wages reported under their name (D8).
// Only equality is used: on the hub every value is a keyed token and a photo is the group of
// near-duplicates the hub found from band tokens, which stands for the hash.
class ContactValues {
 public:
  ContactValues(const std::vector<NormalizedApplication>& applications,
                const PrecomputedNearDuplicates* near_duplicates)
      : applications_(applications), photo_group_(applications.size(), nullptr) {
    if (near_duplicates == nullptr) return;
    for (const NearDuplicateGroup& group : near_duplicates->groups) {
      if (group.kind != ArtifactKind::kPhoto) continue;
      for (std::size_t app_idx : group.applications) photo_group_[app_idx] = &group.value;
    }
  }

  // Of fills `keys` with application `app_idx`'s contact values, each prefixed by its kind.
  void Of(std::size_t app_idx, std::vector<std::string>& keys) const {
    const NormalizedApplication& application = applications_[app_idx];
    keys.clear();
    if (!application.email.empty()) keys.push_back("e:" + application.email);
    if (!application.phone_e164.empty()) keys.push_back("p:" + application.phone_e164);
    if (!application.device_id.empty()) keys.push_back("d:" + application.device_id);
    if (!application.payout_account.empty()) keys.push_back("$:" + application.payout_account);
    if (!application.github.empty()) keys.push_back("g:" + application.github);
    if (!application.linkedin.empty()) keys.push_back("l:" + application.linkedin);
    if (application.photo_hash) keys.push_back("f:" + std::to_string(*application.photo_hash));
    if (photo_group_[app_idx] != nullptr) keys.push_back("F:" + *photo_group_[app_idx]);
  }

 private:
  const std::vector<NormalizedApplication>& applications_;
  std::vector<const std::string*> photo_group_;  // per application, its photo group's value
};

// KindTies: per application, the strongest weighted artifact of each kind it holds with another
// persona. An artifact whose every holder is the application's own persona is no tie.
struct KindTies {
  std::vector<std::array<float, kArtifactKindCount>> best_of_kind;
  std::unordered_map<std::size_t, std::size_t> slot_of_application;

  explicit KindTies(const EvidenceSet& evidence) {
    for (const SharedArtifact& artifact : evidence.artifacts) {
      if (artifact.weight <= 0 || artifact.personas.size() < 2) continue;
      for (std::size_t app_idx : artifact.applications) {
        auto [slot, inserted] = slot_of_application.try_emplace(app_idx, best_of_kind.size());
        if (inserted) best_of_kind.emplace_back();
        float& best = best_of_kind[slot->second][static_cast<std::size_t>(artifact.kind)];
        best = std::max(best, static_cast<float>(artifact.weight));
      }
    }
  }

  // AddTo raises `best` to application `app_idx`'s ties.
  void AddTo(std::size_t app_idx, std::array<float, kArtifactKindCount>& best) const {
    const auto slot = slot_of_application.find(app_idx);
    if (slot == slot_of_application.end()) return;
    for (std::size_t kind = 0; kind < kArtifactKindCount; ++kind) {
      best[kind] = std::max(best[kind], best_of_kind[slot->second][kind]);
    }
  }
};

// kManyPersonas marks a contact value that more than one persona gives.
constexpr std::uint32_t kManyPersonas = UINT32_MAX;

// PersonaOfContact: each contact value's persona, or kManyPersonas. A staffing agency's inbox
// and phone are on many candidates' applications, a candidate's own on theirs alone.
std::unordered_map<std::string, std::uint32_t> PersonaOfContact(const ContactValues& contacts,
                                                                const NetworkResult& networks) {
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::uint32_t> persona_of_contact;
  for (std::size_t app_idx = 0; app_idx < networks.persona_of_application.size(); ++app_idx) {
    contacts.Of(app_idx, keys);
    const std::uint32_t persona_idx = networks.persona_of_application[app_idx];
    for (std::string& key : keys) {
      auto [found, inserted] = persona_of_contact.try_emplace(std::move(key), persona_idx);
      if (!inserted && found->second != persona_idx) found->second = kManyPersonas;
    }
  }
  return persona_of_contact;
}

// SplitInput is what deciding one persona's split reads.
struct SplitInput {
  const std::vector<NormalizedApplication>& applications;
  const ContactValues& contacts;
  const KindTies& ties;
  const std::unordered_map<std::string, std::uint32_t>& persona_of_contact;
  const IdentitySplitOptions& options;
};

// OwnerApplications returns the applications of a persona (`members`) in its untied contact
// parts when another part is tied to other personas (tie in `ring_tie`); empty otherwise.
std::vector<std::size_t> OwnerApplications(const SplitInput& input, const std::vector<std::size_t>& members,
                                           double& ring_tie) {
  // Contact parts: applications joined by any shared contact value.
  std::vector<std::string> keys;
  UnionFind parts(members.size());
  std::vector<char> has_contact(members.size(), 0);
  std::unordered_map<std::string, std::uint32_t> first_holder;
  for (std::uint32_t member = 0; member < members.size(); ++member) {
    input.contacts.Of(members[member], keys);
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
    if (!IsAgencySource(input.applications[members[member]].source)) {
      part_has_own[root] = 1;
    } else if (part_has_own.count(root) == 0) {
      input.contacts.Of(members[member], keys);
      for (const std::string& key : keys) {
        if (input.persona_of_contact.at(key) != kManyPersonas) part_has_own[root] = 1;
      }
    }
    input.ties.AddTo(members[member], part_best[root]);
  }
  ring_tie = 0;
  if (part_best.size() < 2) return {};
  std::vector<std::uint32_t> untied_roots;
  for (const auto& [root, best] : part_best) {
    double tie = 0;
    for (float weight : best) tie += weight;
    // Untied means tied by nothing the person is: an IP is where one connects from, and the
    // owner shares a campus, an office or a carrier's NAT with whoever is there. A part tied
    // by IPs alone is therefore never the ring's either.
    const double own_tie = tie - best[static_cast<std::size_t>(ArtifactKind::kIp)];
    if (own_tie >= input.options.untied_max_tie) {
      ring_tie = std::max(ring_tie, tie);
    } else if (part_has_own.count(root) > 0) {
      untied_roots.push_back(root);
    }
  }
  if (ring_tie < input.options.ring_min_tie || untied_roots.empty()) return {};
  std::vector<std::size_t> owner;
  for (std::uint32_t member = 0; member < members.size(); ++member) {
    if (!has_contact[member]) continue;
    if (std::find(untied_roots.begin(), untied_roots.end(), parts.Find(member)) != untied_roots.end()) {
      owner.push_back(members[member]);
    }
  }
  return owner;
}

}  // namespace

IdentitySplitResult SplitStolenIdentities(const std::vector<NormalizedApplication>& applications,
                                          const NetworkResult& networks,
                                          const std::vector<std::string>& persona_ids,
                                          const IdentitySplitOptions& options,
                                          const PrecomputedNearDuplicates* near_duplicates) {
  CC_CHECK(applications.size() == persona_ids.size() &&
           applications.size() == networks.persona_of_application.size());
  IdentitySplitResult result;
  result.persona_ids = persona_ids;
  if (!options.enabled) return result;
  const ContactValues contacts(applications, near_duplicates);
  const KindTies ties(networks.evidence);
  const std::unordered_map<std::string, std::uint32_t> persona_of_contact = PersonaOfContact(contacts, networks);
  const SplitInput input{applications, contacts, ties, persona_of_contact, options};
  for (std::size_t persona_idx = 0; persona_idx < networks.applications_of_persona.size(); ++persona_idx) {
    const std::vector<std::size_t>& members = networks.applications_of_persona[persona_idx];
    if (members.size() < 2) continue;
    IdentitySplit split;
    split.owner_applications = OwnerApplications(input, members, split.ring_tie);
    if (split.owner_applications.empty() || split.owner_applications.size() < options.min_owner_applications) continue;
    std::string_view smallest = applications[split.owner_applications.front()].application_id;
    for (std::size_t app_idx : split.owner_applications) {
      smallest = std::min<std::string_view>(smallest, applications[app_idx].application_id);
    }
    split.persona_id = networks.persona_ids[persona_idx];
    split.owner_persona_id = OwnerPersonaId(smallest);
    for (std::size_t app_idx : split.owner_applications) result.persona_ids[app_idx] = split.owner_persona_id;
    result.splits.push_back(std::move(split));
  }
  return result;
}

SplitNetworks BuildSplitNetworks(const std::vector<NormalizedApplication>& applications,
                                 const std::vector<ApplicationRecord>& records,
                                 const std::vector<std::string>& persona_ids, const NetworkOptions& network_options,
                                 const IdentitySplitOptions& split_options,
                                 const PrecomputedNearDuplicates* near_duplicates,
                                 const std::vector<KindStatistics>* linked_population) {
  NetworkOptions linked_options = network_options;
  if (linked_population != nullptr) linked_options.evidence.population = linked_population;
  SplitNetworks result;
  // Both builds weigh the same candidates (they differ in personas and population only).
  const std::vector<ArtifactCandidate> candidates =
      FindArtifactCandidates(applications, records, network_options.evidence, near_duplicates);
  result.linked = BuildNetworks(applications, records, persona_ids, linked_options, near_duplicates, &candidates);
  IdentitySplitResult split =
      SplitStolenIdentities(applications, result.linked, persona_ids, split_options, near_duplicates);
  result.splits = std::move(split.splits);
  if (result.splits.empty()) {
    result.networks = std::move(result.linked);
    result.linked = NetworkResult{};
  } else {
    result.networks =
        BuildNetworks(applications, records, split.persona_ids, network_options, near_duplicates, &candidates);
  }
  return result;
}

NetworkResult BuildNetworksWithIdentitySplit(const std::vector<NormalizedApplication>& applications,
                                             const std::vector<ApplicationRecord>& records,
                                             const std::vector<std::string>& persona_ids,
                                             const NetworkOptions& network_options,
                                             const IdentitySplitOptions& split_options,
                                             std::vector<IdentitySplit>* splits) {
  SplitNetworks built = BuildSplitNetworks(applications, records, persona_ids, network_options, split_options);
  if (splits != nullptr) *splits = std::move(built.splits);
  return std::move(built.networks);
}

}  // namespace crosscheck::graph
