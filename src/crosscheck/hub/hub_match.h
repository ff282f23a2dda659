// The consortium hub's batch match: every member's submission in, one findings file per member
// out, each about that member's own applications only. Runs the same network and risk engine
// as `crosscheck scan` (graph, score) on the hub's keyed view of the records
// (consortium_view.h).
//
//   HubMatchResult result = MatchSubmissions(submissions, hub_layer, HubOptions{});
//   for (const share::MemberFindings& findings : result.findings) Write(findings);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/graph/identity_split.h"
#include "crosscheck/graph/network_builder.h"
#include "crosscheck/hub/consortium_view.h"
#include "crosscheck/share/findings_file.h"

namespace crosscheck::hub {

struct HubOptions {
  // A member hears of an artifact or a network only when it spans at least this many other
  // companies (k-anonymity of what is disclosed).
  std::size_t k_threshold = 2;
  std::optional<std::string> epoch;   // expected epoch; default: the most common one
  std::optional<std::string> key_id;  // expected key id; default: the most common one
  ViewOptions view;
  // The owner of a stolen identity split from the impostor, as a scan does
  // (graph/identity_split.h): on the hub, the two share the address the thief copied, and the
  // name bound to it links them into one persona.
  graph::IdentitySplitOptions identity_split;
};

// RefusedSubmission is a submission the hub did not use, and why.
struct RefusedSubmission {
  std::string source;
  std::string reason;
};

struct HubMatchResult {
  std::vector<share::MemberFindings> findings;  // one per accepted member, sorted by company
  std::vector<RefusedSubmission> refused;
  std::size_t applications = 0;
  std::size_t personas = 0;
  std::size_t networks = 0;
  std::size_t flagged_applications = 0;  // high or critical at the hub
  std::size_t identity_splits = 0;       // personas whose owner part was split off
  std::vector<std::pair<std::string, double>> stage_seconds;  // view, networks, score, findings
};

// SourcedSubmission is a parsed submission and where it came from (file or request).
struct SourcedSubmission {
  std::string source;
  share::Submission submission;
};

// MatchSubmissions checks the submissions (one epoch, one consortium key, one file per company;
// the others are refused with a reason), links and scores them, and returns each member's
// findings. Deterministic for the same accepted submissions in any order.
HubMatchResult MatchSubmissions(std::vector<SourcedSubmission> submissions, const share::KeyedHasher& hub_layer,
                                const HubOptions& options);

// MatchDecoded matches members already decoded (DecodeMember; one per company, checked by the
// caller for one epoch and key): MatchSubmissions without the checks and the decoding, for the
// hub service, which keeps each member's decoded records between matches. Same findings as
// MatchSubmissions of the same submissions.
HubMatchResult MatchDecoded(const std::vector<const DecodedMember*>& members, const HubOptions& options);

// HubNetworkOptions are the network options of every hub match: communities per connected part
// (graph::CommunityOptions::per_component, so a part matched alone comes out as in a match of
// all), and `population` (may be null) as the artifact statistics.
graph::NetworkOptions HubNetworkOptions(const std::vector<graph::KindStatistics>* population);

// ViewStatistics are the artifact statistics a view's artifacts are weighed by: the
// consortium's before the identity split (`linked`, which the split is decided on) and after
// it (`split`, which scoring uses); null: the view's own.
struct ViewStatistics {
  const std::vector<graph::KindStatistics>* linked = nullptr;
  const std::vector<graph::KindStatistics>* split = nullptr;
};

// ViewMatch is a view linked and scored: per application of the view, its finding (none when
// nothing may be disclosed) and whether the hub rates it high or critical. `linked` is the
// networks before the identity split (graph::SplitNetworks::linked: empty when nothing split).
struct ViewMatch {
  graph::NetworkResult networks;
  graph::NetworkResult linked;
  std::vector<graph::IdentitySplit> identity_splits;  // owner_applications index the view
  std::vector<std::optional<share::ApplicationFinding>> findings;
  std::vector<char> flagged;
};

// MatchViewApplications runs networks (with the identity split), scoring and disclosure on
// `view` (artifacts weighed by `statistics`, else by the view's own). An application's finding
// depends only on the connected part of the view it belongs to (records tied by a persona, a
// near-duplicate group or an equal token) and on the statistics: the incremental matcher
// (incremental_match.h) relies on it. Stages are appended to `stage_seconds` when given.
ViewMatch MatchViewApplications(const ConsortiumView& view, const HubOptions& options, ViewStatistics statistics,
                                std::vector<std::pair<std::string, double>>* stage_seconds = nullptr);

}  // namespace crosscheck::hub
