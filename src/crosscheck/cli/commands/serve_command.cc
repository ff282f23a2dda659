#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/issue_summary.h"
#include "crosscheck/cli/commands/serve_support.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/company_server.h"
#include "crosscheck/serve/hub_client.h"
#include "crosscheck/serve/members_file.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::cli {
namespace {

struct CompanyServeFlags {
  std::string data, store, listen, tokens, sdn, indicators, ip_ranges, tls_cert, tls_key, default_region;
  std::string organization = "crosscheck company node";
  std::string hub, hub_token_file, hub_ca_file, key_file, epoch, company_id;
  int hub_interval_seconds = 300;
  std::vector<std::string> mmdb;
  std::vector<std::string> sanctions_lists;
  std::size_t max_body_bytes = serve::kDefaultMaxApplicationsBodyBytes;
  int background_nice = serve::ResolverOptions{}.background_nice;
};

std::optional<std::filesystem::path> OptionalFile(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::filesystem::path(text);
}

// LoadContext reads the reference data once; bad rows in it are counted on stderr.
Result<std::shared_ptr<const pipeline::ScanContext>> LoadContext(const CompanyServeFlags& flags) {
  pipeline::ReferenceFiles files;
  for (const std::string& path : flags.mmdb) files.mmdb_files.emplace_back(path);
  files.ip_ranges = OptionalFile(flags.ip_ranges);
  files.sdn_dir = OptionalFile(flags.sdn);
  files.sanctions_lists = flags.sanctions_lists;
  files.default_region = flags.default_region;
  files.indicators = OptionalFile(flags.indicators);
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(pipeline::ScanContext context, pipeline::LoadScanContext(files, issues));
  if (!issues.empty()) {
    std::fprintf(stderr, "crosscheck: %zu issue(s) in the reference data (first: %s)\n", issues.size(),
                 issues.issues().front().ToString().c_str());
  }
  for (const watchlist::SanctionsListSummary& list : context.sanctions_lists) {
    std::fprintf(stderr, "crosscheck: sanctions list %s\n", watchlist::FormatSanctionsSummary(list).c_str());
  }
  if (context.indicators) {
    std::fprintf(stderr, "crosscheck: indicators: %s\n", context.indicators->import_counts().Summary().c_str());
  }
  return std::make_shared<const pipeline::ScanContext>(std::move(context));
}

// HubLink reads what `--hub` needs: the member's token, the consortium key, the epoch.
Result<std::optional<serve::HubSyncOptions>> HubLink(const CompanyServeFlags& flags) {
  if (flags.hub.empty()) {
    if (!flags.hub_token_file.empty() || !flags.key_file.empty() || !flags.epoch.empty()) {
      return InvalidInput("--token-file, --key-file and --epoch are for --hub: give the hub's URL too");
    }
    return std::optional<serve::HubSyncOptions>();
  }
  if (flags.hub_token_file.empty() || flags.key_file.empty() || flags.epoch.empty()) {
    return InvalidInput("--hub needs --token-file (the member's bearer token), --key-file (the consortium key) "
                        "and --epoch (the consortium's epoch label)");
  }
  serve::HubSyncOptions hub;
  hub.url = flags.hub;
  CC_ASSIGN_OR_RETURN(hub.token, serve::ReadTokenFile(flags.hub_token_file));
  CC_ASSIGN_OR_RETURN(hub.key, share::ReadKeyFile(flags.key_file));
  hub.ca_file = flags.hub_ca_file;
  hub.epoch = flags.epoch;
  hub.company_id = flags.company_id;
  hub.interval = std::chrono::seconds(flags.hub_interval_seconds);
  return std::optional<serve::HubSyncOptions>(std::move(hub));
}

int RunCompanyServe(const CompanyServeFlags& flags) {
  auto listen = ParseListen(flags.listen);
  if (!listen) return ReportError(listen.error());
  if (flags.tls_cert.empty() != flags.tls_key.empty()) {
    return ReportError(Error(ErrorCode::kInvalidInput,
                             "--tls-cert and --tls-key go together: give both to serve HTTPS, or neither for HTTP"));
  }
  std::error_code error;
  std::filesystem::create_directories(flags.data, error);
  if (error) return ReportError(Error(ErrorCode::kInvalidInput, "cannot create " + flags.data + ": " + error.message()));
  if (!flags.store.empty() && !store::IsPostgresUrl(flags.store)) {
    return ReportError(Error(ErrorCode::kInvalidInput, "--store " + flags.store + ": expected a postgresql:// URL"));
  }
  const std::string location = flags.store.empty() ? flags.data : flags.store;
  auto tokens = serve::ReadTokensFile(flags.tokens);
  if (!tokens) return ReportError(tokens.error());
  auto context = LoadContext(flags);
  if (!context) return ReportError(context.error());
  auto hub = HubLink(flags);
  if (!hub) return ReportError(hub.error());
  serve::CompanyServerOptions options;
  options.store = location;
  options.tokens = std::move(*tokens);
  options.context = std::move(*context);
  options.max_body_bytes = flags.max_body_bytes;
  options.resolver.background_nice = flags.background_nice;
  options.tls_cert = flags.tls_cert;
  options.tls_key = flags.tls_key;
  options.organization = flags.organization;
  options.hub = std::move(*hub);
  const std::size_t token_count = options.tokens.size();
  auto server = serve::CompanyServer::Create(std::move(options));
  if (!server) return ReportError(server.error());
  auto bound = (*server)->Bind(listen->host, listen->port);
  if (!bound) return ReportError(bound.error());
  const std::string shown = flags.store.empty() ? (std::filesystem::path(flags.data) / "company.sqlite").string()
                                                : store::DescribeHubStore(flags.store);
  std::printf("serving %s://%s:%d (%zu applications stored in %s, %zu tokens); Ctrl-C to stop\n",
              flags.tls_cert.empty() ? "http" : "https", listen->host.c_str(), *bound, (*server)->applications(),
              shown.c_str(), token_count);
  std::fflush(stdout);
  serve::CompanyServer& running = **server;
  auto ran = RunUntilSignal([&running] { running.Stop(); }, [&running] { return running.Run(); });
  if (!ran) return ReportError(ran.error());
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CompanyServeFlags>();
  auto* serve_cmd = app.add_subcommand(
      "serve", "Run a company's live node: score applications as they are posted, serve reviewers (HTTP API)");
  serve_cmd->add_option("--data", flags->data, "state directory: DIR/company.sqlite (created if missing)")->required();
  serve_cmd->add_option("--store", flags->store,
                        "a PostgreSQL database postgresql://USER[:PASSWORD]@HOST[:PORT]/DB instead of "
                        "DATA/company.sqlite (tables created if missing)");
  serve_cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (port 0: any free port)")->required();
  serve_cmd->add_option("--tokens", flags->tokens,
                        "tokens.csv: name,role,token_sha256 (roles ingest, reviewer, admin; SHA-256 of each "
                        "bearer token)")
      ->required();
  serve_cmd->add_option("--default-region", flags->default_region,
                        "ISO country code (or name) for phone numbers written without a country code, in rows that name no country; default US");
  serve_cmd->add_option("--sdn", flags->sdn, "directory with OFAC sdn.csv, alt.csv, add.csv");
  serve_cmd->add_option("--sanctions-list", flags->sanctions_lists, "sanctions list file, repeatable: [KIND:]FILE, KIND ofac-sdn, ofac-cons, ofac-adv (OFAC advanced XML), un, eu or uk (detected when left out); indexed with --sdn");
  serve_cmd->add_option("--indicators", flags->indicators, "STIX 2.1 bundle of known-bad indicators");
  serve_cmd->add_option("--mmdb", flags->mmdb, "MaxMind DB (City/Country, ASN, Anonymous-IP); repeatable");
  serve_cmd->add_option("--ip-ranges", flags->ip_ranges, "CSV of IP ranges: cidr,country,asn,as_org,kind");
  serve_cmd->add_option("--max-body-bytes", flags->max_body_bytes, "largest request body accepted (413 above)")
      ->default_val(serve::kDefaultMaxApplicationsBodyBytes)
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 32));
  serve_cmd->add_option("--background-nice", flags->background_nice,
                        "nice value of the background whole-store resolution, so scoring a post takes a core "
                        "from it at once (0: the same priority as requests)")
      ->default_val(serve::ResolverOptions{}.background_nice)
      ->check(CLI::Range(0, 19));
  serve_cmd->add_option("--tls-cert", flags->tls_cert, "PEM certificate (chain) to serve HTTPS with; needs --tls-key");
  serve_cmd->add_option("--tls-key", flags->tls_key, "PEM private key (unencrypted) of --tls-cert");
  serve_cmd->add_option("--organization", flags->organization,
                        "the company's name: the producer (identity) of GET /v1/export/stix bundles")
      ->default_val(flags->organization);
  serve_cmd->add_option("--hub", flags->hub,
                        "consortium hub URL (http(s)://host:port of `crosscheck hub serve`): push this company's "
                        "keyed submission and fold the hub's findings into every score, on a schedule");
  serve_cmd->add_option("--token-file", flags->hub_token_file, "with --hub: the member's bearer token (mode 0600)");
  serve_cmd->add_option("--key-file", flags->key_file, "with --hub: the consortium key (never sent to the hub)");
  serve_cmd->add_option("--epoch", flags->epoch, "with --hub: the consortium's epoch label, e.g. 2026-12");
  serve_cmd->add_option("--company-id", flags->company_id,
                        "with --hub: this node's company_id (default: the only company stored)");
  serve_cmd->add_option("--hub-interval", flags->hub_interval_seconds, "with --hub: seconds between syncs")
      ->default_val(300)
      ->check(CLI::Range(1, 86400));
  serve_cmd->add_option("--hub-ca-file", flags->hub_ca_file, "with an https:// --hub: PEM CA to verify it with");
  serve_cmd->footer(
      "Endpoints (docs/API.md; OpenAPI 3 at GET /openapi.json): POST /v1/applications (text/csv or a JSON\n"
      "array; stored in one transaction, each scored against everything stored), GET /v1/applications/{id},\n"
      "/v1/personas/{id}, /v1/networks/{id}, /v1/queue, POST /v1/decisions (confirmed_fraud or cleared;\n"
      "rescored at once), POST /v1/employees (employees.csv), POST /v1/signins (Okta NDJSON),\n"
      "GET /v1/alerts, /v1/audit, /v1/export/risk.csv, /v1/export/stix (confirmed fraud as a\n"
      "STIX 2.1 bundle), /healthz, /metrics. Authorization: Bearer TOKEN; 401 without a known token,\n"
      "403 for a role that may not. On start the stored applications are loaded and resolved once.\n"
      "Exit codes: 0 stopped by SIGINT/SIGTERM; 2 invalid input or usage (bad tokens.csv row, named by\n"
      "line; a reference file that cannot be read; only one of --tls-cert/--tls-key, or one that cannot\n"
      "be loaded; a store file that is not a database; a bad --store URL); 75 the address cannot be bound,\n"
      "the store is locked or the PostgreSQL server cannot be reached; 1 internal error (a stored row that\n"
      "cannot be read).");
  serve_cmd->callback([flags, exit_code] { *exit_code = RunCompanyServe(*flags); });
}

}  // namespace crosscheck::cli
