#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/issue_summary.h"
#include "crosscheck/pipeline/share_encode.h"
#include "crosscheck/serve/hub_client.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::cli {
namespace {

struct EncodeFlags {
  std::string applications, columns, key_file, epoch, out, ip_ranges, default_region;
  std::vector<std::string> mmdb;
  bool strict = false;
};

int RunEncode(const EncodeFlags& flags) {
  pipeline::ShareEncodeOptions options;
  options.applications = flags.applications;
  options.key_file = flags.key_file;
  options.epoch = flags.epoch;
  options.default_region = flags.default_region;
  options.out_dir = flags.out;
  options.strict = flags.strict;
  if (!flags.ip_ranges.empty()) options.ip_ranges = flags.ip_ranges;
  if (!flags.columns.empty()) options.columns = flags.columns;
  for (const auto& path : flags.mmdb) options.mmdb_files.emplace_back(path);
  IssueLog issues;
  auto result = pipeline::RunShareEncode(options, issues);
  PrintIssueSummary(issues, std::nullopt);
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

struct HubFlags {
  std::string hub, token_file, submission, out, ca_file;
  unsigned wait_seconds = 0;
};

int RunPush(const HubFlags& flags) {
  auto token = serve::ReadTokenFile(flags.token_file);
  if (!token) return ReportError(token.error());
  std::ifstream in(flags.submission, std::ios::binary);
  if (!in) return ReportError(Error(ErrorCode::kNotFound, "cannot open submission " + flags.submission));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  // Check locally first: a corrupt file is named here rather than by the hub.
  if (auto parsed = share::ParseSubmission(bytes.str(), flags.submission); !parsed) return ReportError(parsed.error());
  auto reply = serve::PushSubmission(flags.hub, *token, bytes.str(), flags.ca_file);
  if (!reply) return ReportError(reply.error());
  std::printf("pushed %s: company %s, version %lld, %lld records; the hub is matching it (share pull --wait)\n",
              flags.submission.c_str(), reply->company_id.c_str(), static_cast<long long>(reply->version),
              static_cast<long long>(reply->records));
  return 0;
}

int RunPull(const HubFlags& flags) {
  auto token = serve::ReadTokenFile(flags.token_file);
  if (!token) return ReportError(token.error());
  auto findings = serve::PullFindings(flags.hub, *token, flags.ca_file, std::chrono::seconds{flags.wait_seconds});
  if (!findings) return ReportError(findings.error());
  const std::filesystem::path out(flags.out);
  std::filesystem::path temporary = out;
  temporary += ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << findings->json;
    if (!file) return ReportError(Error(ErrorCode::kInvalidInput, "cannot write " + temporary.string()));
  }
  std::error_code error;
  std::filesystem::rename(temporary, out, error);
  if (error) return ReportError(Error(ErrorCode::kInvalidInput, "cannot write " + flags.out + ": " + error.message()));
  std::printf("wrote the hub's findings (version %lld, matched from submission version %lld) to %s\n",
              static_cast<long long>(findings->version), static_cast<long long>(findings->submission_version),
              flags.out.c_str());
  if (findings->match_pending) {
    std::fprintf(stderr,
                 "crosscheck: these findings predate your latest submission, which the hub is still matching; "
                 "pull again later or pass --wait SECONDS\n");
  }
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
  encode->add_option("--columns", flags->columns,
                     "map.csv of source_column,contract_column: names export columns the built-in ATS vocabulary does not know");
  encode->add_option("--key-file", flags->key_file, "consortium key file (64 hex digits, mode 0600)")->required();
  encode->add_option("--epoch", flags->epoch, "key epoch label; members of one match use the same")
      ->default_val("default");
  encode->add_option("--out", flags->out, "output directory: OUT/<company_id>.ccsub")->required();
  encode->add_option("--default-region", flags->default_region,
                     "ISO country code (or name) for phone numbers written without a country code, in rows that name no country; default US; use the same as your scan");
  encode->add_option("--ip-ranges", flags->ip_ranges, "CSV of IP ranges (IP kind and country travel as flags)");
  encode->add_option("--mmdb", flags->mmdb, "MaxMind DB; repeatable");
  encode->add_flag("--strict", flags->strict, "fail (exit 2) on the first bad row instead of skipping it");
  encode->footer("Exit codes: 0 success; 2 invalid input, key file or usage; 1 internal error.");
  encode->callback([flags, exit_code] { *exit_code = RunEncode(*flags); });

  auto out = std::make_shared<std::string>();
  auto* keygen = share->add_subcommand("keygen", "Create a new consortium key file (mode 0600)");
  keygen->add_option("--out", *out, "key file to create (never overwritten)")->required();
  keygen->callback([out, exit_code] { *exit_code = RunKeygen(*out); });

  constexpr const char* kHubFooter =
      "An https:// hub's certificate is verified against the system's CAs, or only --ca-file (a private\n"
      "CA or self-signed certificate). The token file must be readable by its owner only (chmod 600).\n"
      "Exit codes: 0 success; 2 invalid input or usage, the hub's certificate could not be verified, or\n"
      "the hub refused (401 unknown token, 403 another company's submission, 400 invalid submission,\n"
      "404 no findings yet; the hub's message is printed); 75 the hub cannot be reached or is unavailable, retry; 1 internal error.";
  auto hub_flags = std::make_shared<HubFlags>();
  auto* push = share->add_subcommand("push", "Send a submission (.ccsub) to the consortium hub");
  push->add_option("--hub", hub_flags->hub, "the hub's URL, https://HOST:PORT or http://HOST:PORT")->required();
  push->add_option("--ca-file", hub_flags->ca_file, "PEM CA certificate to trust for an https:// hub (instead of the system's)");
  push->add_option("--token-file", hub_flags->token_file, "file holding this member's bearer token (mode 0600)")
      ->required();
  push->add_option("SUBMISSION", hub_flags->submission, "the .ccsub file (share encode)")->required();
  push->footer(kHubFooter);
  push->callback([hub_flags, exit_code] { *exit_code = RunPush(*hub_flags); });

  auto* pull = share->add_subcommand("pull", "Fetch this member's latest findings from the consortium hub");
  pull->add_option("--hub", hub_flags->hub, "the hub's URL, https://HOST:PORT or http://HOST:PORT")->required();
  pull->add_option("--ca-file", hub_flags->ca_file, "PEM CA certificate to trust for an https:// hub (instead of the system's)");
  pull->add_option("--token-file", hub_flags->token_file, "file holding this member's bearer token (mode 0600)")
      ->required();
  pull->add_option("--out", hub_flags->out, "findings file to write (for scan --hub-findings)")->required();
  pull->add_option("--wait", hub_flags->wait_seconds,
                   "wait up to this many seconds for the findings of your latest submission (default: take what is there)")
      ->default_val(0);
  pull->footer(kHubFooter);
  pull->callback([hub_flags, exit_code] { *exit_code = RunPull(*hub_flags); });
}

}  // namespace crosscheck::cli
