#include "crosscheck/pipeline/scan.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/graph/network_builder.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/employee_reader.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/monitor/employee_map.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/ingest/ip_ranges_reader.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/normalize/ip_address.h"
#include "crosscheck/normalize/ip_intel.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/score/risk_scorer.h"

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

// LoadIpIntel opens every MaxMind DB and the ranges CSV given. A broken database is an
// error (the user asked for it by name); bad range rows are Issues.
Result<normalize::IpIntel> LoadIpIntel(const ScanOptions& options, const ingest::ReadOptions& read_options,
                                       IssueLog& issues) {
  normalize::IpIntel intel;
  std::vector<std::string> paths;
  for (const auto& path : options.mmdb_files) paths.push_back(path.string());
  CC_RETURN_IF_ERROR(intel.OpenDatabases(paths));
  if (options.ip_ranges) {
    CC_ASSIGN_OR_RETURN(std::vector<IpRangeRow> rows,
                        ingest::ReadIpRanges(*options.ip_ranges, read_options, issues));
    intel.SetRangeTable(normalize::IpRangeTable::Build(rows, options.ip_ranges->filename().string(), issues));
  }
  return intel;
}

// AddMonitoringEvidence reads the hires' sign-ins and turns each post-hire alert into a
// finding on the hired application (employees.csv ties a login to its application).
Status AddMonitoringEvidence(const ScanOptions& options, const ingest::ReadOptions& read_options,
                             const std::vector<ApplicationRecord>& records, const normalize::IpIntel& intel,
                             IssueLog& issues, score::ExternalEvidence& external, ScanResult& result) {
  if (!options.signins) return Ok();
  if (!options.employees) {
    return InvalidInput("--signins needs --employees to tie sign-in logins to applications");
  }
  CC_ASSIGN_OR_RETURN(std::vector<EmployeeRecord> employees,
                      ingest::ReadEmployees(*options.employees, read_options, issues));
  CC_ASSIGN_OR_RETURN(std::vector<SigninEvent> events,
                      ingest::ReadSignins(*options.signins, read_options, issues));
  result.inputs.push_back(options.employees->filename().string());
  result.inputs.push_back(options.signins->filename().string());
  const std::vector<monitor::EmployeeMapping> mappings = monitor::BuildEmployeeMappings(employees, records);
  const monitor::MonitorReport report =
      monitor::AnalyzeSignins(events, mappings, intel.empty() ? nullptr : &intel);
  std::unordered_map<std::string_view, std::size_t> index_of_application;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    index_of_application.emplace(records[record_idx].application_id, record_idx);
  }
  for (const auto& account : report.accounts) {
    auto found = index_of_application.find(account.application_id);
    if (found == index_of_application.end()) continue;
    for (const auto& alert : account.alerts) {
      external.findings.push_back({found->second, alert.code, alert.login + ": " + alert.message, 1.0});
    }
  }
  return Ok();
}

