#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/serve_support.h"
#include "crosscheck/hub/hub_match.h"
#include "crosscheck/serve/hub_server.h"
#include "crosscheck/serve/members_file.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::cli {
namespace {

struct MatchFlags {
  std::string submissions, out, hub_key_file, epoch, key_id;
  std::size_t k = 2;
  bool no_identity_split = false;
};

// HubKey reads the hub's own key, or creates OUT/hub.key on first use.
Result<share::ConsortiumKey> HubKey(const MatchFlags& flags) {
  if (!flags.hub_key_file.empty()) return share::ReadKeyFile(flags.hub_key_file);
  const std::filesystem::path path = std::filesystem::path(flags.out) / "hub.key";
  if (std::filesystem::exists(path)) return share::ReadKeyFile(path);
  CC_ASSIGN_OR_RETURN(share::ConsortiumKey key, share::GenerateKey());
  CC_RETURN_IF_ERROR(share::WriteKeyFile(path, key));
  return key;
}

std::string Seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", seconds);
  return text;
}

int RunMatch(const MatchFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code error;
  if (!std::filesystem::is_directory(flags.submissions, error)) {
    return ReportError(Error(ErrorCode::kNotFound, "--submissions " + flags.submissions + " is not a directory"));
  }
  std::filesystem::create_directories(flags.out, error);
  if (error) return ReportError(Error(ErrorCode::kInvalidInput, "cannot create " + flags.out + ": " + error.message()));
  auto key = HubKey(flags);
  if (!key) return ReportError(key.error());
  const share::KeyedHasher hub_layer(key->bytes);

  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(flags.submissions)) {
    if (entry.path().extension() == share::kSubmissionExtension) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) {
    return ReportError(Error(ErrorCode::kInvalidInput, "no *.ccsub submissions in " + flags.submissions));
  }
  std::vector<Result<share::Submission>> parsed(paths.size(), InvalidInput("not read"));
  auto read = [&](std::size_t begin, std::size_t step) {
    for (std::size_t idx = begin; idx < paths.size(); idx += step) parsed[idx] = share::ReadSubmission(paths[idx]);
  };
  std::thread worker(read, 1, 2);
  read(0, 2);
  worker.join();
  const double read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<hub::SourcedSubmission> submissions;
  std::vector<hub::RefusedSubmission> refused;
  for (std::size_t idx = 0; idx < paths.size(); ++idx) {
    if (parsed[idx]) {
      submissions.push_back({paths[idx].filename().string(), std::move(*parsed[idx])});
    } else {
      refused.push_back({paths[idx].filename().string(), parsed[idx].error().message()});
    }
  }
  // Format-1 photos are compared only with each other's (hub/consortium_view.cc): name them so
  // the operator can ask those members to re-encode.
  std::string old_format;
  for (const hub::SourcedSubmission& sourced : submissions) {
    if (sourced.submission.format == share::SubmissionFormat::kV1) old_format += " " + sourced.source;
  }
  if (!old_format.empty()) {
    std::fprintf(stderr, "crosscheck: on submission format 1 (photos matched only with format 1; re-encode):%s\n",
                 old_format.c_str());
  }
  hub::HubOptions options;
  options.k_threshold = flags.k;
  options.identity_split.enabled = !flags.no_identity_split;
  if (!flags.epoch.empty()) options.epoch = flags.epoch;
  if (!flags.key_id.empty()) options.key_id = flags.key_id;
  hub::HubMatchResult result = hub::MatchSubmissions(std::move(submissions), hub_layer, options);
  for (auto& entry : result.refused) refused.push_back(std::move(entry));
  std::size_t with_findings = 0;
  const auto writing = std::chrono::steady_clock::now();
  for (const share::MemberFindings& findings : result.findings) with_findings += findings.applications.size();
  std::vector<Status> written(result.findings.size());
  auto write = [&](std::size_t begin, std::size_t step) {
    for (std::size_t idx = begin; idx < result.findings.size(); idx += step) {
      const share::MemberFindings& findings = result.findings[idx];
      written[idx] = share::WriteFindings(findings, std::filesystem::path(flags.out) / (findings.company_id + ".findings.json"));
    }
  };
  std::thread writer(write, 1, 2);
  write(0, 2);
  writer.join();
  for (const Status& status : written) {
    if (!status) return ReportError(status.error());
  }
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - start).count();
  std::string stages = "read " + Seconds(read_seconds);
  for (const auto& [stage, stage_seconds] : result.stage_seconds) stages += " " + stage + " " + Seconds(stage_seconds);
  stages += " write " + Seconds(std::chrono::duration<double>(now - writing).count());
  std::printf("matched %zu applications of %zu members: %zu personas (%zu identities split), %zu networks; %zu "
              "flagged high or critical\n",
              result.applications, result.findings.size(), result.personas, result.identity_splits, result.networks,
              result.flagged_applications);
  std::printf("findings on %zu applications written to %s/<company_id>.findings.json (k = %zu); time %.2f s (%s)\n",
              with_findings, flags.out.c_str(), flags.k, seconds, stages.c_str());
  for (const auto& entry : refused) std::fprintf(stderr, "crosscheck: refused %s: %s\n", entry.source.c_str(), entry.reason.c_str());
  return refused.empty() ? 0 : 2;
}

