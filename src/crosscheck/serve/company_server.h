// The company's live node (`crosscheck serve`): the ATS posts applications and gets each one
// scored against everything stored in the same request; reviewers read the evidence, work a
// queue and record decisions; everything lands in a durable store (store::CompanyStore) and
// every read of personal data and every decision in its audit log. The API is docs/API.md and
// the OpenAPI document served at /openapi.json.
//
//   CC_ASSIGN_OR_RETURN(auto server, CompanyServer::Create(options));   // loads and resolves the store
//   CC_ASSIGN_OR_RETURN(int port, server->Bind("127.0.0.1", 8080));
//   CC_RETURN_IF_ERROR(server->Run());                                 // until Stop()
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "crosscheck/common/error.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/hub_sync.h"
#include "crosscheck/serve/members_file.h"

namespace crosscheck::serve {

// kDefaultMaxApplicationsBodyBytes is the largest request body a company node accepts (413 above).
inline constexpr std::size_t kDefaultMaxApplicationsBodyBytes = std::size_t{64} << 20;

struct CompanyServerOptions {
  std::string store;     // a directory (holds company.sqlite; must exist) or a postgresql:// URL
  Tokens tokens;         // bearer tokens (their SHA-256) with names and roles
  std::shared_ptr<const pipeline::ScanContext> context;  // IP intel and watchlists; never null
  std::size_t max_body_bytes = kDefaultMaxApplicationsBodyBytes;
  int read_timeout_seconds = 30;  // a client slower than this per read is cut off
  std::string tls_cert;           // PEM certificate (chain); with tls_key: serve HTTPS
  std::string tls_key;            // PEM private key (unencrypted)
  std::string organization = "crosscheck company node";  // names the producer in STIX exports
  // hub: push this company's submission to a consortium hub and fold its findings in, on a
  // schedule (HubSync). Not linked to a hub when unset.
  std::optional<HubSyncOptions> hub;
  ResolverOptions resolver;  // neighbourhood bounds; when background resolutions run
};

// CompanyServer serves the company node's API on httplib's worker threads. Posts of applications
// are stored one at a time, scored beside each other, and committed in stored order; reads use
// the last published snapshot and never wait for a resolution.
class CompanyServer {
 public:
  // Create opens the store (store::OpenCompanyStore), loads every stored application and
  // resolves them once (a restart resumes where the node stopped). Errors: kInvalidInput (TLS
  // files, a store file that is not a database, a bad PostgreSQL URL), kUnavailable (store
  // locked or PostgreSQL unreachable), kDataLoss (a stored row cannot be read), those of the
  // resolution.
  static Result<std::unique_ptr<CompanyServer>> Create(CompanyServerOptions options);

  CompanyServer(const CompanyServer&) = delete;
  CompanyServer& operator=(const CompanyServer&) = delete;
  ~CompanyServer();

  // Bind listens on host:port; port 0 picks a free port. Returns the bound port.
  // Errors: kUnavailable when the address is in use or cannot be bound.
  Result<int> Bind(const std::string& host, int port);

  // Run serves requests until Stop is called. Bind first. Errors: kInternal if it fails to run.
  Status Run();

  // Stop makes Run return (in-flight requests finish). Thread-safe; idempotent.
  void Stop();

  // WaitUntilRunning blocks until Run accepts connections.
  void WaitUntilRunning();

  // applications returns how many applications the current snapshot holds.
  std::size_t applications() const;

  // SyncWithHub runs one round with the hub now (encode, push when changed, pull, fold), as the
  // schedule does. Errors: kInvalidInput when no hub is configured; those of HubSync::SyncNow.
  Status SyncWithHub();

  // WaitUntilResolved waits until no result is provisional (a background resolution has taken
  // every posted application in); false on timeout.
  bool WaitUntilResolved(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  explicit CompanyServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::serve
