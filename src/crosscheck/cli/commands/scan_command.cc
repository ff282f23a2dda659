#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/issue_summary.h"
#include "crosscheck/common/progress.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/pipeline/scan.h"

namespace crosscheck::cli {
namespace {

struct ScanFlags {
  std::string applications, columns, employees, signins, ip_ranges, sdn, indicators, personas, out, hub_findings, key_file, default_region;
  std::string stix_out, stix_values = "raw", epoch, organization = "crosscheck scan";
  std::vector<std::string> mmdb;
  std::vector<std::string> tune;
  std::vector<std::string> sanctions_lists;
  bool strict = false;
  bool no_identity_split = false;
  bool quiet = false;
};

std::optional<std::filesystem::path> OptionalPath(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::filesystem::path(text);
}

int RunScanCommand(const ScanFlags& flags) {
  Progress::SetGlobalQuiet(flags.quiet);
  pipeline::ScanOptions options;
  options.applications = flags.applications;
  options.employees = OptionalPath(flags.employees);
  options.signins = OptionalPath(flags.signins);
  options.ip_ranges = OptionalPath(flags.ip_ranges);
  options.sdn_dir = OptionalPath(flags.sdn);
  options.sanctions_lists = flags.sanctions_lists;
  options.indicators = OptionalPath(flags.indicators);
  options.personas = OptionalPath(flags.personas);
  options.columns = OptionalPath(flags.columns);
  options.hub_findings = OptionalPath(flags.hub_findings);
  options.key_file = OptionalPath(flags.key_file);
  for (const auto& path : flags.mmdb) options.mmdb_files.emplace_back(path);
  options.out_dir = flags.out;
  options.default_region = flags.default_region;
  options.strict = flags.strict;
  options.tuning.identity_split.enabled = !flags.no_identity_split;
  for (const std::string& assignment : flags.tune) {
    if (Status applied = pipeline::ApplyTuning(assignment, options.tuning); !applied) return ReportError(applied.error());
  }
  if (Status valid = pipeline::ValidateTuning(options.tuning); !valid) return ReportError(valid.error());
  options.progress = !flags.quiet;
  options.stix_out = OptionalPath(flags.stix_out);
  options.stix_keyed = flags.stix_values == "keyed";
  options.stix_epoch = flags.epoch;
  options.organization = flags.organization;
  IssueLog issues;
  auto result = pipeline::RunScan(options, issues);
  PrintIssueSummary(issues, std::filesystem::path(flags.out) / "issues.csv");
  if (!result) return ReportError(result.error());
  std::fputs(pipeline::FormatScanSummary(*result, flags.out).c_str(), stdout);
  return 0;
}

}  // namespace

void RegisterScanCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ScanFlags>();
  auto* scan = app.add_subcommand(
      "scan", "Link applications into personas and networks, score each application's risk");
  scan->add_option("--applications", flags->applications, "applications.csv (ATS export, see DATA.md)")
      ->required();
  scan->add_option("--columns", flags->columns,
                   "map.csv of source_column,contract_column: names export columns the built-in ATS vocabulary does not know");
  scan->add_option("--out", flags->out, "output directory (created if missing)")->required();
  scan->add_option("--employees", flags->employees, "employees.csv: logins of hires");
  scan->add_option("--signins", flags->signins, "Okta System Log events (NDJSON) of hires");
  scan->add_option("--default-region", flags->default_region,
                   "ISO country code (or name) for phone numbers written without a country code, in rows that name no country; default US");
  scan->add_option("--ip-ranges", flags->ip_ranges, "CSV of IP ranges: cidr,country,asn,as_org,kind");
  scan->add_option("--mmdb", flags->mmdb, "MaxMind DB (City/Country, ASN, Anonymous-IP); repeatable");
  scan->add_option("--sdn", flags->sdn, "directory with OFAC sdn.csv, alt.csv, add.csv");
  scan->add_option("--sanctions-list", flags->sanctions_lists, "sanctions list file, repeatable: [KIND:]FILE, KIND ofac-sdn, ofac-cons, ofac-adv (OFAC advanced XML), un, eu or uk (detected when left out); indexed with --sdn");
  scan->add_option("--indicators", flags->indicators, "STIX 2.1 bundle of known-bad indicators");
  scan->add_option("--personas", flags->personas,
                   "CSV application_id,persona_id: take personas from your own entity resolution "
                   "instead of linking");
  scan->add_option("--hub-findings", flags->hub_findings,
                   "the consortium hub's findings for this company (hub match): folded in as "
                   "CONSORTIUM_* reasons");
  scan->add_option("--key-file", flags->key_file,
                   "consortium key file: maps the findings' handles back; keys --stix-values keyed");
  scan->add_option("--stix-out", flags->stix_out,
                   "write the flagged networks (level high or critical) as a STIX 2.1 bundle: a threat-actor "
                   "per persona, indicators for its e-mails, IPs and profile URLs (what --indicators reads back)");
  scan->add_option("--stix-values", flags->stix_values,
                   "raw: the values themselves; keyed: consortium tokens of them (needs --key-file and --epoch), "
                   "no raw value and no indicator")
      ->check(CLI::IsMember({"raw", "keyed"}))
      ->default_val(flags->stix_values);
  scan->add_option("--epoch", flags->epoch, "consortium epoch of keyed STIX values (as `share encode --epoch`); only with --stix-values keyed");
  scan->add_option("--organization", flags->organization, "the producer named in the STIX bundle")
      ->default_val(flags->organization);
  scan->add_flag("--strict", flags->strict, "fail (exit 2) on the first bad row instead of skipping it");
  scan->add_flag("--no-identity-split", flags->no_identity_split,
                 "keep every linked persona whole: do not give the contact-disjoint, untied applications of a "
                 "persona tied to a ring (a stolen identity's owner) a persona of their own");
  scan->add_option("--tune", flags->tune,
                   "NAME=VALUE: set one threshold instead of its default, for calibration on your own data; "
                   "repeatable (the settings, their ranges and defaults: docs/INDICATORS.md, \"Tunables\")");
  scan->add_flag("-q,--quiet", flags->quiet, "no progress lines on stderr");
  scan->footer(
      "Writes OUT/personas.csv, networks.csv, risk.csv, report.json, report.html, issues.csv\n"
      "(and the --stix-out bundle).\n"
      "Bad rows are skipped, counted on stderr and listed in issues.csv (file, line, column).\n"
      "Columns of ATS exports (Greenhouse, Lever, Workday, ...) are mapped by name and listed on stderr.\n"
      "Exit codes: 0 success; 2 invalid input or usage (also: no column identifies a person);\n"
      "1 internal error.");
  scan->callback([flags, exit_code] { *exit_code = RunScanCommand(*flags); });
}

}  // namespace crosscheck::cli