struct ServeFlags {
  std::string listen, store, members, hub_key_file, tls_cert, tls_key;
  std::size_t k = 2;
  bool full_match = false;
  bool no_identity_split = false;
};

int RunServe(const ServeFlags& flags) {
  auto listen = ParseListen(flags.listen);
  if (!listen) return ReportError(listen.error());
  if (flags.tls_cert.empty() != flags.tls_key.empty()) {
    return ReportError(Error(ErrorCode::kInvalidInput,
                             "--tls-cert and --tls-key go together: give both to serve HTTPS, or neither for HTTP"));
  }
  auto members = serve::ReadMembersFile(flags.members);
  if (!members) return ReportError(members.error());
  const bool in_postgres = store::IsPostgresUrl(flags.store);
  if (in_postgres && flags.hub_key_file.empty()) {
    // The default STORE/hub.key needs a directory; a database URL has none to put it in.
    return ReportError(Error(ErrorCode::kInvalidInput,
                             "--hub-key-file is required with a PostgreSQL --store (the default STORE/hub.key "
                             "applies only to a directory store)"));
  }
  if (!in_postgres) {
    std::error_code error;
    std::filesystem::create_directories(flags.store, error);
    if (error) return ReportError(Error(ErrorCode::kInvalidInput, "cannot create " + flags.store + ": " + error.message()));
  }
  MatchFlags key_flags;
  key_flags.hub_key_file = flags.hub_key_file;
  key_flags.out = flags.store;
  auto key = HubKey(key_flags);
  if (!key) return ReportError(key.error());
  serve::HubServerOptions options;
  options.store = flags.store;
  options.members = std::move(*members);
  options.hub_key = *key;
  options.k_threshold = flags.k;
  options.tls_cert = flags.tls_cert;
  options.tls_key = flags.tls_key;
  options.incremental.enabled = !flags.full_match;
  options.identity_split = !flags.no_identity_split;
  const std::size_t member_count = options.members.size();
  auto server = serve::HubServer::Create(std::move(options));
  if (!server) return ReportError(server.error());
  auto bound = (*server)->Bind(listen->host, listen->port);
  if (!bound) return ReportError(bound.error());
  std::printf("hub serving %s://%s:%d (%zu member tokens, store %s); Ctrl-C to stop\n",
              flags.tls_cert.empty() ? "http" : "https", listen->host.c_str(), *bound, member_count,
              store::DescribeHubStore(flags.store).c_str());
  std::fflush(stdout);
  serve::HubServer& running = **server;
  auto ran = RunUntilSignal([&running] { running.Stop(); }, [&running] { return running.Run(); });
  if (!ran) return ReportError(ran.error());
  return 0;
}

}  // namespace

