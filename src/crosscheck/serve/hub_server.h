// The consortium hub's HTTP service (`crosscheck hub serve`): members push their submissions
// and pull their findings. A push is checked, stored durably and answered at once; a matcher
// thread then re-matches the whole consortium (as `hub match` does), taking every push that
// arrived meanwhile in one run, and stores each member's findings, versioned, in the hub's
// store (store::HubStore: a SQLite file or a PostgreSQL database).
//
//   POST /v1/submissions  body: a .ccsub file; Authorization: Bearer <token>
//                         202 {"company_id", "version", "records", "findings": "pending"};
//                         400/401/403/413 refused
//   GET  /v1/findings     200 the member's latest findings JSON, with X-Findings-Version,
//                         X-Submission-Version (the submission they were matched from) and
//                         X-Match-Pending (true while a newer submission awaits its match);
//                         404 NOT_YET_MATCHED (first match pending) or NOT_FOUND
//   GET  /healthz         200 {"status", "members", "submission_formats" (members by the format
//                         of their latest submission: {"1": N, "2": N}), "matching", "matches",
//                         "last_match_seconds", "last_match"}; members still on format 1 are
//                         named on stderr at start and at each such push
//
//   CC_ASSIGN_OR_RETURN(auto server, HubServer::Create(options));
//   CC_ASSIGN_OR_RETURN(int port, server->Bind("127.0.0.1", 8443));
//   CC_RETURN_IF_ERROR(server->Run());   // until Stop() from another thread
//
// HTTPS when HubServerOptions has tls_cert and tls_key (PEM files), plain HTTP otherwise.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "crosscheck/common/error.h"
#include "crosscheck/hub/incremental_match.h"
#include "crosscheck/serve/members_file.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::serve {

// kDefaultMaxBodyBytes is the largest request body accepted (413 above it).
inline constexpr std::size_t kDefaultMaxBodyBytes = std::size_t{64} << 20;

struct HubServerOptions {
  std::string store;                // a directory (holds hub.sqlite; must exist) or a postgresql:// URL
  Members members;
  share::ConsortiumKey hub_key;     // the hub's own keyed layer
  std::size_t k_threshold = 2;
  bool identity_split = true;       // split stolen identities' owners off (hub match's default)
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::string tls_cert;             // PEM certificate (chain); with tls_key: serve HTTPS
  std::string tls_key;              // PEM private key (unencrypted)
  // When a match re-scores only the components pushes affected, and when everything.
  hub::IncrementalOptions incremental;
};

// HubServer serves the hub API. Requests are handled on httplib's worker threads; pushes are
// serialized while they are stored, pulls read the store concurrently, and one matcher thread
// (started by Create, joined by the destructor) runs the matches.
class HubServer {
 public:
  // Create opens the store (store::OpenHubStore(options.store)) and loads the stored
  // submissions. Errors: kInvalidInput when only one of tls_cert/tls_key is set or either cannot
  // be loaded (the file is named); those of store::OpenHubStore; kDataLoss when a stored
  // submission no longer parses.
  static Result<std::unique_ptr<HubServer>> Create(HubServerOptions options);

  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;
  ~HubServer();

  // Bind listens on host:port; port 0 picks a free port. Returns the bound port.
  // Errors: kUnavailable when the address is in use or cannot be bound.
  Result<int> Bind(const std::string& host, int port);

  // Run serves requests until Stop is called. Bind first. Errors: kInternal if it fails to run.
  Status Run();

  // Stop makes Run return (in-flight requests finish) and the matcher stop after its current
  // match. Thread-safe; idempotent.
  void Stop();

  // WaitUntilMatched blocks until every stored push has been matched (or Stop), at most
  // `timeout`; returns whether it got there.
  bool WaitUntilMatched(std::chrono::milliseconds timeout);

  // WaitUntilRunning blocks until Run accepts connections (for tests and start-up messages).
  void WaitUntilRunning();

 private:
  struct Impl;
  explicit HubServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::serve
