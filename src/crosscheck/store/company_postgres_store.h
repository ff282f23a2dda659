// CompanyPostgresStore: a company node's CompanyStore in a PostgreSQL database reached by a
// libpq connection URI; the same tables as CompanySqliteStore (extra columns as BYTEA), every
// write one transaction with its audit row.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanyPostgresStore> store,
//                       CompanyPostgresStore::Open("postgresql://node@db.internal/crosscheck"));
#pragma once

#include <memory>
#include <mutex>
#include <string_view>

#include "crosscheck/store/company_store.h"

namespace crosscheck::store {

// CompanyPostgresStore owns one connection; all methods are thread-safe (one mutex serializes
// them). A lost connection is re-established at the start of the next call. Methods and errors:
// see CompanyStore.
class CompanyPostgresStore final : public CompanyStore {
 public:
  // Open connects to `url` and creates the tables when missing. Errors: kInvalidInput when the
  // URL does not parse; kUnavailable when the server cannot be reached or refuses the login
  // (the message is libpq's, with any password redacted); kDataLoss or kInternal when the tables
  // cannot be created.
  static Result<std::unique_ptr<CompanyPostgresStore>> Open(std::string_view url);

  CompanyPostgresStore(const CompanyPostgresStore&) = delete;
  CompanyPostgresStore& operator=(const CompanyPostgresStore&) = delete;
  ~CompanyPostgresStore() override;

  Result<std::vector<bool>> PutApplications(const std::vector<ApplicationRecord>& records,
                                            const std::string& received_at, const AuditRow& audit) override;
  Result<std::vector<ApplicationRecord>> Applications() override;
  Result<std::int64_t> CountApplications() override;
  Result<std::int64_t> PutDecision(const DecisionRow& decision, const AuditRow& audit) override;
  Result<std::vector<DecisionRow>> Decisions(const std::string& application_id) override;
  Status PutEmployees(const std::vector<EmployeeRecord>& employees, const AuditRow& audit) override;
  Result<std::vector<EmployeeRecord>> Employees() override;
  Status PutSignins(const std::vector<std::string>& events, const std::string& received_at,
                    const AuditRow& audit) override;
  Result<std::vector<std::string>> Signins() override;
  Status PutIndicatorPush(const IndicatorPushRow& push, const AuditRow& audit) override;
  Result<std::vector<IndicatorPushRow>> IndicatorPushes() override;
  Status AppendAudit(const AuditRow& row) override;
  Result<std::vector<AuditRow>> Audit(std::int64_t after_id, std::size_t limit) override;

 private:
  struct Impl;
  explicit CompanyPostgresStore(std::unique_ptr<Impl> impl);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::store
