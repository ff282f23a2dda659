#include "crosscheck/pipeline/consortium_eval.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/graph/identity_split.h"
#include "crosscheck/graph/network_builder.h"
#include "crosscheck/hub/hub_match.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/link/persona_link.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/consortium_fold.h"
#include "crosscheck/pipeline/internal/parallel_for.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// RiskRow is one application's line of risk.csv.
struct RiskRow {
  std::string persona_id, network_id, level, reasons;
  int score = 0;
};

// ScoreSet links, groups and scores a set of applications as a scan does, once per external
// evidence set given (the linkage and networks do not depend on it).
std::vector<std::vector<RiskRow>> ScoreSet(const std::vector<NormalizedApplication>& normalized,
                                           const std::vector<ApplicationRecord>& records,
                                           const std::vector<score::ExternalEvidence>& evidence_sets,
                                           unsigned threads) {
  link::LinkOptions link_options;
  link_options.explain_links = false;
  link_options.threads = threads;
  std::vector<std::string> persona_ids(records.size());
  if (auto personas = link::LinkApplications(normalized, link_options)) persona_ids = std::move(personas->persona_ids);
  const graph::NetworkResult networks = graph::BuildNetworksWithIdentitySplit(
      normalized, records, persona_ids, graph::NetworkOptions{}, graph::IdentitySplitOptions{});
  std::vector<std::vector<RiskRow>> out;
  for (const score::ExternalEvidence& external : evidence_sets) {
    const std::vector<score::RiskAssessment> assessments =
        score::ScoreApplications(normalized, records, networks, external, score::ScoreOptions{});
    std::vector<RiskRow> rows(records.size());
    for (std::size_t idx = 0; idx < records.size(); ++idx) {
      RiskRow& row = rows[idx];
      row.persona_id = networks.persona_ids[networks.persona_of_application[idx]];
      row.network_id = networks.NetworkIdOfApplication(idx);
      row.score = assessments[idx].score;
      row.level = score::RiskLevelName(assessments[idx].level);
      for (const score::Reason& reason : assessments[idx].reasons) {
        row.reasons += (row.reasons.empty() ? "" : ";") + reason.code;
      }
    }
    out.push_back(std::move(rows));
  }
  return out;
}

Status WriteRiskRows(const std::vector<ApplicationRecord>& records, const std::vector<RiskRow>& rows,
                     const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return InvalidInput("cannot create " + dir.string() + ": " + error.message());
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(dir / "risk.csv"));
  writer.WriteRow({"application_id", "persona_id", "network_id", "score", "level", "reasons", "company_id"});
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    const RiskRow& row = rows[idx];
    writer.WriteRow({records[idx].application_id, row.persona_id, row.network_id, std::to_string(row.score),
                     row.level, row.reasons, records[idx].company_id});
  }
  return writer.Close();
}

}  // namespace

