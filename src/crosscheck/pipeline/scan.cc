#include "crosscheck/pipeline/scan.h"

#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/output_file.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/header_mapping.h"
#include "crosscheck/ingest/employee_reader.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/consortium_fold.h"
#include "crosscheck/pipeline/persona_file.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/pipeline/stix_personas.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::pipeline {
namespace {

// SideInputs are the watchlists and post-hire logs, read on a thread of their own while the
// applications are read (none depends on the applications until they are used).
struct SideInputs {
  std::vector<EmployeeRecord> employees;
  std::vector<SigninEvent> signins;
  std::vector<std::string> inputs;  // names for report.json, in the order a sequential run gives
};

// LoadSideInputs reads --sdn, --sanctions-list and --indicators into the context, then --employees and --signins,
// in that order.
Status LoadSideInputs(const ScanOptions& options, const ingest::ReadOptions& read_options, IssueLog& issues,
                      SideInputs& side, ScanContext& context) {
  CC_RETURN_IF_ERROR(LoadWatchlists(ReferenceFiles{.sdn_dir = options.sdn_dir, .sanctions_lists = options.sanctions_lists,
                                                    .indicators = options.indicators},
                                     issues, context, side.inputs));
  if (!options.signins) return Ok();
  if (!options.employees) {
    return InvalidInput("--signins needs --employees to tie sign-in logins to applications");
  }
  CC_ASSIGN_OR_RETURN(side.employees, ingest::ReadEmployees(*options.employees, read_options, issues));
  CC_ASSIGN_OR_RETURN(side.signins, ingest::ReadSignins(*options.signins, read_options, issues));
  side.inputs.push_back(options.employees->filename().string());
  side.inputs.push_back(options.signins->filename().string());
  return Ok();
}

// RenderStix renders --stix-out's bundle from the finished scan.
Result<std::string> RenderStix(const ScanOptions& options, const ScanResult& result,
                               const std::vector<ApplicationRecord>& records, const ScanContext& context) {
  const std::string now = FormatTimestamp(std::chrono::duration_cast<std::chrono::seconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count());
  const std::vector<share::ConfirmedPersona> personas = FlaggedPersonas(result, records, context, now);
  if (!options.stix_keyed) return share::RenderConfirmedFraudBundle(personas, options.organization, now);
  share::BundleKeying keying;
  CC_ASSIGN_OR_RETURN(keying.key, share::ReadKeyFile(*options.key_file));
  keying.epoch = options.stix_epoch;
  return share::RenderConfirmedFraudBundle(personas, options.organization, now, &keying);
}

// ScanFiles reads the applications and the IP intelligence, then runs ScanApplications with the
// watchlists and sign-ins still loading on a thread of their own (their issues and inputs are
// kept apart and appended after the main ones, in the order a sequential run gives).
// `stix_bundle` gets --stix-out's bundle when asked for.
Result<ScanResult> ScanFiles(const ScanOptions& options, IssueLog& issues, std::string& stix_bundle) {
  const auto start = std::chrono::steady_clock::now();
  ingest::ReadOptions read_options{.strict = options.strict};
  ingest::ReadOptions application_options = read_options;
  if (options.columns) {
    CC_ASSIGN_OR_RETURN(application_options.column_map, ingest::ReadColumnMap(*options.columns));
  }
  IssueLog side_issues;
  SideInputs side;
  ScanContext context;
  CC_ASSIGN_OR_RETURN(context.default_region, CheckedRegion(options.default_region));
  std::future<Status> side_loaded = std::async(std::launch::async, [&] {
    return LoadSideInputs(options, read_options, side_issues, side, context);
  });
  // Every return below waits for the loader first: it writes into `side` and `context`.
  auto loaded = [&side_loaded]() { return side_loaded.valid() ? side_loaded.get() : Ok(); };
  Result<std::vector<ApplicationRecord>> records =
      ingest::ReadApplications(options.applications, application_options, issues);
  if (!records) {
    (void)loaded();
    return std::unexpected(std::move(records).error());
  }
  Result<normalize::IpIntel> intel = LoadIpIntel(options.mmdb_files, options.ip_ranges, read_options, issues);
  if (!intel) {
    (void)loaded();
    return std::unexpected(std::move(intel).error());
  }
  context.intel = std::move(*intel);
  const double ingest_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ScanInput input{.applications = &*records, .source = options.applications.filename().string()};
  input.strict = options.strict;
  input.tuning = options.tuning;
  if (options.signins) {
    input.employees = &side.employees;
    input.signins = &side.signins;
  }
  input.hooks.side_inputs_ready = loaded;
  // Analyzed, the sign-ins are dead weight through linkage and networks: freed there, their
  // pages are reused instead of fresh ones faulted in (docs/PERFORMANCE.md, issue 19).
  input.hooks.side_inputs_read = [&side]() { std::vector<SigninEvent>().swap(side.signins); };
  if (options.personas) {
    input.hooks.persona_ids = [&](IssueLog& persona_issues) {
      return ReadPersonaAssignments(*options.personas, *records, persona_issues);
    };
  }
  std::size_t consortium_findings = 0;
  input.hooks.after_side_evidence = [&](Status side_status, IssueLog& scan_issues,
                                        score::ExternalEvidence& external) -> Status {
    for (const Issue& issue : side_issues.issues()) scan_issues.Add(issue);
    CC_RETURN_IF_ERROR(side_status);
    if (!options.hub_findings) return Ok();
    if (!options.key_file) return InvalidInput("--hub-findings needs --key-file (the consortium key)");
    CC_ASSIGN_OR_RETURN(ConsortiumFoldStats folded,
                        AddConsortiumEvidence(*options.hub_findings, *options.key_file, *records, scan_issues, external));
    consortium_findings = folded.matched;
    return Ok();
  };
  Result<ScanResult> result = ScanApplications(context, input, issues);
  if (!result) {
    (void)loaded();
    return result;
  }
  auto& stages = result->summary.stage_seconds;
  stages.insert(stages.begin(), {"ingest", ingest_seconds});
  result->summary.consortium_findings = consortium_findings;
  (void)loaded();  // already waited for inside the scan; context.indicators is final
  if (context.indicators) result->summary.indicators = context.indicators->import_counts().Summary();
  result->inputs.push_back(options.applications.filename().string());
  if (options.personas) result->inputs.push_back(options.personas->filename().string());
  for (std::string& name : side.inputs) result->inputs.push_back(std::move(name));
  if (options.hub_findings) result->inputs.push_back(options.hub_findings->filename().string());
  if (options.stix_out) {
    CC_ASSIGN_OR_RETURN(stix_bundle, RenderStix(options, *result, *records, context));
  }
  return result;
}

// CheckStixOptions refuses a keyed export without its key, and an epoch nothing would use,
// before anything is read: a user who gave --epoch meant keyed values and must not get raw ones.
Status CheckStixOptions(const ScanOptions& options) {
  if (!options.stix_keyed) {
    if (options.stix_epoch.empty()) return Ok();
    return InvalidInput("--epoch keys STIX values only: add --stix-values keyed (and --stix-out, --key-file)");
  }
  if (!options.stix_out) return InvalidInput("keyed STIX values need --stix-out");
  if (!options.key_file) return InvalidInput("keyed STIX values need --key-file (the consortium key)");
  if (options.stix_epoch.empty()) return InvalidInput("keyed STIX values need --epoch (as `share encode` uses)");
  return Ok();
}

}  // namespace

