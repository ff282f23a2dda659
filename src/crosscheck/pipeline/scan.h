// RunScan: the whole batch job in one place — ingest, normalize, persona linkage, networks,
// watchlists, post-hire monitoring, scoring — then the contract's output files. Called by
// `crosscheck scan`. The scan itself, on rows in memory, is ScanApplications (scan_applications.h):
// RunScan is read files -> ScanApplications -> write files.
//
//   ScanOptions options{.applications = "applications.csv", .out_dir = "out"};
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(ScanResult result, RunScan(options, issues));
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/pipeline/scan_result.h"
#include "crosscheck/pipeline/scan_tuning.h"

namespace crosscheck::pipeline {

struct ScanOptions {
  std::filesystem::path applications;
  std::optional<std::filesystem::path> employees;
  std::optional<std::filesystem::path> signins;
  std::optional<std::filesystem::path> ip_ranges;
  std::vector<std::filesystem::path> mmdb_files;
  std::optional<std::filesystem::path> sdn_dir;
  std::vector<std::string> sanctions_lists;         // --sanctions-list [KIND:]FILE, repeatable
  std::optional<std::filesystem::path> indicators;  // STIX 2.1 bundle
  std::optional<std::filesystem::path> personas;    // persona ids instead of linkage
  std::optional<std::filesystem::path> columns;     // map.csv: export column -> contract column
  std::optional<std::filesystem::path> hub_findings;  // consortium findings (hub match)
  std::optional<std::filesystem::path> key_file;      // consortium key, maps findings back
  std::string default_region;  // phones without a country code in rows naming no country; "" = US
  std::filesystem::path out_dir;
  // --stix-out: the flagged networks' personas as a STIX 2.1 bundle (stix_personas.h), made by
  // `organization`; keyed with the consortium key (key_file) and stix_epoch when stix_keyed.
  std::optional<std::filesystem::path> stix_out;
  bool stix_keyed = false;
  std::string stix_epoch;
  std::string organization = "crosscheck scan";
  bool strict = false;     // any bad row is fatal (kInvalidInput)
  ScanTuning tuning;  // thresholds (--tune); identity_split.enabled splits stolen identities' owners from their thieves
  bool progress = true;    // progress lines on stderr for long inputs
};

// RunScan runs the scan and writes every output file into options.out_dir (issues.csv too,
// even when the run fails on input, so the user sees every problem found), and the bundle to
// options.stix_out when named (a failed run removes an earlier one). Errors:
// kNotFound (an input file is missing), kInvalidInput (unreadable or malformed input, a bad
// reference file, any bad row with strict, stix_keyed without key_file or stix_epoch, stix_epoch
// without stix_keyed),
// kIoError (an output cannot be written), kInternal.
Result<ScanResult> RunScan(const ScanOptions& options, IssueLog& issues);

// FormatScanSummary renders the few lines printed at the end of a scan.
std::string FormatScanSummary(const ScanResult& result, const std::filesystem::path& out_dir);

}  // namespace crosscheck::pipeline
