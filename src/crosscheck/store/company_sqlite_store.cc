#include "crosscheck/store/company_sqlite_store.h"

#include <sqlite3.h>

#include <string>
#include <utility>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/store/internal/application_row.h"
#include "crosscheck/store/internal/sqlite_support.h"

namespace crosscheck::store {
namespace {

using internal::ErrorOf;
using internal::InTransaction;
using internal::Statement;

Status InsertAudit(internal::StatementCache& statements, sqlite3* db, const AuditRow& row) {
  Statement& insert = statements.Prepared(db, "INSERT INTO audit (at, who, action, detail) VALUES (?1, ?2, ?3, ?4)");
  if (insert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, insert.prepare_code(), "writing audit"));
  insert.Bind(1, row.at);
  insert.Bind(2, row.who);
  insert.Bind(3, row.action);
  insert.Bind(4, row.detail);
  const int code = insert.Step();
  insert.Reset();  // a cached statement holds nothing between uses
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "writing audit"));
  return Ok();
}

}  // namespace

struct CompanySqliteStore::Impl {
  internal::Database db;
  internal::StatementCache statements;  // after db: destroyed first
};

CompanySqliteStore::CompanySqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompanySqliteStore::~CompanySqliteStore() = default;

Result<std::unique_ptr<CompanySqliteStore>> CompanySqliteStore::Open(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  static const std::string schema = internal::CompanySchema(internal::kSqliteDialect);
  CC_ASSIGN_OR_RETURN(impl->db, internal::OpenDatabase(path, schema.c_str()));
  return std::unique_ptr<CompanySqliteStore>(new CompanySqliteStore(std::move(impl)));
}

Result<std::vector<bool>> CompanySqliteStore::PutApplications(const std::vector<ApplicationRecord>& records,
                                                              const std::string& received_at, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  return InTransaction(db, "storing applications", [&]() -> Result<std::vector<bool>> {
    static const std::string upsert_sql = internal::UpsertApplicationSql(internal::kSqliteDialect);
    Statement& exists = impl_->statements.Prepared(db, "SELECT 1 FROM applications WHERE application_id = ?1");
    Statement& upsert = impl_->statements.Prepared(db, upsert_sql);
    if (exists.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, exists.prepare_code(), "storing applications"));
    if (upsert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, upsert.prepare_code(), "storing applications"));
    std::vector<bool> replaced;
    replaced.reserve(records.size());
    for (const ApplicationRecord& record : records) {
      exists.Reset();
      exists.Bind(1, record.application_id);
      const int found = exists.Step();
      if (found != SQLITE_ROW && found != SQLITE_DONE) return std::unexpected(ErrorOf(db, found, "storing applications"));
      replaced.push_back(found == SQLITE_ROW);
      exists.Reset();  // a cached statement holds nothing between uses
      upsert.Reset();
      int index = 0;
      for (const ApplicationColumn& column : kApplicationColumns) upsert.Bind(++index, record.*column.field);
      upsert.Bind(++index, internal::EncodeExtra(record.extra));
      upsert.Bind(++index, received_at);
      upsert.Bind(++index, audit.who);
      const int code = upsert.Step();
      if (code != SQLITE_DONE) {
        return std::unexpected(ErrorOf(db, code, "storing application " + record.application_id));
      }
    }
    CC_RETURN_IF_ERROR(InsertAudit(impl_->statements, db, audit));
    return replaced;
  });
}

Result<std::vector<ApplicationRecord>> CompanySqliteStore::Applications() {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  static const std::string select_sql = internal::SelectApplicationsSql();
  Statement select(db, select_sql.c_str());
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, select.prepare_code(), "reading applications"));
  std::vector<ApplicationRecord> records;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    ApplicationRecord& record = records.emplace_back();
    record.line = static_cast<std::int64_t>(records.size());
    int index = 0;
    for (const ApplicationColumn& column : kApplicationColumns) record.*column.field = select.Text(index++);
    CC_ASSIGN_OR_RETURN(record.extra, internal::DecodeExtra(select.Text(index)));
    internal::ReparseFields(record);
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading applications"));
  return records;
}

Result<std::int64_t> CompanySqliteStore::CountApplications() {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement count(db, "SELECT count(*) FROM applications");
  if (count.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, count.prepare_code(), "counting applications"));
  const int code = count.Step();
  if (code != SQLITE_ROW) return std::unexpected(ErrorOf(db, code, "counting applications"));
  return count.Int(0);
}

Result<std::int64_t> CompanySqliteStore::PutDecision(const DecisionRow& decision, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  return InTransaction(db, "storing a decision", [&]() -> Result<std::int64_t> {
    Statement insert(db, "INSERT INTO decisions (application_id, decision, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (insert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, insert.prepare_code(), "storing a decision"));
    insert.Bind(1, decision.application_id);
    insert.Bind(2, decision.decision);
    insert.Bind(3, decision.note);
    insert.Bind(4, decision.who);
    insert.Bind(5, audit.at);
    const int code = insert.Step();
    if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "storing a decision"));
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    for (const std::string& other : decision.cleared_with) {
      Statement scope(db, "INSERT OR IGNORE INTO cleared_with (decision_id, application_id) VALUES (?1, ?2)");
      if (scope.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, scope.prepare_code(), "storing a decision"));
      scope.Bind(1, id);
      scope.Bind(2, other);
      if (const int step = scope.Step(); step != SQLITE_DONE) return std::unexpected(ErrorOf(db, step, "storing a decision"));
    }
    CC_RETURN_IF_ERROR(InsertAudit(impl_->statements, db, audit));
    return id;
  });
}

