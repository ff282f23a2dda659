#include "crosscheck/pipeline/report_writer.h"

#include <algorithm>
#include <future>
#include <set>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/output_file.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/pipeline/json_stream.h"
#include "crosscheck/pipeline/report_html.h"

namespace crosscheck::pipeline {
namespace {

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

constexpr std::string_view kRiskCsvHeader = "application_id,persona_id,network_id,score,level,reasons,company_id\n";

// AppendRiskRow appends one application's risk.csv row (the one row format of the file and of
// the service's export).
void AppendRiskRow(const ApplicationResult& application, std::string& out) {
  const std::string score = std::to_string(application.score);
  const std::string reasons = ReasonCodes(application);
  const std::string_view fields[] = {application.application_id, application.persona_id, application.network_id, score,
                                     application.level, reasons, application.company_id};
  for (std::size_t field_idx = 0; field_idx < std::size(fields); ++field_idx) {
    if (field_idx > 0) out += ',';
    CsvWriter::AppendField(out, fields[field_idx]);
  }
  out += '\n';
}

Status WriteRisk(const ScanResult& result, const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteText(kRiskCsvHeader);
  std::string row;
  for (const auto& application : result.applications) {
    row.clear();
    AppendRiskRow(application, row);
    writer.WriteText(row);
  }
  return writer.Close();
}

// A reason lists at most this much evidence in report.json; the rest is counted.
constexpr std::size_t kMaxEvidencePerReason = 20;

void WriteReasonJson(const ReasonView& reason, JsonStream& json) {
  const std::size_t shown = std::min(reason.evidence.size(), kMaxEvidencePerReason);
  json.BeginObject();
  json.StringField("code", reason.code);
  json.DoubleField("log_odds", reason.log_odds);
  json.StringField("summary", reason.summary);
  json.Key("evidence");
  json.BeginArray();
  for (std::size_t evidence_idx = 0; evidence_idx < shown; ++evidence_idx) json.String(reason.evidence[evidence_idx]);
  json.EndArray();
  if (shown < reason.evidence.size()) {
    json.UnsignedField("evidence_omitted", reason.evidence.size() - shown);
  }
  json.EndObject();
}

void WriteNetworkJson(const ScanResult& result, const NetworkView& network, JsonStream& json) {
  json.BeginObject();
  json.StringField("network_id", network.network_id);
  json.IntegerField("score", network.score);
  json.StringField("level", network.level);
  json.StringArrayField("personas", network.personas);
  json.StringArrayField("companies", network.companies);
  json.Key("members");
  json.BeginArray();
  for (std::size_t application_idx : network.applications) {
    const ApplicationResult& application = result.applications[application_idx];
    json.BeginObject();
    json.StringField("application_id", application.application_id);
    json.StringField("company_id", application.company_id);
    json.StringField("persona_id", application.persona_id);
    json.IntegerField("score", application.score);
    json.StringField("level", application.level);
    json.Key("reasons");
    json.BeginArray();
    for (const auto& reason : application.reasons) WriteReasonJson(reason, json);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("evidence");
  json.BeginArray();
  for (const auto& edge : network.edges) {
    json.BeginObject();
    json.StringField("persona_left", edge.persona_left);
    json.StringField("persona_right", edge.persona_right);
    json.StringField("kind", edge.kind);
    json.StringField("value", edge.value);
    json.DoubleField("weight", edge.weight);
    json.EndObject();
  }
  json.EndArray();
  json.UnsignedField("evidence_omitted", network.omitted_edges);
  json.UnsignedField("linked_pairs_omitted", network.omitted_linked_pairs);
  json.Key("linked_pairs");
  json.BeginArray();
  for (const auto& pair : network.linked_pairs) {
    json.BeginObject();
    json.StringField("application_left", pair.application_left);
    json.StringField("application_right", pair.application_right);
    json.DoubleField("match_probability", pair.match_probability);
    json.DoubleField("match_weight", pair.match_weight);
    json.DoubleField("prior_weight", pair.prior_weight);
    json.Key("terms");
    json.BeginArray();
    for (const auto& term : pair.terms) {
      json.BeginObject();
      json.StringField("field", term.field);
      json.StringField("level", term.level);
      json.DoubleField("weight", term.weight);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
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

std::string RenderRiskCsv(const ScanResult& result) {
  std::string out(kRiskCsvHeader);
  for (const auto& application : result.applications) AppendRiskRow(application, out);
  return out;
}

std::string RenderReportJson(const ScanResult& result, const IssueLog& issues) {
  const ScanSummary& summary = result.summary;
  std::string text;
  JsonStream json(text);
  json.BeginObject();
  json.StringField("tool", "crosscheck 0.1.0");
  json.StringArrayField("inputs", result.inputs);
  json.Key("summary");
  json.BeginObject();
  const std::pair<const char*, std::size_t> counts[] = {
      {"input_rows", summary.input_rows},
      {"applications", summary.applications},
      {"rows_skipped", summary.rows_skipped},
      {"issues", summary.issues},
      {"personas", summary.personas},
      {"networks", summary.networks},
      {"multi_persona_networks", summary.multi_persona_networks},
      {"flagged_networks", summary.flagged_networks},
      {"flagged_personas", summary.flagged_personas},
      {"identity_splits", summary.identity_splits}};
  for (const auto& [name, count] : counts) {
    json.UnsignedField(name, count);
  }
  if (!summary.indicators.empty()) json.StringField("indicators", summary.indicators);
  if (!summary.tuning.empty()) json.StringArrayField("tuning", summary.tuning);
  json.Key("applications_by_level");
  json.BeginObject();
  for (const char* level : {"low", "medium", "high", "critical"}) {
    auto found = summary.applications_by_level.find(level);
    json.UnsignedField(level, found == summary.applications_by_level.end() ? 0 : found->second);
  }
  json.EndObject();
  json.Key("stage_seconds");
  json.BeginObject();
  for (const auto& [stage, seconds] : summary.stage_seconds) {
    json.DoubleField(stage, seconds);
  }
  json.EndObject();
  // Codes in order of first appearance, as the report has always listed them.
  std::vector<std::pair<std::string, std::size_t>> issue_codes;
  for (const auto& issue : issues.issues()) {
    auto found = std::find_if(issue_codes.begin(), issue_codes.end(),
                              [&](const auto& entry) { return entry.first == issue.code; });
    if (found == issue_codes.end()) {
      issue_codes.emplace_back(issue.code, 1);
    } else {
      ++found->second;
    }
  }
  json.Key("issues_by_code");
  json.BeginObject();
  for (const auto& [code, count] : issue_codes) {
    json.UnsignedField(code, count);
  }
  json.EndObject();
  json.EndObject();

  json.Key("networks");
  json.BeginArray();
  for (const auto& network : result.flagged_networks) WriteNetworkJson(result, network, json);
  json.EndArray();
  json.EndObject();
  text += '\n';
  return text;
}

void RemoveScanOutputs(const std::filesystem::path& out_dir) {
  (void)RemoveOutputs(out_dir, {"personas.csv", "networks.csv", "risk.csv", "issues.csv", "report.json", "report.html"});
}

Status WriteScanOutputs(const ScanResult& result, const IssueLog& issues,
                        const std::filesystem::path& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return IoError("cannot create output directory " + out_dir.string() + ": " + error.message());
  // The reports only read the result: they are rendered on a second thread while the CSVs are
  // written (on the default world each half takes about a second).
  auto reports = std::async(std::launch::async, [&]() -> Status {
    CC_RETURN_IF_ERROR(WriteFileAtomically(out_dir / "report.json", RenderReportJson(result, issues)));
    return WriteFileAtomically(out_dir / "report.html", RenderReportHtml(result, issues));
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
