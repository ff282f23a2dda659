// Resolver: a company node's current picture of every stored application — personas, networks,
// scores and reasons — and the one place that changes it. This version re-runs the whole scan
// (pipeline::ScanApplications) over all stored rows on every change and keeps the last result in
// memory; an incremental path (link one record into its persona, attach it to the networks its
// artifacts touch, score it) can replace Score without changing the server.
//
//   Resolver resolver(context);
//   CC_RETURN_IF_ERROR(resolver.Load(store->Applications().value()));   // at start-up
//   CC_ASSIGN_OR_RETURN(auto snapshot, resolver.Score(new_records));     // per POST
//   const pipeline::ApplicationResult* found = snapshot->Find("a-17");
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::serve {

// LevelRank orders risk levels: low 0, medium 1, high 2, critical 3; -1 for any other text.
int LevelRank(std::string_view level);

// Snapshot is one resolution of every stored application, immutable once published: readers
// keep it alive as long as they use it, while the next resolution is built beside it.
struct Snapshot {
  std::vector<ApplicationRecord> records;  // stored order; records[i] is result.applications[i]
  pipeline::ScanResult result;
  double resolve_seconds = 0;              // wall time of the scan that made it
  std::unordered_map<std::string, std::size_t> by_application;
  std::unordered_map<std::string, std::vector<std::size_t>> by_persona;
  std::unordered_map<std::string, std::vector<std::size_t>> by_network;
  std::unordered_map<std::string, std::size_t> flagged_network;  // network id -> flagged_networks index
  std::vector<std::size_t> by_severity;    // application indexes: highest level, then score, then id

  // Find returns the application's result, or nullptr.
  const pipeline::ApplicationResult* Find(std::string_view application_id) const;
};

// Resolver owns the current Snapshot. Load and Score must be called by one writer at a time (the
// server serializes them with its store writes, so the stored order and the resolved order
// agree); snapshot() may be called from any thread at any time.
class Resolver {
 public:
  // The context (IP intel, watchlists) is shared, read-only, by every resolution.
  explicit Resolver(std::shared_ptr<const pipeline::ScanContext> context);

  // Load replaces everything with `records` (the store's, in stored order) and resolves them.
  // Errors: those of pipeline::ScanApplications (kInternal).
  Status Load(std::vector<ApplicationRecord> records);

  // Score puts `records` in (a known application_id replaces the stored record in place, a new
  // one goes last) and resolves everything. Returns the new snapshot, already published. What
  // normalization finds wrong in `records` goes to `issues` (file "body", the records' lines).
  // Errors: those of pipeline::ScanApplications; the current snapshot is then kept.
  Result<std::shared_ptr<const Snapshot>> Score(const std::vector<ApplicationRecord>& records, IssueLog& issues);

  // snapshot returns the current snapshot (never null: empty before Load). Thread-safe.
  std::shared_ptr<const Snapshot> snapshot() const;

 private:
  Result<std::shared_ptr<const Snapshot>> Resolve(std::vector<ApplicationRecord> records);

  std::shared_ptr<const pipeline::ScanContext> context_;
  mutable std::mutex mutex_;                 // guards current_
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace crosscheck::serve
