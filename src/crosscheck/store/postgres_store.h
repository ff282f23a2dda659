// PostgresStore: the hub's state (the HubStore) in a PostgreSQL database, reached by a libpq
// connection URI. Same schema as SqliteStore, with BYTEA for the submission bytes; a push is one
// transaction, so a failed or interrupted push changes nothing stored.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<PostgresStore> store,
//                       PostgresStore::Open("postgresql://hub@db.internal/hub"));
//   CC_ASSIGN_OR_RETURN(std::int64_t version, store->PutSubmission(row));
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::store {

// PostgresStore owns one connection; all methods are thread-safe (one mutex serializes them).
// A lost connection is re-established at the start of the next call.
class PostgresStore final : public HubStore {
 public:
  // Open connects to `url` (postgresql://USER[:PASSWORD]@HOST[:PORT]/DB?PARAMS, see
  // https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING) and creates the
  // tables when missing. Errors: kInvalidInput when the URL does not parse; kUnavailable when
  // the server cannot be reached or refuses the login (the message is libpq's, with any
  // password redacted); kDataLoss or kInternal when the tables cannot be created.
  static Result<std::unique_ptr<PostgresStore>> Open(std::string_view url);

  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;
  ~PostgresStore() override;

  // Submissions, PutSubmission, PutFindings, Findings, AppendAudit and Audit: see HubStore. Errors:
  // kUnavailable (connection lost, serialization failure, server shutting down), kInternal (a
  // row breaks the schema), kDataLoss (any other SQL failure).
  Result<std::vector<SubmissionRow>> Submissions() override;
  Result<std::int64_t> PutSubmission(const SubmissionRow& submission) override;
  Status PutFindings(const std::vector<FindingsRow>& findings) override;
  Result<std::optional<FindingsRow>> Findings(const std::string& company_id) override;
  Status AppendAudit(const AuditRow& row) override;
  Result<std::vector<AuditRow>> Audit() override;

 private:
  struct Impl;
  explicit PostgresStore(std::unique_ptr<Impl> impl);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::store
