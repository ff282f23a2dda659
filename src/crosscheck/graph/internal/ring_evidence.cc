#include "crosscheck/graph/internal/ring_evidence.h"

#include <algorithm>

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
                           const std::vector<std::uint32_t>& identity, const std::vector<SharedArtifact>& artifacts) {
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

bool RingEvidence::Among(const std::vector<std::pair<std::uint32_t, std::size_t>>& residents) const {
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> holders;  // artifact -> people holding it
  for (const auto& [unit, person] : residents) {
    const auto found = held_.find(unit);
    if (found == held_.end()) continue;
    for (std::uint32_t artifact_idx : found->second) {
      std::vector<std::size_t>& people = holders[artifact_idx];
      if (std::find(people.begin(), people.end(), person) != people.end()) continue;
      people.push_back(person);
      if (people.size() >= minimum_holders_[artifact_idx]) return true;
    }
  }
  return false;
}

}  // namespace crosscheck::graph::internal
