#include "crosscheck/hub/incremental_match.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string_view>
#include <utility>

#include "crosscheck/common/check.h"
#include "crosscheck/common/stage_timer.h"
#include "crosscheck/common/union_find.h"

namespace crosscheck::hub {
namespace {

// Mix64 is a 64-bit finalizer (splitmix64): fingerprints are sums of mixed hashes.
std::uint64_t Mix64(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t HashText(std::uint64_t seed, std::string_view text) {
  return Mix64(seed ^ std::hash<std::string_view>{}(text));
}

// The identifiers the evidence engine compares as equal values (graph::CollectEvidence's exact
// candidates and IPs); two records holding one of them are in one component.
const std::string NormalizedApplication::* const kTokenFields[] = {
    &NormalizedApplication::email,          &NormalizedApplication::phone_e164,
    &NormalizedApplication::national_id,    &NormalizedApplication::payout_account,
    &NormalizedApplication::device_id,      &NormalizedApplication::address_key,
    &NormalizedApplication::shipping_address_key, &NormalizedApplication::linkedin,
    &NormalizedApplication::github,         &NormalizedApplication::ip_address,
};

// Components is the partition of the consortium's records: component of each record (dense,
// numbered by smallest record), the records of each, and each one's fingerprint.
struct Components {
  std::vector<std::uint32_t> of_record;
  std::vector<std::vector<std::uint32_t>> records;
  std::vector<std::uint64_t> fingerprint;
};

// FindComponents joins records sharing a token, a persona or a near-duplicate group. A
// component's fingerprint covers everything its match reads: its records (by hub id; a record
// of an unchanged member is unchanged), their persona ids and its near-duplicate groups.
Components FindComponents(const ConsortiumRecords& flat, const ConsortiumLinkage& linkage,
                          const std::vector<graph::NearDuplicateGroup>& resume_groups) {
  const std::size_t total = flat.applications.size();
  UnionFind parts(total);
  for (const auto field : kTokenFields) {
    std::unordered_map<std::string_view, std::uint32_t> first_holder;
    first_holder.reserve(total);
    for (std::uint32_t record = 0; record < total; ++record) {
      const std::string& value = flat.applications[record]->*field;
      if (value.empty()) continue;
      const auto [slot, inserted] = first_holder.emplace(value, record);
      if (!inserted) parts.Union(slot->second, record);
    }
  }
  {
    std::unordered_map<std::string_view, std::uint32_t> first_holder;
    first_holder.reserve(total);
    for (std::uint32_t record = 0; record < total; ++record) {
      const auto [slot, inserted] = first_holder.emplace(linkage.persona_ids[record], record);
      if (!inserted) parts.Union(slot->second, record);
    }
  }
  for (const auto* groups : {&linkage.photo_groups, &resume_groups}) {
    for (const graph::NearDuplicateGroup& group : *groups) {
      for (std::size_t record : group.applications) {
        parts.Union(static_cast<std::uint32_t>(group.applications.front()), static_cast<std::uint32_t>(record));
      }
    }
  }
  Components components;
  components.of_record.assign(total, UINT32_MAX);
  std::vector<std::uint32_t> number_of_root(total, UINT32_MAX);
  for (std::uint32_t record = 0; record < total; ++record) {
    const std::uint32_t root = parts.Find(record);
    if (number_of_root[root] == UINT32_MAX) {
      number_of_root[root] = static_cast<std::uint32_t>(components.records.size());
      components.records.emplace_back();
    }
    components.of_record[record] = number_of_root[root];
    components.records[number_of_root[root]].push_back(record);
  }
  components.fingerprint.assign(components.records.size(), 0);
  for (std::size_t component = 0; component < components.records.size(); ++component) {
    std::uint64_t hash = 0x243f6a8885a308d3ULL;
    for (std::uint32_t record : components.records[component]) {
      hash = HashText(hash, flat.applications[record]->application_id);
      hash = HashText(hash, linkage.persona_ids[record]);
    }
    components.fingerprint[component] = hash;
  }
  // Groups in any order: their hashes are added.
  for (const auto* groups : {&linkage.photo_groups, &resume_groups}) {
    for (const graph::NearDuplicateGroup& group : *groups) {
      std::uint64_t hash = HashText(static_cast<std::uint64_t>(group.kind) + 1, group.value);
      std::uint64_t similarity_bits = 0;
      std::memcpy(&similarity_bits, &group.similarity, sizeof similarity_bits);
      hash = Mix64(hash ^ similarity_bits);
      for (std::size_t record : group.applications) hash = HashText(hash, flat.applications[record]->application_id);
      components.fingerprint[components.of_record[group.applications.front()]] += Mix64(hash);
    }
  }
  return components;
}

// SameWeights says whether two sets of kind statistics give every artifact the same weight:
// only kind_factor and generic_scale enter it (graph::SharedArtifact::weight).
bool SameWeights(const std::vector<graph::KindStatistics>& left, const std::vector<graph::KindStatistics>& right) {
  if (left.size() != right.size()) return false;
  for (std::size_t kind = 0; kind < left.size(); ++kind) {
    if (left[kind].kind_factor != right[kind].kind_factor || left[kind].generic_scale != right[kind].generic_scale) {
      return false;
    }
  }
  return true;
}

void AddTally(const graph::KindTally& part, graph::KindTally& sum) {
  sum.personas_with_value += part.personas_with_value;
  sum.personas_sharing += part.personas_sharing;
  sum.shared_party_counts.insert(sum.shared_party_counts.end(), part.shared_party_counts.begin(),
                                 part.shared_party_counts.end());
}

// TallyComponents tallies `networks` (built over `view`) per component: `group_of_view` gives each
// view application's component, numbered 0..group_count-1.
std::vector<graph::KindTally> TallyComponents(const ConsortiumView& view, const graph::NetworkResult& networks,
                                              const std::vector<std::uint32_t>& group_of_view, std::size_t group_count) {
  std::vector<std::uint32_t> group_of_persona(networks.persona_ids.size());
  for (std::uint32_t persona = 0; persona < networks.persona_ids.size(); ++persona) {
    group_of_persona[persona] = group_of_view[networks.applications_of_persona[persona].front()];
  }
  return graph::TallyKinds(view.applications, view.records, networks.persona_of_application,
                           networks.persona_ids.size(), &view.near_duplicates, networks.evidence.artifacts,
                           &group_of_persona, group_count);
}

// NonEmptyTallies keeps a component's tallies (entries component * kinds + kind of `tallies`)
// that hold anything, moved out.
std::vector<std::pair<std::uint8_t, graph::KindTally>> NonEmptyTallies(std::vector<graph::KindTally>& tallies,
                                                                       std::size_t component) {
  std::vector<std::pair<std::uint8_t, graph::KindTally>> kept;
  for (std::size_t kind = 0; kind < graph::kArtifactKindCount; ++kind) {
    graph::KindTally& tally = tallies[component * graph::kArtifactKindCount + kind];
    if (tally.personas_with_value > 0 || tally.personas_sharing > 0 || !tally.shared_party_counts.empty()) {
      kept.emplace_back(static_cast<std::uint8_t>(kind), std::move(tally));
    }
  }
  return kept;
}

}  // namespace

IncrementalMatcher::IncrementalMatcher(HubOptions options, IncrementalOptions incremental)
    : options_(std::move(options)), incremental_(incremental) {}

HubMatchResult IncrementalMatcher::Match(const std::vector<const DecodedMember*>& members,
                                         const std::vector<std::int64_t>& versions) {
  CC_CHECK(members.size() == versions.size()) << members.size() << " " << versions.size();
  MatchSummary summary;
  StageTimer timer(summary.stage_seconds);
  const ConsortiumRecords flat = FlattenMembers(members);
  const std::size_t total = flat.applications.size();
  std::vector<char> changed(members.size(), 0);
  for (std::size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const auto found = members_.find(members[member_idx]->company_id);
    changed[member_idx] = found == members_.end() || found->second.version != versions[member_idx];
  }

  // What only the whole consortium decides: personas and near-duplicate groups.
  const ConsortiumLinkage linkage = LinkRecords(flat, options_.view);
  std::vector<std::string_view> ids(total);
  for (std::size_t record = 0; record < total; ++record) ids[record] = flat.applications[record]->application_id;
  const std::vector<graph::NearDuplicateGroup> resume_groups =
      graph::FindResumeGroups(flat.resume_signatures, ids, HubNetworkOptions(nullptr).evidence);
  timer.Mark("linkage");
  const Components components = FindComponents(flat, linkage, resume_groups);
  const std::size_t component_count = components.records.size();
  timer.Mark("components");

  // A component is clean when its fingerprint is one a previous match left and it holds no
  // record of a changed member: its findings and tally are still right, as long as the
  // statistics give the same weights (checked below).
  std::vector<char> affected(component_count, 1);
  std::size_t affected_records = 0;
  for (std::size_t component = 0; component < component_count; ++component) {
    bool clean = components_.count(components.fingerprint[component]) > 0;
    for (std::uint32_t record : components.records[component]) clean = clean && !changed[flat.member_of[record]];
    affected[component] = clean ? 0 : 1;
    if (!clean) affected_records += components.records[component].size();
  }
  bool full = true;
  if (!incremental_.enabled) {
    summary.reason = "incremental matching disabled";
  } else if (scored_with_.empty()) {
    summary.reason = "first match";
  } else if (incremental_.full_every > 0 && since_full_ + 1 >= incremental_.full_every) {
    summary.reason = "periodic full match";
  } else if (static_cast<double>(affected_records) > incremental_.max_affected_share * static_cast<double>(total)) {
    summary.reason = "affected part over the share";
  } else {
    full = false;
    summary.reason = "incremental";
  }

  ViewMatch match;
  std::vector<std::uint32_t> selected;
  std::vector<std::uint32_t> local_of(component_count, UINT32_MAX);  // selected component -> 0..n-1
  std::vector<graph::KindTally> tallies, linked_tallies;
  // The consortium's statistics now: the clean components' stored tallies and the new ones.
  using StoredTallies = std::vector<std::pair<std::uint8_t, graph::KindTally>>;
  const auto consortium_statistics = [&](StoredTallies ComponentState::*stored,
                                         const std::vector<graph::KindTally>& fresh) {
    std::vector<graph::KindTally> sum(graph::kArtifactKindCount);
    for (std::size_t component = 0; component < component_count; ++component) {
      if (affected[component]) continue;
      for (const auto& [kind, tally] : components_.at(components.fingerprint[component]).*stored) AddTally(tally, sum[kind]);
    }
    for (std::size_t entry = 0; entry < fresh.size(); ++entry) AddTally(fresh[entry], sum[entry % graph::kArtifactKindCount]);
    std::vector<graph::KindStatistics> now;
    for (const graph::KindTally& tally : sum) now.push_back(graph::StatisticsOfTally(tally));
    return now;
  };
  while (true) {
    if (full) std::fill(affected.begin(), affected.end(), 1);
    selected.clear();
    std::fill(local_of.begin(), local_of.end(), UINT32_MAX);
    std::uint32_t local_count = 0;
    std::vector<std::uint32_t> group_of_view;
    for (std::uint32_t record = 0; record < total; ++record) {
      const std::uint32_t component = components.of_record[record];
      if (!affected[component]) continue;
      selected.push_back(record);
      if (local_of[component] == UINT32_MAX) local_of[component] = local_count++;
      group_of_view.push_back(local_of[component]);
    }
    const ConsortiumView view = ViewOf(flat, selected, linkage, resume_groups);
    const ViewStatistics statistics = full ? ViewStatistics{} : ViewStatistics{&linked_with_, &scored_with_};
    match = MatchViewApplications(view, options_, statistics, &summary.stage_seconds);
    // The split is decided on the networks before it, weighed by the statistics before it:
    // both must be what a full match would use.
    const bool any_split = !match.identity_splits.empty();
    const graph::NetworkResult& linked = any_split ? match.linked : match.networks;
    tallies = TallyComponents(view, match.networks, group_of_view, local_count);
    linked_tallies = any_split ? TallyComponents(view, linked, group_of_view, local_count) : tallies;
    if (full) {
      scored_with_ = match.networks.evidence.kinds;
      linked_with_ = linked.evidence.kinds;
      break;
    }
    std::vector<graph::KindStatistics> now = consortium_statistics(&ComponentState::tallies, tallies);
    std::vector<graph::KindStatistics> now_linked = consortium_statistics(&ComponentState::linked_tallies, linked_tallies);
    if (SameWeights(now, scored_with_) && SameWeights(now_linked, linked_with_)) {
      scored_with_ = std::move(now);
      linked_with_ = std::move(now_linked);
      break;
    }
    full = true;  // every stored weight would change: match everything
    summary.reason = "statistics changed";
  }
  since_full_ = full ? 0 : since_full_ + 1;
  timer.Mark("match");

  // The new state: clean components keep theirs, matched ones get the match's.
  std::unordered_map<std::uint64_t, ComponentState> next_components;
  std::vector<std::uint32_t> component_of_local(component_count, UINT32_MAX);
  for (std::size_t component = 0; component < component_count; ++component) {
    if (!affected[component]) {
      next_components[components.fingerprint[component]] = std::move(components_.at(components.fingerprint[component]));
    } else if (local_of[component] != UINT32_MAX) {
      component_of_local[local_of[component]] = static_cast<std::uint32_t>(component);
      ComponentState& state = next_components[components.fingerprint[component]];
      state = ComponentState{};
      state.tallies = NonEmptyTallies(tallies, local_of[component]);
      state.linked_tallies = NonEmptyTallies(linked_tallies, local_of[component]);
    }
  }
  const graph::NetworkResult& networks = match.networks;
  const auto component_of_view = [&](std::size_t view_idx) { return components.of_record[selected[view_idx]]; };
  for (std::uint32_t persona = 0; persona < networks.persona_ids.size(); ++persona) {
    ++next_components[components.fingerprint[component_of_view(networks.applications_of_persona[persona].front())]]
          .personas;
  }
  for (const graph::IdentitySplit& split : match.identity_splits) {
    ++next_components[components.fingerprint[component_of_view(split.owner_applications.front())]].identity_splits;
  }
  for (const graph::Network& network : networks.networks) {
    ++next_components[components.fingerprint[component_of_view(network.applications.front())]].networks;
  }
  for (std::size_t view_idx = 0; view_idx < selected.size(); ++view_idx) {
    if (match.flagged[view_idx]) ++next_components[components.fingerprint[component_of_view(view_idx)]].flagged;
  }

  std::map<std::string, MemberState> next_members;
  std::vector<char> touched(members.size(), 0);
  for (std::size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const DecodedMember& member = *members[member_idx];
    MemberState& state = next_members[member.company_id];
    state.version = versions[member_idx];
    const auto found = members_.find(member.company_id);
    if (!changed[member_idx] && found != members_.end()) state.findings = std::move(found->second.findings);
    state.findings.resize(member.applications.size());
    touched[member_idx] = changed[member_idx];
  }
  for (std::size_t view_idx = 0; view_idx < selected.size(); ++view_idx) {
    const std::uint32_t record = selected[view_idx];
    const std::size_t member_idx = flat.member_of[record];
    next_members[members[member_idx]->company_id].findings[flat.record_of[record]] = std::move(match.findings[view_idx]);
    touched[member_idx] = 1;
  }
  components_ = std::move(next_components);
  members_ = std::move(next_members);

  HubMatchResult result;
  for (std::size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const DecodedMember& member = *members[member_idx];
    share::MemberFindings findings;
    findings.company_id = member.company_id;
    findings.epoch = member.epoch;
    findings.k_threshold = options_.k_threshold;
    for (const std::optional<share::ApplicationFinding>& finding : members_.at(member.company_id).findings) {
      if (finding) findings.applications.push_back(*finding);
    }
    result.findings.push_back(std::move(findings));
    if (touched[member_idx]) summary.touched.push_back(member.company_id);
  }
  std::sort(result.findings.begin(), result.findings.end(),
            [](const auto& left, const auto& right) { return left.company_id < right.company_id; });
  std::sort(summary.touched.begin(), summary.touched.end());
  result.applications = total;
  for (const auto& [fingerprint, state] : components_) {
    result.personas += state.personas;
    result.networks += state.networks;
    result.flagged_applications += state.flagged;
    result.identity_splits += state.identity_splits;
  }
  timer.Mark("findings");
  summary.full = full;
  summary.rescored = selected.size();
  summary.applications = total;
  summary.components = component_count;
  result.stage_seconds = summary.stage_seconds;
  last_ = std::move(summary);
  return result;
}

}  // namespace crosscheck::hub