void RegisterHubCommand(CLI::App& app, int* exit_code) {
  auto* hub = app.add_subcommand("hub", "The consortium hub: link members' keyed submissions");
  hub->require_subcommand(1);
  auto flags = std::make_shared<MatchFlags>();
  auto* match = hub->add_subcommand("match", "Link every submission in a directory and write each member's findings");
  match->add_option("--submissions", flags->submissions, "directory of *.ccsub files (share encode)")->required();
  match->add_option("--out", flags->out, "output directory: OUT/<company_id>.findings.json")->required();
  match->add_option("--hub-key-file", flags->hub_key_file,
                    "the hub's own key (default: OUT/hub.key, created on first use)");
  match->add_option("--k", flags->k, "disclose sharing only when it spans at least k other companies")
      ->default_val(2)
      ->check(CLI::Range(1, 1000));
  match->add_option("--epoch", flags->epoch, "expected epoch (default: the most common)");
  match->add_option("--key-id", flags->key_id, "expected consortium key id (default: the most common)");
  match->add_flag("--no-identity-split", flags->no_identity_split,
                  "keep every linked persona whole: do not split a stolen identity's owner from the impostor "
                  "(as scan --no-identity-split)");
  match->footer(
      "A corrupt, truncated, foreign-key, wrong-epoch or duplicate submission is refused and named on\n"
      "stderr; the others are matched. Exit codes: 0 success; 2 a submission was refused, invalid\n"
      "input or usage; 1 internal error.");
  match->callback([flags, exit_code] { *exit_code = RunMatch(*flags); });

  auto serve_flags = std::make_shared<ServeFlags>();
  auto* serve_cmd = hub->add_subcommand(
      "serve", "Serve the hub over HTTP or HTTPS: members push submissions and pull their findings");
  serve_cmd->add_option("--listen", serve_flags->listen, "HOST:PORT to listen on (port 0: any free port)")->required();
  serve_cmd->add_option("--store", serve_flags->store,
                        "DIR (state in DIR/hub.sqlite, created if missing) or a PostgreSQL URL "
                        "postgresql://USER[:PASSWORD]@HOST[:PORT]/DB (tables created if missing)")
      ->required();
  serve_cmd->add_option("--members", serve_flags->members,
                        "members.csv: company_id,token_sha256 (SHA-256 of each member's bearer token)")
      ->required();
  serve_cmd->add_option("--hub-key-file", serve_flags->hub_key_file,
                        "the hub's own key (default with a directory store: STORE/hub.key, created on first "
                        "start; required with a PostgreSQL store)");
  serve_cmd->add_option("--k", serve_flags->k, "disclose sharing only when it spans at least k other companies")
      ->default_val(2)
      ->check(CLI::Range(1, 1000));
  serve_cmd->add_flag("--no-identity-split", serve_flags->no_identity_split,
                      "keep every linked persona whole (as hub match --no-identity-split)");
  serve_cmd->add_flag("--full-match", serve_flags->full_match,
                      "re-match the whole consortium after every burst of pushes (default: only the "
                      "components the pushes affect, with the same findings)");
  serve_cmd->add_option("--tls-cert", serve_flags->tls_cert,
                        "PEM certificate (chain) to serve HTTPS with; needs --tls-key");
  serve_cmd->add_option("--tls-key", serve_flags->tls_key, "PEM private key (unencrypted) of --tls-cert");
  serve_cmd->footer(
      "Endpoints: POST /v1/submissions (a .ccsub body, Authorization: Bearer TOKEN; stored and answered\n"
      "202 at once, then matched in the background with every push that arrived meanwhile),\n"
      "GET /v1/findings (X-Match-Pending: true while a newer push awaits its match), GET /healthz.\n"
      "HTTPS with --tls-cert and\n"
      "--tls-key (both or neither), plain HTTP without. The store is SQLite (--store DIR) or PostgreSQL\n"
      "(--store postgresql://...; prefer a password file or PGPASSWORD to a password in the URL).\n"
      "Exit codes: 0 stopped by SIGINT/SIGTERM; 2 invalid input or usage (bad members.csv row, named by\n"
      "line; bad key file; only one of --tls-cert/--tls-key, or a certificate or key that cannot be\n"
      "loaded, named); 75 the address cannot be bound, the store is locked or the PostgreSQL server\n"
      "cannot be reached; 1 internal error.");
  serve_cmd->callback([serve_flags, exit_code] { *exit_code = RunServe(*serve_flags); });
}

}  // namespace crosscheck::cli