Result<ScanResult> RunScan(const ScanOptions& options, IssueLog& issues) {
  std::string stix_bundle;
  Status checked = CheckStixOptions(options);
  Result<ScanResult> result =
      checked ? ScanFiles(options, issues, stix_bundle) : Result<ScanResult>(std::unexpected(std::move(checked.error())));
  if (!result) {
    // A failed run leaves nothing that looks like a result: an earlier run's files in the
    // folder would read as this run's. The issues found so far go where the user will look.
    RemoveScanOutputs(options.out_dir);
    if (options.stix_out) {
      const std::filesystem::path parent = options.stix_out->parent_path();
      RemoveOutputs(parent.empty() ? "." : parent, {options.stix_out->filename().string()});
    }
    std::error_code ignored;
    std::filesystem::create_directories(options.out_dir, ignored);
    if (!ignored) (void)WriteIssuesCsv(issues, options.out_dir / "issues.csv");
    return result;
  }
  if (Status written = WriteScanOutputs(*result, issues, options.out_dir); !written) {
    RemoveScanOutputs(options.out_dir);  // half of this run beside half of an earlier one
    return std::unexpected(std::move(written.error()));
  }
  if (options.stix_out) {
    if (Status written = WriteFileAtomically(*options.stix_out, stix_bundle); !written) {
      return std::unexpected(std::move(written.error()).AddContext("writing --stix-out"));
    }
  }
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
  if (!summary.indicators.empty()) out += "indicators: " + summary.indicators + "\n";
  if (!summary.tuning.empty()) out += "tuned (not the defaults): " + JoinStrings(summary.tuning, " ") + "\n";
  if (summary.consortium_findings > 0) {
    out += "consortium: hub findings on " + std::to_string(summary.consortium_findings) + " applications\n";
  }
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
