// IncrementalMatcher: the hub service's matcher. It keeps, between matches, the structure of the
// last match — the consortium's connected parts ("components"), what each part's findings were
// and the artifact statistics they were scored with — so that a push re-links and re-scores
// only the parts it can change, with findings equal to a full MatchDecoded of the same members.
//
//   IncrementalMatcher matcher(HubOptions{}, IncrementalOptions{});
//   HubMatchResult result = matcher.Match(members, versions);   // after every burst of pushes
//   if (!matcher.last().full) ...                                // re-scored matcher.last().rescored
//
// Components are the connected groups of records tied by an equal token of any kind the engine
// compares (e-mail, phone, national id, payout account, device, home and shipping address,
// profile handles, IP), by one persona or by one photo or resume near-duplicate group. Personas
// and near-duplicate groups are found over the whole consortium on every match (their generic
// buckets are a property of the whole), everything after them (evidence, parties, communities,
// scoring, disclosure) only within the affected components. See docs/ARCHITECTURE.md ("hub").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/hub/hub_match.h"

namespace crosscheck::hub {

// IncrementalOptions: when the matcher matches everything instead of the affected part.
struct IncrementalOptions {
  // A match re-scores everything when the affected components hold more than this share of
  // the consortium's applications (matching the part then costs nearly a full match).
  double max_affected_share = 0.25;
  // Every this many incremental matches, a full one (0: never), so that state kept across
  // matches is re-derived from scratch now and then.
  std::size_t full_every = 100;
  // false: every match is full (MatchDecoded through the same code), as before this matcher.
  bool enabled = true;
};

// MatchSummary says what the last Match did.
struct MatchSummary {
  bool full = true;             // everything was re-scored
  std::string reason;           // why full ("first match", "statistics changed", ...) or "incremental"
  std::size_t rescored = 0;     // applications linked and scored in this match
  std::size_t applications = 0; // applications in the consortium
  std::size_t components = 0;   // components in the consortium
  std::vector<std::string> touched;  // companies whose findings were recomputed (sorted)
  std::vector<std::pair<std::string, double>> stage_seconds;
};

// IncrementalMatcher matches the consortium as it is at each call. Not thread-safe: one
// matcher thread calls it. The members passed must stay alive until the next call.
class IncrementalMatcher {
 public:
  IncrementalMatcher(HubOptions options, IncrementalOptions incremental);

  // Match returns every member's findings (sorted by company), equal to
  // MatchDecoded(members, options).findings. `versions` (parallel to `members`) says which
  // submission each member's records come from: a member whose version differs from the last
  // call (or is new) is changed, and so is a member that is gone. The records of a member
  // with an unchanged version must be unchanged.
  HubMatchResult Match(const std::vector<const DecodedMember*>& members, const std::vector<std::int64_t>& versions);

  // last describes the last Match.
  const MatchSummary& last() const { return last_; }

 private:
  // ComponentState is what a component's last match left: its statistics tallies (per kind,
  // the non-empty ones) after the identity split and before it (which the split was decided
  // on), and its counts for HubMatchResult.
  struct ComponentState {
    std::vector<std::pair<std::uint8_t, graph::KindTally>> tallies;
    std::vector<std::pair<std::uint8_t, graph::KindTally>> linked_tallies;
    std::size_t identity_splits = 0;
    std::size_t personas = 0;
    std::size_t networks = 0;
    std::size_t flagged = 0;
  };
  // MemberState: a member's version and, per record, its finding from the last match.
  struct MemberState {
    std::int64_t version = 0;
    std::vector<std::optional<share::ApplicationFinding>> findings;
  };

  HubOptions options_;
  IncrementalOptions incremental_;
  MatchSummary last_;
  std::size_t since_full_ = 0;
  std::unordered_map<std::uint64_t, ComponentState> components_;  // by component fingerprint
  std::map<std::string, MemberState> members_;                    // by company
  std::vector<graph::KindStatistics> scored_with_;                // statistics of every stored result
  std::vector<graph::KindStatistics> linked_with_;                // ... before the identity split
};

}  // namespace crosscheck::hub
