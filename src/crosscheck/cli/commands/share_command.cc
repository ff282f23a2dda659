#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/pipeline/share_encode.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::cli {
namespace {

struct EncodeFlags {
  std::string applications, key_file, epoch, out, ip_ranges;
  std::vector<std::string> mmdb;
  bool strict = false;
};

int RunEncode(const EncodeFlags& flags) {
  pipeline::ShareEncodeOptions options;
  options.applications = flags.applications;
  options.key_file = flags.key_file;
  options.epoch = flags.epoch;
  options.out_dir = flags.out;
  options.strict = flags.strict;
  if (!flags.ip_ranges.empty()) options.ip_ranges = flags.ip_ranges;
  for (const auto& path : flags.mmdb) options.mmdb_files.emplace_back(path);
  IssueLog issues;
  auto result = pipeline::RunShareEncode(options, issues);
  if (!issues.empty()) {
    std::fprintf(stderr, "crosscheck: %zu input issue(s), %zu row(s) skipped\n", issues.size(),
                 issues.CountBySeverity(IssueSeverity::kRowSkipped));
    for (std::size_t issue_idx = 0; issue_idx < issues.size() && issue_idx < 5; ++issue_idx) {
      std::fprintf(stderr, "  %s\n", issues.issues()[issue_idx].ToString().c_str());
    }
    if (issues.size() > 5) std::fprintf(stderr, "  ... and %zu more\n", issues.size() - 5);
  }
  if (!result) return ReportError(result.error());
  std::printf("encoded %zu applications of %zu companies into %s (epoch %s)\n", result->applications,
              result->companies, flags.out.c_str(), flags.epoch.c_str());
  std::printf("time %.2f s (encoding %.2f s, %.0f applications/s)\n", result->total_seconds, result->encode_seconds,
              result->encode_seconds > 0 ? static_cast<double>(result->applications) / result->encode_seconds : 0.0);
  return 0;
}

int RunKeygen(const std::string& out) {
  auto key = share::GenerateKey();
  if (!key) return ReportError(key.error());
  if (auto written = share::WriteKeyFile(out, *key); !written) return ReportError(written.error());
  std::printf("wrote a new consortium key to %s (mode 0600); share it with members only, never with the hub\n",
              out.c_str());
  return 0;
}

}  // namespace

void RegisterShareCommand(CLI::App& app, int* exit_code) {
  auto* share = app.add_subcommand("share", "Pool evidence with a consortium without sharing personal data");
  share->require_subcommand(1);

  auto flags = std::make_shared<EncodeFlags>();
  auto* encode = share->add_subcommand(
      "encode", "Write one keyed submission per company_id: tokens and coarse flags, no personal data");
  encode->add_option("--applications", flags->applications, "applications.csv (ATS export, see DATA.md)")->required();
  encode->add_option("--key-file", flags->key_file, "consortium key file (64 hex digits, mode 0600)")->required();
  encode->add_option("--epoch", flags->epoch, "key epoch label; members of one match use the same")
      ->default_val("default");
  encode->add_option("--out", flags->out, "output directory: OUT/<company_id>.ccsub")->required();
  encode->add_option("--ip-ranges", flags->ip_ranges, "CSV of IP ranges (IP kind and country travel as flags)");
  encode->add_option("--mmdb", flags->mmdb, "MaxMind DB; repeatable");
  encode->add_flag("--strict", flags->strict, "fail (exit 2) on the first bad row instead of skipping it");
  encode->footer("Exit codes: 0 success; 2 invalid input, key file or usage; 1 internal error.");
  encode->callback([flags, exit_code] { *exit_code = RunEncode(*flags); });

  auto out = std::make_shared<std::string>();
  auto* keygen = share->add_subcommand("keygen", "Create a new consortium key file (mode 0600)");
  keygen->add_option("--out", *out, "key file to create (never overwritten)")->required();
  keygen->callback([out, exit_code] { *exit_code = RunKeygen(*out); });
}

}  // namespace crosscheck::cli
