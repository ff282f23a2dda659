// The hub service's matcher after one push (docs/PERFORMANCE.md, "Consortium"): every
// submission of a directory (`share encode` output) is decoded once and matched in full, then the
// submissions of REPEAT members of 40 to 60 applications are replaced one after another (the last
// record dropped, the first given another company's phone token), and each replacement is
// matched by hub::IncrementalMatcher under the service's rules, by one that never falls back for
// size (the cost of matching the affected part), and by a full hub::MatchDecoded. Every member's
// findings are compared with the full match's.
//
//   build/bench/hub_incremental_bench SUBMISSION_DIR [REPEAT]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/hub/hub_match.h"
#include "crosscheck/hub/incremental_match.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/submission_file.h"

namespace {

using namespace crosscheck;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string Stages(const std::vector<std::pair<std::string, double>>& stages) {
  std::string text;
  for (const auto& [stage, seconds] : stages) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s%s %.3f", text.empty() ? "" : " ", stage.c_str(), seconds);
    text += buffer;
  }
  return text;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SUBMISSION_DIR [REPEAT]\n", argv[0]);
    return 2;
  }
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() == ".ccsub") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  share::ConsortiumKey hub_key;
  for (std::size_t idx = 0; idx < share::kKeyBytes; ++idx) hub_key.bytes[idx] = static_cast<std::uint8_t>(idx * 7 + 1);
  const share::KeyedHasher hub_layer(hub_key.bytes);
  std::vector<share::Submission> submissions;
  for (const auto& path : paths) {
    auto submission = share::ReadSubmission(path);
    if (!submission) {
      std::fprintf(stderr, "%s\n", submission.error().ToString().c_str());
      return 1;
    }
    submissions.push_back(std::move(*submission));
  }
  auto start = Clock::now();
  std::vector<std::unique_ptr<hub::DecodedMember>> decoded;
  std::size_t records = 0;
  for (const share::Submission& submission : submissions) {
    decoded.push_back(std::make_unique<hub::DecodedMember>(hub::DecodeMember(submission, hub_layer)));
    records += submission.records.size();
  }
  std::printf("%zu submissions, %zu applications decoded in %.2f s\n", submissions.size(), records, Since(start));

  // The pushing members: REPEAT submissions of 40 to 60 applications, spread over the companies.
  std::vector<std::size_t> pushers;
  for (std::size_t idx = 0; idx < submissions.size(); ++idx) {
    const std::size_t size = submissions[idx].records.size();
    if (size >= 40 && size <= 60) pushers.push_back(idx);
  }
  if (pushers.size() > static_cast<std::size_t>(repeat)) {
    std::vector<std::size_t> spread;
    for (int round = 0; round < repeat; ++round) spread.push_back(pushers[round * pushers.size() / repeat]);
    pushers = spread;
  }

  // Two matchers: the service's rules (max_affected_share 0.25) and one that never falls back
  // for size, to see what matching the affected part costs.
  hub::HubOptions options;
  hub::IncrementalOptions forced;
  forced.max_affected_share = 1.0;
  forced.full_every = 0;
  hub::IncrementalMatcher matcher(options, hub::IncrementalOptions{});
  hub::IncrementalMatcher forced_matcher(options, forced);
  std::vector<const hub::DecodedMember*> members;
  std::vector<std::int64_t> versions(decoded.size(), 1);
  for (const auto& member : decoded) members.push_back(member.get());
  start = Clock::now();
  matcher.Match(members, versions);
  std::printf("first match (full): %.2f s (%s)\n", Since(start), Stages(matcher.last().stage_seconds).c_str());
  std::map<std::string, std::string> previous;  // each member's findings JSON after the last match
  for (const share::MemberFindings& findings : forced_matcher.Match(members, versions).findings) {
    previous[findings.company_id] = share::FindingsJson(findings);
  }

  std::vector<double> service_seconds, forced_seconds, full_seconds;
  std::size_t mismatched = 0;
  for (std::size_t pusher : pushers) {
    // The replaced submission: its last record dropped, its first given the next company's phone.
    share::Submission replaced = submissions[pusher];
    const share::Submission& donor = submissions[(pusher + 1) % submissions.size()];
    replaced.records.pop_back();
    for (auto& [kind, token] : replaced.records.front().tokens) {
      for (const auto& [donor_kind, donor_token] : donor.records.front().tokens) {
        if (kind == share::TokenKind::kPhone && donor_kind == kind) token = donor_token;
      }
    }
    decoded[pusher] = std::make_unique<hub::DecodedMember>(hub::DecodeMember(replaced, hub_layer));
    members[pusher] = decoded[pusher].get();
    ++versions[pusher];
    start = Clock::now();
    const hub::HubMatchResult service = matcher.Match(members, versions);
    service_seconds.push_back(Since(start));
    const hub::MatchSummary service_summary = matcher.last();
    start = Clock::now();
    const hub::HubMatchResult incremental = forced_matcher.Match(members, versions);
    forced_seconds.push_back(Since(start));
    const hub::MatchSummary& summary = forced_matcher.last();
    start = Clock::now();
    const hub::HubMatchResult full = hub::MatchDecoded(members, options);
    full_seconds.push_back(Since(start));
    std::size_t changed_json = 0;  // members the service stores again (findings JSON changed)
    for (std::size_t idx = 0; idx < full.findings.size(); ++idx) {
      const std::string expected = share::FindingsJson(full.findings[idx]);
      mismatched += expected != share::FindingsJson(incremental.findings[idx]);
      mismatched += expected != share::FindingsJson(service.findings[idx]);
      std::string& before = previous[full.findings[idx].company_id];
      changed_json += before != expected;
      before = expected;
    }
    std::printf("push of %s (%zu applications): service %.3f s (%s) | affected part only %.3f s (%s; re-scored %zu of "
                "%zu applications, %zu members' findings recomputed, %zu changed) | full MatchDecoded %.3f s (%s)\n",
                replaced.company_id.c_str(), replaced.records.size(), service_seconds.back(),
                service_summary.reason.c_str(), forced_seconds.back(), Stages(summary.stage_seconds).c_str(),
                summary.rescored, summary.applications, summary.touched.size(), changed_json, full_seconds.back(),
                Stages(full.stage_seconds).c_str());
  }
  std::printf("median over %zu pushes: service %.3f s, affected part only %.3f s, full %.3f s; findings that "
              "differ from the full match: %zu\n",
              pushers.size(), Median(service_seconds), Median(forced_seconds), Median(full_seconds), mismatched);
  return mismatched == 0 ? 0 : 1;
}
