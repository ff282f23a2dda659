#include "crosscheck/pipeline/report_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <set>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/pipeline/report_html.h"

namespace crosscheck::pipeline {
namespace {

Status WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return InvalidInput("cannot create " + path.string() + ": " + std::strerror(errno));
  out << text;
  out.close();
  if (!out) return InvalidInput("failed writing " + path.string());
  return Ok();
}

std::string ReasonCodes(const ApplicationResult& application) {
  std::vector<std::string> codes;
  for (const auto& reason : application.reasons) codes.push_back(reason.code);
  return JoinStrings(codes, ";");
}

Status WritePersonas(const ScanResult& result, const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteRow({"application_id", "persona_id"});
  for (const auto& application : result.applications) {
    writer.WriteRow({application.application_id, application.persona_id});
  }
  return writer.Close();
}

Status WriteNetworks(const ScanResult& result, const std::filesystem::path& path) {
  std::set<std::pair<std::string, std::string>> rows;
  for (const auto& application : result.applications) {
    rows.emplace(application.persona_id, application.network_id);
  }
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteRow({"persona_id", "network_id"});
  for (const auto& [persona, network] : rows) writer.WriteRow({persona, network});
  return writer.Close();
}

Status WriteRisk(const ScanResult& result, const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteRow({"application_id", "persona_id", "network_id", "score", "level", "reasons", "company_id"});
  for (const auto& application : result.applications) {
    writer.WriteRow({application.application_id, application.persona_id, application.network_id,
                     std::to_string(application.score), application.level, ReasonCodes(application),
                     application.company_id});
  }
  return writer.Close();
}

// A reason lists at most this much evidence in report.json; the rest is counted.
constexpr std::size_t kMaxEvidencePerReason = 20;

nlohmann::ordered_json ReasonJson(const ReasonView& reason) {
  const std::size_t shown = std::min(reason.evidence.size(), kMaxEvidencePerReason);
  nlohmann::ordered_json json = {
      {"code", reason.code},
      {"log_odds", reason.log_odds},
      {"summary", reason.summary},
      {"evidence", std::vector<std::string>(reason.evidence.begin(), reason.evidence.begin() + shown)}};
  if (shown < reason.evidence.size()) json["evidence_omitted"] = reason.evidence.size() - shown;
  return json;
}

}  // namespace

Status WriteIssuesCsv(const IssueLog& issues, const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteRow({"file", "line", "column", "field", "code", "severity", "message"});
  for (const auto& issue : issues.issues()) {
    writer.WriteRow({issue.file, std::to_string(issue.line), std::to_string(issue.column), issue.field,
                     issue.code, IssueSeverityName(issue.severity), issue.message});
  }
  return writer.Close();
}

std::string RenderReportJson(const ScanResult& result, const IssueLog& issues) {
  const ScanSummary& summary = result.summary;
  nlohmann::ordered_json json;
  json["tool"] = "crosscheck 0.1.0";
  json["inputs"] = result.inputs;
  nlohmann::ordered_json by_level = nlohmann::ordered_json::object();
  for (const char* level : {"low", "medium", "high", "critical"}) {
    auto found = summary.applications_by_level.find(level);
    by_level[level] = found == summary.applications_by_level.end() ? 0 : found->second;
  }
  json["summary"] = {{"input_rows", summary.input_rows},
                     {"applications", summary.applications},
                     {"rows_skipped", summary.rows_skipped},
                     {"issues", summary.issues},
                     {"personas", summary.personas},
                     {"networks", summary.networks},
                     {"multi_persona_networks", summary.multi_persona_networks},
                     {"flagged_networks", summary.flagged_networks},
                     {"flagged_personas", summary.flagged_personas},
                     {"applications_by_level", by_level}};
  nlohmann::ordered_json stages = nlohmann::ordered_json::object();
  for (const auto& [stage, seconds] : summary.stage_seconds) stages[stage] = seconds;
  json["summary"]["stage_seconds"] = stages;
  nlohmann::ordered_json issue_codes = nlohmann::ordered_json::object();
  for (const auto& issue : issues.issues()) {
    issue_codes[issue.code] = issue_codes.value(issue.code, 0) + 1;
  }
  json["summary"]["issues_by_code"] = issue_codes;

  json["networks"] = nlohmann::ordered_json::array();
  for (const auto& network : result.flagged_networks) {
    nlohmann::ordered_json network_json;
    network_json["network_id"] = network.network_id;
    network_json["score"] = network.score;
    network_json["level"] = network.level;
    network_json["personas"] = network.personas;
    network_json["companies"] = network.companies;
    network_json["members"] = nlohmann::ordered_json::array();
    for (std::size_t application_idx : network.applications) {
      const ApplicationResult& application = result.applications[application_idx];
      nlohmann::ordered_json member = {{"application_id", application.application_id},
                                       {"company_id", application.company_id},
                                       {"persona_id", application.persona_id},
                                       {"score", application.score},
                                       {"level", application.level}};
      member["reasons"] = nlohmann::ordered_json::array();
      for (const auto& reason : application.reasons) member["reasons"].push_back(ReasonJson(reason));
      network_json["members"].push_back(std::move(member));
    }
    network_json["evidence"] = nlohmann::ordered_json::array();
    for (const auto& edge : network.edges) {
      network_json["evidence"].push_back({{"persona_left", edge.persona_left},
                                          {"persona_right", edge.persona_right},
                                          {"kind", edge.kind},
                                          {"value", edge.value},
                                          {"weight", edge.weight}});
    }
    network_json["evidence_omitted"] = network.omitted_edges;
    network_json["linked_pairs_omitted"] = network.omitted_linked_pairs;
    network_json["linked_pairs"] = nlohmann::ordered_json::array();
    for (const auto& pair : network.linked_pairs) {
      nlohmann::ordered_json pair_json = {{"application_left", pair.application_left},
                                          {"application_right", pair.application_right},
                                          {"match_probability", pair.match_probability},
                                          {"match_weight", pair.match_weight},
                                          {"prior_weight", pair.prior_weight}};
      pair_json["terms"] = nlohmann::ordered_json::array();
      for (const auto& term : pair.terms) {
        pair_json["terms"].push_back({{"field", term.field}, {"level", term.level}, {"weight", term.weight}});
      }
      network_json["linked_pairs"].push_back(std::move(pair_json));
    }
    json["networks"].push_back(std::move(network_json));
  }
  return json.dump(2) + "\n";
}

Status WriteScanOutputs(const ScanResult& result, const IssueLog& issues,
                        const std::filesystem::path& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return InvalidInput("cannot create output directory " + out_dir.string() + ": " + error.message());
  // The reports only read the result: they are rendered on a second thread while the CSVs are
  // written (on the default world each half takes about a second).
  auto reports = std::async(std::launch::async, [&]() -> Status {
    CC_RETURN_IF_ERROR(WriteText(out_dir / "report.json", RenderReportJson(result, issues)));
    return WriteText(out_dir / "report.html", RenderReportHtml(result, issues));
  });
  Status csv_status = WritePersonas(result, out_dir / "personas.csv");
  if (csv_status) csv_status = WriteNetworks(result, out_dir / "networks.csv");
  if (csv_status) csv_status = WriteRisk(result, out_dir / "risk.csv");
  if (csv_status) csv_status = WriteIssuesCsv(issues, out_dir / "issues.csv");
  const Status report_status = reports.get();
  CC_RETURN_IF_ERROR(csv_status);
  return report_status;
}

}  // namespace crosscheck::pipeline
