// SqliteStore: the consortium hub's durable state in one SQLite file (WAL journal,
// synchronous=FULL, so a write that returned success survives a crash or power loss): each
// member's latest submission, each member's latest findings JSON, and an append-only audit log.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store, SqliteStore::Open(dir / "hub.sqlite"));
//   CC_ASSIGN_OR_RETURN(std::int64_t version, store->CommitPush(row, findings));
//   CC_ASSIGN_OR_RETURN(std::optional<FindingsRow> mine, store->Findings("acme-corp"));
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::store {

// SubmissionRow is a member's stored submission: the raw bytes of its .ccsub file and the
// fields the hub checks without parsing them again.
struct SubmissionRow {
  std::string company_id;
  std::string epoch;
  std::string key_id;
  std::string bytes;         // the .ccsub file as pushed
  std::int64_t version = 0;  // 1 for the first push, +1 for each replacement
  std::string received_at;   // ISO 8601 UTC
};

// FindingsRow is a member's latest findings JSON; version goes up by one each time it is
// rewritten.
struct FindingsRow {
  std::string company_id;
  std::int64_t version = 0;
  std::string json;
};

// AuditRow is one line of the audit log.
struct AuditRow {
  std::int64_t id = 0;
  std::string at;          // ISO 8601 UTC
  std::string company_id;  // empty when the caller was not authenticated
  std::string action;      // "push", "pull"
  std::string detail;      // outcome: "ok version 3", "refused 401 ..."
};

// SqliteStore owns one connection. All methods are thread-safe (one mutex serializes them).
class SqliteStore {
 public:
  // Open opens or creates the database at `path` (its directory must exist), switches it to
  // WAL with synchronous=FULL and creates the tables when missing.
  // Errors: kInvalidInput when the file cannot be opened or is not a SQLite database;
  // kUnavailable when it is locked by another process beyond the busy timeout.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore();

  // Submissions returns every stored submission, sorted by company_id.
  // Errors: kDataLoss when a row cannot be read; kUnavailable when the database is locked.
  Result<std::vector<SubmissionRow>> Submissions();

  // CommitPush stores `submission` (replacing the member's previous one; its version field is
  // ignored and becomes previous + 1) and replaces the findings of every member in `findings`,
  // in one transaction: either all of it is durable when it returns, or none of it happened.
  // Returns the submission's new version. Errors: kUnavailable (locked), kDataLoss (write failed).
  Result<std::int64_t> CommitPush(const SubmissionRow& submission, const std::vector<FindingsRow>& findings);

  // Findings returns the member's latest findings, or nullopt when there are none yet.
  Result<std::optional<FindingsRow>> Findings(const std::string& company_id);

  // AppendAudit appends one audit row (its id is assigned). Errors as CommitPush.
  Status AppendAudit(const AuditRow& row);

  // Audit returns the audit log in order of id.
  Result<std::vector<AuditRow>> Audit();

 private:
  struct Impl;
  explicit SqliteStore(std::unique_ptr<Impl> impl);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::store
