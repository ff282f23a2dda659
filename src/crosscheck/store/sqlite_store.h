// SqliteStore: the consortium hub's durable state in one SQLite file (WAL journal,
// synchronous=FULL, so a write that returned success survives a crash or power loss): each
// member's latest submission, each member's latest findings JSON, and an append-only audit log.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store, SqliteStore::Open(dir / "hub.sqlite"));
//   CC_ASSIGN_OR_RETURN(std::int64_t version, store->PutSubmission(row));
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
#include "crosscheck/store/hub_store.h"

namespace crosscheck::store {

// SqliteStore is the HubStore in one SQLite file. It owns one connection; all methods are
// thread-safe (one mutex serializes them).
class SqliteStore final : public HubStore {
 public:
  // Open opens or creates the database at `path` (its directory must exist), switches it to
  // WAL with synchronous=FULL and creates the tables when missing.
  // Errors: kInvalidInput when the file cannot be opened or is not a SQLite database;
  // kUnavailable when it is locked by another process beyond the busy timeout.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore() override;

  // Submissions returns every stored submission, sorted by company_id.
  // Errors: kDataLoss when a row cannot be read; kUnavailable when the database is locked.
  Result<std::vector<SubmissionRow>> Submissions() override;

  // PutSubmission and PutFindings: see HubStore. Errors: kUnavailable (locked), kDataLoss
  // (write failed), kInternal (a row breaks the schema: an empty company_id).
  Result<std::int64_t> PutSubmission(const SubmissionRow& submission) override;
  Status PutFindings(const std::vector<FindingsRow>& findings) override;

  // Findings returns the member's latest findings, or nullopt when there are none yet.
  Result<std::optional<FindingsRow>> Findings(const std::string& company_id) override;

  // AppendAudit appends one audit row (its id is assigned). Errors as PutSubmission.
  Status AppendAudit(const AuditRow& row) override;

  // Audit returns the audit log in order of id.
  Result<std::vector<AuditRow>> Audit() override;

 private:
  struct Impl;
  explicit SqliteStore(std::unique_ptr<Impl> impl);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::store
