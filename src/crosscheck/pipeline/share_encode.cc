#include "crosscheck/pipeline/share_encode.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/header_mapping.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/internal/parallel_for.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::pipeline {
namespace {

// A company id or epoch names a file and travels in headers: printable, no path separators.
bool IsSafeName(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '@' || c == '+';
  });
}

}  // namespace

std::vector<share::Submission> EncodeSubmissions(const std::vector<ApplicationRecord>& records,
                                                const std::vector<NormalizedApplication>& normalized,
                                                const share::SubmissionEncoder& encoder) {
  std::vector<share::ConsortiumRecord> encoded(records.size());
  internal::ParallelFor(records.size(),
                        [&](std::size_t idx) { encoded[idx] = encoder.Encode(normalized[idx], records[idx]); });
  std::map<std::string, std::vector<std::size_t>> rows_of_company;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    rows_of_company[records[record_idx].company_id].push_back(record_idx);
  }
  std::vector<share::Submission> submissions;
  for (const auto& [company, rows] : rows_of_company) {
    share::Submission& submission =
        submissions.emplace_back(share::Submission{company, encoder.epoch(), encoder.key_id(), {}, encoder.format()});
    for (std::size_t row : rows) submission.records.push_back(std::move(encoded[row]));
    // Sorted by handle: the file says nothing of the input's row order.
    std::sort(submission.records.begin(), submission.records.end(),
              [](const auto& left, const auto& right) { return left.handle < right.handle; });
  }
  return submissions;
}

Result<ShareEncodeResult> RunShareEncode(const ShareEncodeOptions& options, IssueLog& issues) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  if (!IsSafeName(options.epoch)) {
    return InvalidInput("epoch '" + options.epoch + "' must be 1-128 letters, digits or -_.@+ (e.g. 2026-12)");
  }
  CC_ASSIGN_OR_RETURN(share::ConsortiumKey key, share::ReadKeyFile(options.key_file));
  CC_ASSIGN_OR_RETURN(const std::string region, CheckedRegion(options.default_region));
  ingest::ReadOptions read_options{.strict = options.strict};
  ingest::ReadOptions application_options = read_options;
  if (options.columns) {
    CC_ASSIGN_OR_RETURN(application_options.column_map, ingest::ReadColumnMap(*options.columns));
  }
  CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> records,
                      ingest::ReadApplications(options.applications, application_options, issues));
  CC_ASSIGN_OR_RETURN(normalize::IpIntel intel, LoadIpIntel(options.mmdb_files, options.ip_ranges, read_options, issues));
  const std::vector<NormalizedApplication> normalized =
      NormalizeWithIntel(records, intel, region, options.applications.filename().string(), issues);
  if (options.strict && !issues.empty()) return InvalidInput(issues.issues().front().ToString() + " (--strict)");
  std::map<std::string, std::vector<std::size_t>> rows_of_company;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    rows_of_company[records[record_idx].company_id].push_back(record_idx);
  }
  for (const auto& [company, rows] : rows_of_company) {
    if (!IsSafeName(company)) {
      return InvalidInput(options.applications.string() + " line " + std::to_string(records[rows.front()].line) +
                          ": company_id '" + company + "' cannot name a submission file (letters, digits, -_.@+)");
    }
  }

  const auto encode_start = Clock::now();
  const share::SubmissionEncoder encoder(key, options.epoch);
  const std::vector<share::Submission> submissions = EncodeSubmissions(records, normalized, encoder);
  const auto encode_end = Clock::now();

  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) return InvalidInput("cannot create " + options.out_dir.string() + ": " + error.message());
  for (const share::Submission& submission : submissions) {
    CC_RETURN_IF_ERROR(share::WriteSubmission(
        submission, options.out_dir / (submission.company_id + std::string(share::kSubmissionExtension))));
  }
  ShareEncodeResult result;
  result.applications = records.size();
  result.companies = rows_of_company.size();
  result.encode_seconds = std::chrono::duration<double>(encode_end - encode_start).count();
  result.total_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace crosscheck::pipeline
