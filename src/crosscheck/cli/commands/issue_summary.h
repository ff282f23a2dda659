// Shared by the commands that read input files: how bad records found on the way are reported
// on stderr (a count, the first few, and where the rest are, if anywhere).
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "crosscheck/common/issue.h"

namespace crosscheck::cli {

// PrintIssueSummary prints "crosscheck: N input issue(s), M row(s) skipped[; details in F]",
// the count of each code when there are several (17,000 BAD_PHONE read as one line), then the
// first five issues and how many more there are. Nothing when there are none.
inline void PrintIssueSummary(const IssueLog& issues, const std::optional<std::filesystem::path>& details) {
  if (issues.empty()) return;
  constexpr std::size_t kShown = 5;
  const std::string where = details ? "; details in " + details->string() : std::string();
  std::fprintf(stderr, "crosscheck: %zu input issue(s), %zu row(s) skipped%s\n", issues.size(),
               issues.CountBySeverity(IssueSeverity::kRowSkipped), where.c_str());
  if (issues.size() > kShown) {
    std::map<std::string, std::size_t> by_code;
    for (const Issue& issue : issues.issues()) ++by_code[issue.code];
    std::string counts;
    for (const auto& [code, count] : by_code) counts += (counts.empty() ? "" : ", ") + code + " " + std::to_string(count);
    std::fprintf(stderr, "  by code: %s\n", counts.c_str());
  }
  for (std::size_t issue_idx = 0; issue_idx < issues.size() && issue_idx < kShown; ++issue_idx) {
    std::fprintf(stderr, "  %s\n", issues.issues()[issue_idx].ToString().c_str());
  }
  if (issues.size() > kShown) std::fprintf(stderr, "  ... and %zu more\n", issues.size() - kShown);
}

}  // namespace crosscheck::cli
