// RunShareEncode: `crosscheck share encode` — read a company's applications, normalize them and
// write one consortium submission per company_id (share/submission_file.h), keyed with the
// consortium key for one epoch. Nothing but keyed tokens and coarse flags leaves the company.
//
//   ShareEncodeOptions options{.applications = "applications.csv", .key_file = "consortium.key",
//                              .epoch = "2026-12", .out_dir = "submissions"};
//   CC_ASSIGN_OR_RETURN(ShareEncodeResult result, RunShareEncode(options, issues));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::pipeline {

struct ShareEncodeOptions {
  std::filesystem::path applications;
  std::optional<std::filesystem::path> ip_ranges;
  std::optional<std::filesystem::path> columns;  // map.csv: export column -> contract column
  std::vector<std::filesystem::path> mmdb_files;
  std::filesystem::path key_file;
  std::string epoch;
  std::string default_region;  // as the company's scan reads phones (see NormalizeWithIntel)
  std::filesystem::path out_dir;
  bool strict = false;
};

struct ShareEncodeResult {
  std::size_t applications = 0;
  std::size_t companies = 0;
  double encode_seconds = 0;  // encoding alone (no reading or normalizing), wall time
  double total_seconds = 0;
};

// EncodeSubmissions encodes normalized applications (normalized[i] is records[i]) into one
// submission per company_id, ordered by company, records sorted by handle. The one place rows
// become what leaves the company: `share encode` writes them, `serve --hub` pushes its own.
std::vector<share::Submission> EncodeSubmissions(const std::vector<ApplicationRecord>& records,
                                                const std::vector<NormalizedApplication>& normalized,
                                                const share::SubmissionEncoder& encoder);

// RunShareEncode writes OUT/<company_id>.ccsub for each company in the input, records sorted by
// handle. Errors: those of reading (kNotFound, kInvalidInput), of the key file, an empty or
// unsafe epoch or company id (kInvalidInput), or an unwritable output directory.
Result<ShareEncodeResult> RunShareEncode(const ShareEncodeOptions& options, IssueLog& issues);

}  // namespace crosscheck::pipeline
