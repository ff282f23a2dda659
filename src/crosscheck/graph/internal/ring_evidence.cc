#include "crosscheck/graph/internal/ring_evidence.h"

#include <algorithm>

#include "crosscheck/graph/name_match.h"

namespace crosscheck::graph::internal {
namespace {

// IsVirtualNumber: a lookup (`phone_line_type`) called the number nonFixedVoip, and no
// application calls it a landline, a fixed VoIP line or a mobile (a lookup is sometimes wrong,
// and where the input gives no type libphonenumber's is used, which knows a geographic fixed
// line outside the NANP).
bool IsVirtualNumber(const std::vector<NormalizedApplication>& applications, const SharedArtifact& artifact) {
  bool virtual_type = false;
  for (std::size_t app_idx : artifact.applications) {
    switch (applications[app_idx].line_type) {
      case LineType::kNonFixedVoip: virtual_type = true; break;
      case LineType::kLandline:
      case LineType::kFixedVoip:
      case LineType::kMobile: return false;
      default: break;
    }
  }
  return virtual_type;
}

// MinimumHolders: how many residents holding the artifact are no household; 0 for what a
// household shares.
std::size_t MinimumHolders(const std::vector<NormalizedApplication>& applications, const SharedArtifact& artifact) {
  switch (artifact.kind) {
    case ArtifactKind::kPhoto:
    case ArtifactKind::kNationalId: return 2;
    case ArtifactKind::kPayoutAccount:
    case ArtifactKind::kResume: return 3;
    case ArtifactKind::kPhone: return IsVirtualNumber(applications, artifact) ? 3 : 0;
    default: return 0;
  }
}

}  // namespace

RingEvidence::RingEvidence(const std::vector<NormalizedApplication>& applications,
                           const std::vector<std::uint32_t>& identity, const std::vector<SharedArtifact>& artifacts)
    : applications_(applications), identity_(identity), artifacts_(artifacts) {
  minimum_holders_.reserve(artifacts.size());
  for (std::uint32_t artifact_idx = 0; artifact_idx < artifacts.size(); ++artifact_idx) {
    const SharedArtifact& artifact = artifacts[artifact_idx];
    minimum_holders_.push_back(MinimumHolders(applications, artifact));
    if (minimum_holders_.back() == 0) continue;
    for (std::size_t app_idx : artifact.applications) {
      std::vector<std::uint32_t>& held = held_[identity[app_idx]];
      if (held.empty() || held.back() != artifact_idx) held.push_back(artifact_idx);
    }
  }
}

bool RingEvidence::HeldByTwoPeople(std::uint32_t artifact_idx, const std::vector<std::uint32_t>& units) const {
  std::vector<std::size_t> holders;
  for (std::size_t app_idx : artifacts_[artifact_idx].applications) {
    if (std::find(units.begin(), units.end(), identity_[app_idx]) != units.end()) holders.push_back(app_idx);
  }
  for (std::size_t left = 0; left < holders.size(); ++left) {
    for (std::size_t right = left + 1; right < holders.size(); ++right) {
      if (identity_[holders[left]] == identity_[holders[right]]) continue;
      if (!CouldBeOnePerson(applications_[holders[left]], applications_[holders[right]], true)) return true;
    }
  }
  return false;
}

bool RingEvidence::Among(const std::vector<std::pair<std::uint32_t, std::size_t>>& residents) const {
  struct Holding {
    std::vector<std::size_t> people;
    std::vector<std::uint32_t> units;
  };
  std::unordered_map<std::uint32_t, Holding> holders;  // artifact -> who holds it
  for (const auto& [unit, person] : residents) {
    const auto found = held_.find(unit);
    if (found == held_.end()) continue;
    for (std::uint32_t artifact_idx : found->second) {
      Holding& holding = holders[artifact_idx];
      holding.units.push_back(unit);
      if (std::find(holding.people.begin(), holding.people.end(), person) != holding.people.end()) continue;
      holding.people.push_back(person);
      if (holding.people.size() < minimum_holders_[artifact_idx]) continue;
      if (minimum_holders_[artifact_idx] > 2 || HeldByTwoPeople(artifact_idx, holding.units)) return true;
    }
  }
  return false;
}

}  // namespace crosscheck::graph::internal
