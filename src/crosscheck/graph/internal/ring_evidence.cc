#include "crosscheck/graph/internal/ring_evidence.h"

#include <algorithm>

namespace crosscheck::graph::internal {
namespace {

// MinimumHolders: how many residents holding one value of the kind are no household; 0 for
// kinds a household shares.
std::size_t MinimumHolders(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::kPhoto:
    case ArtifactKind::kNationalId: return 2;
    case ArtifactKind::kPayoutAccount:
    case ArtifactKind::kResume: return 3;
    default: return 0;
  }
}

}  // namespace

RingEvidence::RingEvidence(const std::vector<std::uint32_t>& identity, const std::vector<SharedArtifact>& artifacts) {
  kinds_.reserve(artifacts.size());
  for (std::uint32_t artifact_idx = 0; artifact_idx < artifacts.size(); ++artifact_idx) {
    const SharedArtifact& artifact = artifacts[artifact_idx];
    kinds_.push_back(artifact.kind);
    if (MinimumHolders(artifact.kind) == 0) continue;
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
      if (people.size() >= MinimumHolders(kinds_[artifact_idx])) return true;
    }
  }
  return false;
}

}  // namespace crosscheck::graph::internal