Result<std::vector<DecisionRow>> CompanySqliteStore::Decisions(const std::string& application_id) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement select(db,
                   "SELECT id, application_id, decision, note, who, at FROM decisions "
                   "WHERE ?1 = '' OR application_id = ?1 ORDER BY id");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, select.prepare_code(), "reading decisions"));
  select.Bind(1, application_id);
  std::vector<DecisionRow> rows;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    rows.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4), select.Text(5)});
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading decisions"));
  Statement scope(db,
                  "SELECT c.decision_id, c.application_id FROM cleared_with c JOIN decisions d ON d.id = c.decision_id "
                  "WHERE ?1 = '' OR d.application_id = ?1 ORDER BY c.decision_id, c.application_id");
  if (scope.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, scope.prepare_code(), "reading decisions"));
  scope.Bind(1, application_id);
  while ((code = scope.Step()) == SQLITE_ROW) internal::AttachClearedWith(rows, scope.Int(0), scope.Text(1));
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading decisions"));
  return rows;
}

Status CompanySqliteStore::PutEmployees(const std::vector<EmployeeRecord>& employees, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  return InTransaction(db, "storing employees", [&]() -> Status {
    Statement upsert(db, internal::kUpsertEmployeeSql);
    if (upsert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, upsert.prepare_code(), "storing employees"));
    for (const EmployeeRecord& employee : employees) {
      upsert.Reset();
      upsert.Bind(1, ToLowerAscii(employee.login));
      upsert.Bind(2, employee.login);
      upsert.Bind(3, employee.application_id);
      upsert.Bind(4, employee.company_id);
      if (const int code = upsert.Step(); code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "storing employees"));
    }
    return InsertAudit(impl_->statements, db, audit);
  });
}

Result<std::vector<EmployeeRecord>> CompanySqliteStore::Employees() {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement select(db, "SELECT login, application_id, company_id FROM employees ORDER BY login_key");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, select.prepare_code(), "reading employees"));
  std::vector<EmployeeRecord> employees;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) employees.push_back({0, select.Text(0), select.Text(1), select.Text(2)});
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading employees"));
  return employees;
}

Status CompanySqliteStore::PutSignins(const std::vector<std::string>& events, const std::string& received_at,
                                      const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  return InTransaction(db, "storing sign-ins", [&]() -> Status {
    Statement insert(db, "INSERT INTO signins (event, received_at) VALUES (?1, ?2)");
    if (insert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, insert.prepare_code(), "storing sign-ins"));
    for (const std::string& event : events) {
      insert.Reset();
      insert.Bind(1, event);
      insert.Bind(2, received_at);
      if (const int code = insert.Step(); code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "storing sign-ins"));
    }
    return InsertAudit(impl_->statements, db, audit);
  });
}

Result<std::vector<std::string>> CompanySqliteStore::Signins() {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement select(db, "SELECT event FROM signins ORDER BY id");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, select.prepare_code(), "reading sign-ins"));
  std::vector<std::string> events;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) events.push_back(select.Text(0));
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading sign-ins"));
  return events;
}

Status CompanySqliteStore::PutIndicatorPush(const IndicatorPushRow& push, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  return InTransaction(db, "storing an indicator push", [&]() -> Status {
    Statement insert(db, "INSERT INTO indicator_pushes (status_id, objects, status, who, at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (insert.prepare_code() != SQLITE_OK) {
      return std::unexpected(ErrorOf(db, insert.prepare_code(), "storing an indicator push"));
    }
    insert.Bind(1, push.status_id);
    insert.Bind(2, push.objects);
    insert.Bind(3, push.status);
    insert.Bind(4, push.who);
    insert.Bind(5, push.at);
    if (const int code = insert.Step(); code != SQLITE_DONE) {
      return std::unexpected(ErrorOf(db, code, "storing an indicator push"));
    }
    return InsertAudit(impl_->statements, db, audit);
  });
}

Result<std::vector<IndicatorPushRow>> CompanySqliteStore::IndicatorPushes() {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement select(db, "SELECT id, status_id, objects, status, who, at FROM indicator_pushes ORDER BY id");
  if (select.prepare_code() != SQLITE_OK) {
    return std::unexpected(ErrorOf(db, select.prepare_code(), "reading indicator pushes"));
  }
  std::vector<IndicatorPushRow> pushes;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    pushes.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4), select.Text(5)});
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading indicator pushes"));
  return pushes;
}

Status CompanySqliteStore::AppendAudit(const AuditRow& row) {
  std::lock_guard lock(mutex_);
  return InsertAudit(impl_->statements, impl_->db.get(), row);
}

Result<std::vector<AuditRow>> CompanySqliteStore::Audit(std::int64_t after_id, std::size_t limit) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db.get();
  Statement select(db, "SELECT id, at, who, action, detail FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, select.prepare_code(), "reading audit"));
  select.Bind(1, after_id);
  select.Bind(2, static_cast<std::int64_t>(limit));
  std::vector<AuditRow> rows;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    rows.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4)});
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading audit"));
  return rows;
}

}  // namespace crosscheck::store