Result<ConsortiumEvalResult> RunConsortiumEvaluation(const ConsortiumEvalOptions& options, IssueLog& issues) {
  ConsortiumEvalResult result;
  const ingest::ReadOptions read_options;
  CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> records,
                      ingest::ReadApplications(options.applications, read_options, issues));
  CC_ASSIGN_OR_RETURN(normalize::IpIntel intel, LoadIpIntel({}, options.ip_ranges, read_options, issues));
  const std::vector<NormalizedApplication> normalized =
      NormalizeWithIntel(records, intel, /*default_region=*/"", options.applications.filename().string(), issues);
  std::map<std::string, std::vector<std::size_t>> rows_of_company;
  for (std::size_t idx = 0; idx < records.size(); ++idx) rows_of_company[records[idx].company_id].push_back(idx);
  std::vector<const std::vector<std::size_t>*> companies;
  for (const auto& [company, rows] : rows_of_company) companies.push_back(&rows);
  result.applications = records.size();
  result.companies = companies.size();

  // Every company encodes its own rows; the bytes go through the file format to the hub.
  auto start = Clock::now();
  CC_ASSIGN_OR_RETURN(share::ConsortiumKey key, share::GenerateKey());
  const share::SubmissionEncoder encoder(key, "eval");
  std::vector<std::string> files(companies.size());
  internal::ParallelFor(companies.size(), [&](std::size_t company_idx) {
    const std::vector<std::size_t>& rows = *companies[company_idx];
    share::Submission submission{records[rows.front()].company_id, encoder.epoch(), encoder.key_id(), {},
                                 encoder.format()};
    for (std::size_t row : rows) submission.records.push_back(encoder.Encode(normalized[row], records[row]));
    std::sort(submission.records.begin(), submission.records.end(),
              [](const auto& left, const auto& right) { return left.handle < right.handle; });
    files[company_idx] = share::SerializeSubmission(submission);
  });
  result.encode_seconds = Since(start);

  start = Clock::now();
  std::vector<hub::SourcedSubmission> submissions(companies.size());
  std::atomic<bool> parse_failed{false};
  internal::ParallelFor(companies.size(), [&](std::size_t company_idx) {
    auto parsed = share::ParseSubmission(files[company_idx], "submission");
    if (!parsed) {
      parse_failed = true;
      return;
    }
    submissions[company_idx] = {parsed->company_id, std::move(*parsed)};
  });
  if (parse_failed) return Internal("a submission did not parse back");
  files.clear();
  CC_ASSIGN_OR_RETURN(share::ConsortiumKey hub_key, share::GenerateKey());
  const share::KeyedHasher hub_layer(hub_key.bytes);
  hub::HubOptions hub_options;
  hub_options.k_threshold = options.k_threshold;
  hub_options.identity_split.enabled = options.hub_identity_split;
  const hub::HubMatchResult matched = hub::MatchSubmissions(std::move(submissions), hub_layer, hub_options);
  result.hub_seconds = Since(start);
  result.hub_identity_splits = matched.identity_splits;
  std::map<std::string, const share::MemberFindings*> findings_of;
  for (const share::MemberFindings& findings : matched.findings) {
    findings_of[findings.company_id] = &findings;
    result.findings += findings.applications.size();
  }

  // Each company alone: without and with its findings.
  start = Clock::now();
  std::vector<RiskRow> local(records.size()), consortium(records.size());
  std::vector<IssueLog> fold_issues(companies.size());
  internal::ParallelFor(companies.size(), [&](std::size_t company_idx) {
    const std::vector<std::size_t>& rows = *companies[company_idx];
    std::vector<ApplicationRecord> company_records;
    std::vector<NormalizedApplication> company_normalized;
    for (std::size_t row : rows) {
      company_records.push_back(records[row]);
      company_normalized.push_back(normalized[row]);
    }
    std::vector<score::ExternalEvidence> evidence(2);
    auto found = findings_of.find(company_records.front().company_id);
    if (found != findings_of.end()) {
      AddConsortiumFindings(*found->second, encoder, company_records, "findings", fold_issues[company_idx], evidence[1]);
    }
    std::vector<std::vector<RiskRow>> scored = ScoreSet(company_normalized, company_records, evidence, 1);
    for (std::size_t slot = 0; slot < rows.size(); ++slot) {
      local[rows[slot]] = std::move(scored[0][slot]);
      consortium[rows[slot]] = std::move(scored[1][slot]);
    }
  });
  for (const IssueLog& log : fold_issues) {
    for (const Issue& issue : log.issues()) issues.Add(issue);
  }
  result.local_seconds = Since(start);

  start = Clock::now();
  const std::vector<std::vector<RiskRow>> pooled = ScoreSet(normalized, records, {score::ExternalEvidence{}}, 0);
  result.pooled_seconds = Since(start);

  CC_RETURN_IF_ERROR(WriteRiskRows(records, local, options.out_dir / "local"));
  CC_RETURN_IF_ERROR(WriteRiskRows(records, consortium, options.out_dir / "consortium"));
  CC_RETURN_IF_ERROR(WriteRiskRows(records, pooled.front(), options.out_dir / "pooled"));
  return result;
}

}  // namespace crosscheck::pipeline
