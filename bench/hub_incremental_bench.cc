// The hub service's matcher after one push (docs/PERFORMANCE.md, "Consortium"): every
// submission of a directory (`share encode` output) is decoded once and matched in full, then the
// submission closest to 50 applications is replaced REPEAT times (one record dropped, one record
// given another company's phone token, alternately put back) and each replacement is matched by
// hub::IncrementalMatcher and by a full hub::MatchDecoded of the same members. The findings of
// both are compared member by member.
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

  // The pushing member: the submission closest to 50 applications.
  std::size_t pusher = 0;
  for (std::size_t idx = 0; idx < submissions.size(); ++idx) {
    const auto distance = [](std::size_t size) { return size > 50 ? size - 50 : 50 - size; };
    if (distance(submissions[idx].records.size()) < distance(submissions[pusher].records.size())) pusher = idx;
  }
  std::printf("pushing member %s (%zu applications)\n", submissions[pusher].company_id.c_str(),
              submissions[pusher].records.size());

  hub::HubOptions options;
  hub::IncrementalMatcher matcher(options, hub::IncrementalOptions{});
  std::vector<const hub::DecodedMember*> members;
  std::vector<std::int64_t> versions(decoded.size(), 1);
  for (const auto& member : decoded) members.push_back(member.get());
  start = Clock::now();
  matcher.Match(members, versions);
  std::printf("first match (full): %.2f s (%s)\n", Since(start), Stages(matcher.last().stage_seconds).c_str());

  std::vector<double> incremental_seconds, full_seconds;
  std::size_t mismatched = 0, incremental_runs = 0;
  const share::Submission original = submissions[pusher];
  const share::Submission& donor = submissions[(pusher + 1) % submissions.size()];
  for (int round = 0; round < repeat; ++round) {
    share::Submission replaced = original;
    if (round % 2 == 0) {
      replaced.records.pop_back();
      for (auto& [kind, token] : replaced.records.front().tokens) {
        if (kind == share::TokenKind::kPhone) {
          for (const auto& [donor_kind, donor_token] : donor.records.front().tokens) {
            if (donor_kind == kind) token = donor_token;
          }
        }
      }
    }
    decoded[pusher] = std::make_unique<hub::DecodedMember>(hub::DecodeMember(replaced, hub_layer));
    members[pusher] = decoded[pusher].get();
    ++versions[pusher];
    start = Clock::now();
    const hub::HubMatchResult incremental = matcher.Match(members, versions);
    incremental_seconds.push_back(Since(start));
    const hub::MatchSummary& summary = matcher.last();
    incremental_runs += summary.full ? 0 : 1;
    start = Clock::now();
    const hub::HubMatchResult full = hub::MatchDecoded(members, options);
    full_seconds.push_back(Since(start));
    for (std::size_t idx = 0; idx < full.findings.size(); ++idx) {
      mismatched += share::FindingsJson(full.findings[idx]) != share::FindingsJson(incremental.findings[idx]);
    }
    std::printf("push %d: incremental %.3f s (%s; %s, re-scored %zu of %zu applications in %zu components, "
                "%zu members' findings recomputed) | full MatchDecoded %.3f s (%s)\n",
                round + 1, incremental_seconds.back(), Stages(summary.stage_seconds).c_str(), summary.reason.c_str(),
                summary.rescored, summary.applications, summary.components, summary.touched.size(),
                full_seconds.back(), Stages(full.stage_seconds).c_str());
  }
  std::printf("median over %d pushes: incremental %.3f s (%zu incremental), full %.3f s; members whose findings "
              "differ: %zu\n",
              repeat, Median(incremental_seconds), incremental_runs, Median(full_seconds), mismatched);
  return mismatched == 0 ? 0 : 1;
}
