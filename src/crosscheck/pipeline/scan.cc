#include "crosscheck/pipeline/scan.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/pipeline/report_writer.h"

namespace crosscheck::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

// StageTimer records how long each stage took, for the summary and report.json.
class StageTimer {
 public:
  explicit StageTimer(ScanSummary& summary) : summary_(summary), start_(Clock::now()) {}
  void Mark(const char* stage) {
    const auto now = Clock::now();
    summary_.stage_seconds.emplace_back(stage, std::chrono::duration<double>(now - start_).count());
    start_ = now;
  }

 private:
  ScanSummary& summary_;
  Clock::time_point start_;
};

std::size_t Find(std::vector<std::size_t>& parent, std::size_t item) {
  while (parent[item] != item) item = parent[item] = parent[parent[item]];
  return item;
}

// Provisional persona linkage: the union of applications sharing an exact e-mail, phone
// digits or national id (replaced by the link module's engine).
std::vector<std::string> ExactKeyPersonas(const std::vector<ApplicationRecord>& records) {
  std::vector<std::size_t> parent(records.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::unordered_map<std::string, std::size_t> first_with_key;
  auto digits = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c >= '0' && c <= '9') out.push_back(c);
    }
    return out;
  };
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    const auto& record = records[record_idx];
    const std::string keys[] = {"e:" + ToLowerAscii(record.email), "p:" + digits(record.phone),
                                "n:" + digits(record.national_id)};
    for (const auto& key : keys) {
      if (key.size() <= 2) continue;
      auto [found, inserted] = first_with_key.emplace(key, record_idx);
      if (!inserted) parent[Find(parent, record_idx)] = Find(parent, found->second);
    }
  }
  // The persona id is the smallest application id of the group: stable under row order.
  std::unordered_map<std::size_t, std::string> smallest;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    auto& id = smallest[Find(parent, record_idx)];
    if (id.empty() || records[record_idx].application_id < id) id = records[record_idx].application_id;
  }
  std::vector<std::string> personas(records.size());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    personas[record_idx] = "P-" + smallest[Find(parent, record_idx)];
  }
  return personas;
}

Result<ScanResult> RunScanStages(const ScanOptions& options, IssueLog& issues) {
  ScanResult result;
  StageTimer timer(result.summary);
  ingest::ReadOptions read_options{.strict = options.strict};
  CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> records,
                      ingest::ReadApplications(options.applications, read_options, issues));
  result.inputs.push_back(options.applications.filename().string());
  timer.Mark("ingest");

  const std::vector<std::string> personas = ExactKeyPersonas(records);
  timer.Mark("link");

  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    ApplicationResult application;
    application.application_id = records[record_idx].application_id;
    application.company_id = records[record_idx].company_id;
    application.full_name = records[record_idx].full_name;
    application.persona_id = personas[record_idx];
    application.network_id = "N-" + personas[record_idx].substr(2);
    result.applications.push_back(std::move(application));
  }
  ScanSummary& summary = result.summary;
  summary.applications = records.size();
  summary.rows_skipped = issues.CountBySeverity(IssueSeverity::kRowSkipped);
  summary.input_rows = summary.applications + summary.rows_skipped;
  summary.issues = issues.size();
  std::vector<std::string> distinct = personas;
  std::sort(distinct.begin(), distinct.end());
  summary.personas = std::unique(distinct.begin(), distinct.end()) - distinct.begin();
  summary.networks = summary.personas;
  for (const auto& application : result.applications) ++summary.applications_by_level[application.level];
  return result;
}

}  // namespace

Result<ScanResult> RunScan(const ScanOptions& options, IssueLog& issues) {
  auto result = RunScanStages(options, issues);
  if (!result) {
    // Still leave the issues found so far where the user will look for them.
    std::error_code ignored;
    std::filesystem::create_directories(options.out_dir, ignored);
    if (!ignored) (void)WriteIssuesCsv(issues, options.out_dir / "issues.csv");
    return result;
  }
  CC_RETURN_IF_ERROR(WriteScanOutputs(*result, issues, options.out_dir));
  return result;
}

std::string FormatScanSummary(const ScanResult& result, const std::filesystem::path& out_dir) {
  const ScanSummary& summary = result.summary;
  auto level = [&](const char* name) -> unsigned long long {
    auto found = summary.applications_by_level.find(name);
    return found == summary.applications_by_level.end() ? 0 : found->second;
  };
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer,
                "scanned %llu applications (%llu rows skipped): %llu personas, %llu networks "
                "(%llu with several personas)\n"
                "flagged: %llu networks, %llu personas; applications critical %llu, high %llu, "
                "medium %llu, low %llu\n",
                static_cast<unsigned long long>(summary.applications),
                static_cast<unsigned long long>(summary.rows_skipped),
                static_cast<unsigned long long>(summary.personas),
                static_cast<unsigned long long>(summary.networks),
                static_cast<unsigned long long>(summary.multi_persona_networks),
                static_cast<unsigned long long>(summary.flagged_networks),
                static_cast<unsigned long long>(summary.flagged_personas), level("critical"),
                level("high"), level("medium"), level("low"));
  std::string out = buffer;
  double total = 0;
  std::string stages;
  for (const auto& [stage, seconds] : summary.stage_seconds) {
    total += seconds;
    std::snprintf(buffer, sizeof buffer, " %s %.2f", stage.c_str(), seconds);
    stages += buffer;
  }
  std::snprintf(buffer, sizeof buffer, "time %.2f s (%s )\n", total, stages.c_str());
  out += buffer;
  out += "report: " + (out_dir / "report.html").string() + "\n";
  return out;
}

}  // namespace crosscheck::pipeline
