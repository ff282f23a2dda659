// HubStore: the consortium hub's durable state behind one interface, so the server does not
// care whether it lives in a SQLite file (SqliteStore) or a PostgreSQL database
// (PostgresStore): each member's latest submission, each member's latest findings JSON, and an
// append-only audit log.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<HubStore> store, OpenHubStore("/var/lib/hub"));
//   CC_ASSIGN_OR_RETURN(std::int64_t version, store->PutSubmission(row));
//   CC_RETURN_IF_ERROR(store->PutFindings(rows));   // after a match
//   CC_ASSIGN_OR_RETURN(std::optional<FindingsRow> mine, store->Findings("acme-corp"));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/store/audit_log.h"

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

// FindingsRow is a member's latest findings JSON. version goes up by one each time the JSON
// changes; submission_version is the version of the member's submission that the match which
// made it saw (older than the stored submission while a re-match is pending).
struct FindingsRow {
  std::string company_id;
  std::int64_t version = 0;
  std::string json;
  std::int64_t submission_version = 0;
};

// HubStore is the hub's store. Implementations are thread-safe. Every method can fail with
// kUnavailable (database locked, server unreachable or connection lost: retry later),
// kDataLoss (stored state could not be read or written) or kInternal (a row breaks the schema,
// e.g. an empty company_id: a caller bug).
class HubStore {
 public:
  HubStore() = default;
  HubStore(const HubStore&) = delete;
  HubStore& operator=(const HubStore&) = delete;
  virtual ~HubStore() = default;

  // Submissions returns every stored submission, sorted by company_id.
  virtual Result<std::vector<SubmissionRow>> Submissions() = 0;

  // PutSubmission stores `submission`, replacing the member's previous one (its version field
  // is ignored and becomes previous + 1); durable when it returns. Returns the new version.
  virtual Result<std::int64_t> PutSubmission(const SubmissionRow& submission) = 0;

  // PutFindings replaces the findings of every member in `findings` (their version fields are
  // ignored) in one transaction: all of it is durable when it returns, or none of it happened.
  // A member's version goes up only when its JSON changed.
  virtual Status PutFindings(const std::vector<FindingsRow>& findings) = 0;

  // Findings returns the member's latest findings, or nullopt when there are none yet.
  virtual Result<std::optional<FindingsRow>> Findings(const std::string& company_id) = 0;

  // AppendAudit appends one audit row (its id is assigned).
  virtual Status AppendAudit(const AuditRow& row) = 0;

  // Audit returns the audit log in order of id.
  virtual Result<std::vector<AuditRow>> Audit() = 0;
};

// IsPostgresUrl tells whether `dir_or_url` names a PostgreSQL database (a postgresql:// or
// postgres:// connection URI) rather than a state directory.
bool IsPostgresUrl(std::string_view dir_or_url);

// OpenHubStore opens the hub's store: PostgresStore for a postgresql:// or postgres:// URL,
// otherwise SqliteStore on DIR/hub.sqlite (DIR must exist). Errors: those of
// SqliteStore::Open or PostgresStore::Open.
Result<std::unique_ptr<HubStore>> OpenHubStore(std::string_view dir_or_url);

// DescribeHubStore names the store for messages: "DIR/hub.sqlite", or the URL with any
// password replaced by "***".
std::string DescribeHubStore(std::string_view dir_or_url);

}  // namespace crosscheck::store