// AssembleResult turns the graph and score modules' output into the report's shape: one
// ApplicationResult per record and a NetworkView per flagged network.
void AssembleResult(const std::vector<ApplicationRecord>& records, const graph::NetworkResult& networks,
                    const std::vector<score::RiskAssessment>& assessments, ScanResult& result) {
  result.applications.reserve(records.size());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    const score::RiskAssessment& assessment = assessments[record_idx];
    ApplicationResult application;
    application.application_id = records[record_idx].application_id;
    application.company_id = records[record_idx].company_id;
    application.full_name = records[record_idx].full_name;
    application.persona_id = networks.persona_ids[networks.persona_of_application[record_idx]];
    application.network_id = networks.NetworkIdOfApplication(record_idx);
    application.score = assessment.score;
    application.level = score::RiskLevelName(assessment.level);
    for (const auto& reason : assessment.reasons) {
      application.reasons.push_back({reason.code, reason.log_odds, reason.summary, reason.evidence});
    }
    result.applications.push_back(std::move(application));
  }

  ScanSummary& summary = result.summary;
  summary.personas = networks.persona_ids.size();
  summary.networks = networks.networks.size();
  for (const auto& application : result.applications) ++summary.applications_by_level[application.level];

  // Edges grouped by network, for the flagged networks' drawings and evidence tables.
  std::vector<std::vector<std::uint32_t>> edges_of_network(networks.networks.size());
  for (std::uint32_t edge_idx = 0; edge_idx < networks.evidence.edges.size(); ++edge_idx) {
    const auto& edge = networks.evidence.edges[edge_idx];
    const auto left = networks.network_of_persona[edge.persona_left];
    if (left == networks.network_of_persona[edge.persona_right]) edges_of_network[left].push_back(edge_idx);
  }
  for (std::size_t network_idx = 0; network_idx < networks.networks.size(); ++network_idx) {
    const graph::Network& network = networks.networks[network_idx];
    if (network.personas.size() > 1) ++summary.multi_persona_networks;
    const ApplicationResult* top = nullptr;
    for (std::size_t application_idx : network.applications) {
      const ApplicationResult& application = result.applications[application_idx];
      if (!top || application.score > top->score) top = &application;
    }
    if (!top || (top->level != "high" && top->level != "critical")) continue;
    NetworkView view;
    view.network_id = network.network_id;
    view.score = top->score;
    view.level = top->level;
    view.applications = network.applications;
    for (auto persona_idx : network.personas) view.personas.push_back(networks.persona_ids[persona_idx]);
    std::vector<std::string> companies;
    for (std::size_t application_idx : network.applications) companies.push_back(records[application_idx].company_id);
    std::sort(companies.begin(), companies.end());
    companies.erase(std::unique(companies.begin(), companies.end()), companies.end());
    view.companies = std::move(companies);
    for (std::uint32_t edge_idx : edges_of_network[network_idx]) {
      const auto& edge = networks.evidence.edges[edge_idx];
      const graph::SharedArtifact& artifact = networks.evidence.artifacts[edge.artifact];
      view.edges.push_back({networks.persona_ids[edge.persona_left], networks.persona_ids[edge.persona_right],
                            graph::ArtifactKindName(artifact.kind),
                            graph::MaskArtifactValue(artifact.kind, artifact.value), edge.weight});
    }
    ++summary.flagged_networks;
    summary.flagged_personas += view.personas.size();
    result.flagged_networks.push_back(std::move(view));
  }
  std::stable_sort(result.flagged_networks.begin(), result.flagged_networks.end(),
                   [](const NetworkView& left, const NetworkView& right) { return left.score > right.score; });
}

Result<ScanResult> RunScanStages(const ScanOptions& options, IssueLog& issues) {
  ScanResult result;
  StageTimer timer(result.summary);
  ingest::ReadOptions read_options{.strict = options.strict};
  CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> records,
                      ingest::ReadApplications(options.applications, read_options, issues));
  result.inputs.push_back(options.applications.filename().string());
  CC_ASSIGN_OR_RETURN(normalize::IpIntel intel, LoadIpIntel(options, read_options, issues));
  timer.Mark("ingest");

  normalize::NormalizeContext context;
  context.file = options.applications.filename().string();
  if (!intel.empty()) {
    context.ip_enricher = [&intel](std::string_view text, NormalizedApplication& application) {
      const auto address = normalize::ParseIpAddress(text);
      if (!address) return;
      application.ip_address = address->ToString();
      application.ip_prefix = normalize::PrefixKey(*address);
      application.ip_info = intel.Lookup(*address);
    };
  } else {
    context.ip_enricher = [](std::string_view text, NormalizedApplication& application) {
      const auto address = normalize::ParseIpAddress(text);
      if (!address) return;
      application.ip_address = address->ToString();
      application.ip_prefix = normalize::PrefixKey(*address);
    };
  }
  const std::vector<NormalizedApplication> normalized =
      normalize::NormalizeApplications(records, context, &issues);
  if (options.strict && !issues.empty()) {
    return InvalidInput(issues.issues().front().ToString() + " (--strict)");
  }
  timer.Mark("normalize");

  const std::vector<std::string> personas = ExactKeyPersonas(records);
  timer.Mark("link");

  const graph::NetworkResult networks =
      graph::BuildNetworks(normalized, records, personas, graph::NetworkOptions{});
  timer.Mark("networks");

  score::ExternalEvidence external;
  CC_RETURN_IF_ERROR(AddMonitoringEvidence(options, read_options, records, intel, issues, external, result));
  timer.Mark("monitor");
  const std::vector<score::RiskAssessment> assessments =
      score::ScoreApplications(normalized, records, networks, external, score::ScoreOptions{});
  timer.Mark("score");

  AssembleResult(records, networks, assessments, result);
  ScanSummary& summary = result.summary;
  summary.applications = records.size();
  summary.rows_skipped = issues.CountBySeverity(IssueSeverity::kRowSkipped);
  summary.input_rows = summary.applications + summary.rows_skipped;
  summary.issues = issues.size();
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
