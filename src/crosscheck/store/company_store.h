// CompanyStore: the durable state of a company's live node (`crosscheck serve`) behind one
// interface: the applications as received (the data contract's columns, one row per
// application_id), reviewers' decisions, the hires' logins and their sign-in events, and the
// append-only audit log. A write returns only
// after its transaction has committed, so an acknowledged write survives kill -9.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanyStore> store, OpenCompanyStore("/var/lib/crosscheck"));
//   CC_ASSIGN_OR_RETURN(std::vector<bool> replaced, store->PutApplications(records, now, audit));
//   CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> all, store->Applications());
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/store/audit_log.h"

namespace crosscheck::store {

// DecisionRow is a reviewer's decision on one application.
struct DecisionRow {
  std::int64_t id = 0;         // assigned by the store, increasing
  std::string application_id;
  std::string decision;        // "confirmed_fraud" or "cleared"
  std::string note;
  std::string who;             // the reviewer's token name
  std::string at;              // ISO 8601 UTC
  // cleared_with: for "cleared", the other applications the cleared one shared evidence with
  // when it was cleared (a household, a couple); their sharing among themselves is explained
  // from then on (graph::EvidenceOptions::cleared_groups). Sorted; empty for confirmed_fraud.
  std::vector<std::string> cleared_with;
};

// IndicatorPushRow is one TAXII "Add Objects" request a threat-intelligence platform made to
// the node: the STIX objects it pushed and the status resource it was answered with.
struct IndicatorPushRow {
  std::int64_t id = 0;        // assigned by the store, increasing
  std::string status_id;      // the TAXII status id (a UUID); unique
  std::string objects;        // the pushed objects as a JSON array
  std::string status;         // the TAXII status resource (JSON)
  std::string who;            // the pusher's token name
  std::string at;             // ISO 8601 UTC
};

// IsDecision tells whether `text` is one of the decisions a DecisionRow may hold.
bool IsDecision(std::string_view text);

// CompanyStore is a company node's store. Implementations are thread-safe. Every method can fail
// with kUnavailable (database locked, server unreachable: retry later), kDataLoss (stored state
// could not be read or written) or kInternal (a row breaks the schema: an empty
// application_id, an unknown decision — a caller bug).
class CompanyStore {
 public:
  CompanyStore() = default;
  CompanyStore(const CompanyStore&) = delete;
  CompanyStore& operator=(const CompanyStore&) = delete;
  virtual ~CompanyStore() = default;

  // PutApplications stores `records` and appends `audit`, in one transaction: all of it is
  // durable when it returns, or none of it happened. A record whose application_id is stored
  // already replaces it (and keeps its place in Applications()). Returns one flag per record,
  // true where it replaced a stored application. The records' ids must be distinct.
  virtual Result<std::vector<bool>> PutApplications(const std::vector<ApplicationRecord>& records,
                                                    const std::string& received_at, const AuditRow& audit) = 0;

  // Applications returns every stored application, in the order each id was first stored,
  // with the parsed fields (submitted_at_unix, date_of_birth_parsed) set again and `line`
  // holding the 1-based position.
  virtual Result<std::vector<ApplicationRecord>> Applications() = 0;

  // CountApplications returns how many applications are stored.
  virtual Result<std::int64_t> CountApplications() = 0;

  // PutDecision stores `decision` (its id and at are assigned; at from audit.at) and appends
  // `audit`, in one transaction. Returns the decision's id.
  virtual Result<std::int64_t> PutDecision(const DecisionRow& decision, const AuditRow& audit) = 0;

  // Decisions returns the decisions on `application_id` (every decision when empty), oldest
  // first.
  virtual Result<std::vector<DecisionRow>> Decisions(const std::string& application_id) = 0;

  // PutEmployees stores employees.csv rows (a login already stored, compared ignoring ASCII
  // case as Okta compares logins, is replaced) and appends `audit`, in one transaction.
  virtual Status PutEmployees(const std::vector<EmployeeRecord>& employees, const AuditRow& audit) = 0;

  // Employees returns every stored employee, ordered by login (`line` unset).
  virtual Result<std::vector<EmployeeRecord>> Employees() = 0;

  // PutSignins appends sign-in events (each an Okta System Log JSON object as received) and
  // `audit`, in one transaction.
  virtual Status PutSignins(const std::vector<std::string>& events, const std::string& received_at,
                            const AuditRow& audit) = 0;

  // Signins returns every stored sign-in event, oldest first.
  virtual Result<std::vector<std::string>> Signins() = 0;

  // PutIndicatorPush stores a push (its id is assigned) and appends `audit`, in one
  // transaction. A status_id stored already is a kInternal error (a caller bug).
  virtual Status PutIndicatorPush(const IndicatorPushRow& push, const AuditRow& audit) = 0;

  // IndicatorPushes returns every stored push, oldest first.
  virtual Result<std::vector<IndicatorPushRow>> IndicatorPushes() = 0;

  // AppendAudit appends one audit row (its id is assigned).
  virtual Status AppendAudit(const AuditRow& row) = 0;

  // Audit returns at most `limit` audit rows with an id above `after_id`, in order of id.
  virtual Result<std::vector<AuditRow>> Audit(std::int64_t after_id, std::size_t limit) = 0;
};

// OpenCompanyStore opens a company node's store: CompanyPostgresStore for a postgresql:// or
// postgres:// URL (IsPostgresUrl), otherwise CompanySqliteStore on DIR/company.sqlite (DIR must
// exist). Errors: those of CompanyPostgresStore::Open or CompanySqliteStore::Open.
Result<std::unique_ptr<CompanyStore>> OpenCompanyStore(std::string_view dir_or_url);

}  // namespace crosscheck::store
