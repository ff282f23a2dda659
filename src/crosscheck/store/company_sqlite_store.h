// CompanySqliteStore: a company node's CompanyStore in one SQLite file (WAL journal,
// synchronous=FULL: a write that returned success survives a crash or power loss).
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanySqliteStore> store,
//                       CompanySqliteStore::Open(dir / "company.sqlite"));
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "crosscheck/store/company_store.h"

namespace crosscheck::store {

// CompanySqliteStore owns one connection; all methods are thread-safe (one mutex serializes
// them). Methods and errors: see CompanyStore.
class CompanySqliteStore final : public CompanyStore {
 public:
  // Open opens or creates the database at `path` (its directory must exist) and creates the
  // tables when missing. Errors: kInvalidInput when the file cannot be opened or is not a SQLite
  // database; kUnavailable when it is locked by another process beyond the busy timeout.
  static Result<std::unique_ptr<CompanySqliteStore>> Open(const std::filesystem::path& path);

  CompanySqliteStore(const CompanySqliteStore&) = delete;
  CompanySqliteStore& operator=(const CompanySqliteStore&) = delete;
  ~CompanySqliteStore() override;

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
  explicit CompanySqliteStore(std::unique_ptr<Impl> impl);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::store
