// RunConsortiumEvaluation: detection when every company keeps its applicants, measured on one
// input that holds many companies (a simulated world). Each company is encoded alone (per
// record, so its submission is what `share encode` on its own rows writes), the submissions go
// through the submission file format and the hub's batch match, and each company is scanned
// alone twice — without and with its findings — as `scan --hub-findings` does. The pooled scan
// of every company's rows (what no real party may hold) is the reference. Writes
// OUT/{local,consortium,pooled}/risk.csv for `evaluate`.
//
//   CC_ASSIGN_OR_RETURN(ConsortiumEvalResult result, RunConsortiumEvaluation(options, issues));
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"

namespace crosscheck::pipeline {

struct ConsortiumEvalOptions {
  std::filesystem::path applications;
  std::optional<std::filesystem::path> ip_ranges;
  std::filesystem::path out_dir;
  std::size_t k_threshold = 2;
  bool hub_identity_split = true;  // false: the hub keeps linked personas whole (as before)
};

struct ConsortiumEvalResult {
  std::size_t applications = 0;
  std::size_t companies = 0;
  std::size_t findings = 0;        // applications the hub spoke of
  std::size_t hub_identity_splits = 0;  // personas the hub split (graph/identity_split.h)
  double encode_seconds = 0;       // every company's encoding, wall time
  double hub_seconds = 0;          // parsing every submission and the hub's match
  double local_seconds = 0;        // every company's scans (local and with findings)
  double pooled_seconds = 0;
};

// RunConsortiumEvaluation runs the three and writes their risk.csv. Errors: those of reading
// the input (kNotFound, kInvalidInput), a submission that does not parse back (kInternal), or
// an unwritable output directory.
Result<ConsortiumEvalResult> RunConsortiumEvaluation(const ConsortiumEvalOptions& options, IssueLog& issues);

}  // namespace crosscheck::pipeline
