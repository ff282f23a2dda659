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

}  // namespace crosscheck::hub
