// HubSync: a company node's link to the consortium hub (`crosscheck serve --hub URL`). On a
// schedule it encodes the node's own stored applications into a submission (keyed tokens only,
// pipeline::EncodeSubmissions, exactly what `share encode` writes), pushes it when it changed,
// pulls the member's findings and hands new findings to the resolver, which folds them into
// every application's score as CONSORTIUM_* evidence (as `scan --hub-findings` does).
//
//   HubSync sync(options, resolver, *context);   // starts its thread; the first sync runs at once
//   HubSyncStatus status = sync.status();      // for /healthz
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "crosscheck/common/error.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/resolver.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::serve {

struct HubSyncOptions {
  std::string url;                 // http(s)://host:port of `crosscheck hub serve`
  std::string token;               // the member's bearer token
  std::string ca_file;             // PEM CA for an https:// hub (system CAs when empty)
  share::ConsortiumKey key;        // the consortium key (never leaves the node)
  std::string epoch;               // the consortium's epoch label
  std::string company_id;          // the node's company; empty: the only company stored
  std::chrono::seconds interval{300};
};

// HubSyncStatus is what /healthz reports of the hub link.
struct HubSyncStatus {
  std::int64_t syncs = 0;              // rounds finished (pushed and pulled, or failed)
  std::int64_t pushed_version = 0;     // the hub's version of the last push (0: none)
  std::int64_t findings_version = 0;   // the findings in use (0: none)
  std::size_t findings = 0;            // applications the findings speak of
  std::string last_sync_at;            // ISO 8601 UTC
  std::string last_error;              // empty when the last round succeeded
};

class HubSync {
 public:
  // Starts the sync thread. `resolver` and `context` must outlive the HubSync.
  HubSync(HubSyncOptions options, Resolver& resolver, const pipeline::ScanContext& context);
  ~HubSync();  // stops the thread (a round under way finishes)
  HubSync(const HubSync&) = delete;
  HubSync& operator=(const HubSync&) = delete;

  // SyncNow runs one round on the calling thread: encode, push when changed, pull, fold.
  // Errors: the store holds no application of the company (kNotFound) or several companies with
  // no company_id given (kInvalidInput); those of PushSubmission and PullFindings.
  Status SyncNow();

  HubSyncStatus status() const;

 private:
  void Loop();

  HubSyncOptions options_;
  Resolver& resolver_;
  const pipeline::ScanContext& context_;  // IP intelligence and default region, as the node normalizes
  std::shared_ptr<const share::SubmissionEncoder> encoder_;
  std::mutex round_mutex_;          // one round at a time (the thread, SyncNow)
  std::string last_pushed_;         // bytes of the last accepted push; under round_mutex_
  mutable std::mutex mutex_;        // guards status_, stopping_
  std::condition_variable wake_;
  HubSyncStatus status_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace crosscheck::serve
