#include "crosscheck/store/company_postgres_store.h"

#include <libpq-fe.h>

#include <string>
#include <utility>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/store/internal/application_row.h"
#include "crosscheck/store/internal/postgres_support.h"

namespace crosscheck::store {
namespace {

using internal::Bytes;
using internal::Int;
using internal::Param;
using internal::ResultPtr;
using internal::Text;

Status InsertAudit(internal::PgConnection& pg, const AuditRow& row) {
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      pg.Run("INSERT INTO audit (at, who, action, detail) VALUES ($1, $2, $3, $4)",
                             {{&row.at}, {&row.who}, {&row.action}, {&row.detail}}, PGRES_COMMAND_OK, "writing audit"));
  (void)result;
  return Ok();
}

}  // namespace

struct CompanyPostgresStore::Impl {
  std::unique_ptr<internal::PgConnection> pg;
};

CompanyPostgresStore::CompanyPostgresStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompanyPostgresStore::~CompanyPostgresStore() = default;

Result<std::unique_ptr<CompanyPostgresStore>> CompanyPostgresStore::Open(std::string_view url) {
  auto impl = std::make_unique<Impl>();
  static const std::string schema = internal::CompanySchema(internal::kPostgresDialect);
  CC_ASSIGN_OR_RETURN(impl->pg, internal::PgConnection::Open(url, schema.c_str()));
  return std::unique_ptr<CompanyPostgresStore>(new CompanyPostgresStore(std::move(impl)));
}

Result<std::vector<bool>> CompanyPostgresStore::PutApplications(const std::vector<ApplicationRecord>& records,
                                                                const std::string& received_at, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  internal::PgConnection& pg = *impl_->pg;
  CC_RETURN_IF_ERROR(pg.Reconnect("storing applications"));
  return pg.InTransaction("storing applications", [&]() -> Result<std::vector<bool>> {
    static const std::string upsert_sql = internal::UpsertApplicationSql(internal::kPostgresDialect) + " RETURNING (xmax <> 0)";
    std::vector<bool> replaced;
    replaced.reserve(records.size());
    for (const ApplicationRecord& record : records) {
      const std::string extra = internal::EncodeExtra(record.extra);
      std::vector<Param> params;
      for (const ApplicationColumn& column : kApplicationColumns) params.push_back({&(record.*column.field)});
      params.push_back({&extra, true});
      params.push_back({&received_at});
      params.push_back({&audit.who});
      CC_ASSIGN_OR_RETURN(ResultPtr result, pg.Run(upsert_sql.c_str(), params, PGRES_TUPLES_OK,
                                                   "storing application " + record.application_id));
      replaced.push_back(PQntuples(result.get()) == 1 && Text(result.get(), 0, 0) == "t");
    }
    CC_RETURN_IF_ERROR(InsertAudit(pg, audit));
    return replaced;
  });
}

Result<std::vector<ApplicationRecord>> CompanyPostgresStore::Applications() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading applications"));
  static const std::string select_sql = internal::SelectApplicationsSql();
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->pg->Run(select_sql.c_str(), {}, PGRES_TUPLES_OK, "reading applications"));
  std::vector<ApplicationRecord> records;
  const int rows = PQntuples(result.get());
  records.reserve(static_cast<std::size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    ApplicationRecord& record = records.emplace_back();
    record.line = row + 1;
    int index = 0;
    for (const ApplicationColumn& column : kApplicationColumns) record.*column.field = Text(result.get(), row, index++);
    CC_ASSIGN_OR_RETURN(record.extra, internal::DecodeExtra(Bytes(result.get(), row, index)));
    internal::ReparseFields(record);
  }
  return records;
}

Result<std::int64_t> CompanyPostgresStore::CountApplications() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("counting applications"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT count(*) FROM applications", {}, PGRES_TUPLES_OK, "counting applications"));
  return Int(result.get(), 0, 0);
}

Result<std::int64_t> CompanyPostgresStore::PutDecision(const DecisionRow& decision, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  internal::PgConnection& pg = *impl_->pg;
  CC_RETURN_IF_ERROR(pg.Reconnect("storing a decision"));
  return pg.InTransaction("storing a decision", [&]() -> Result<std::int64_t> {
    CC_ASSIGN_OR_RETURN(ResultPtr result,
                        pg.Run("INSERT INTO decisions (application_id, decision, note, who, at) "
                               "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                               {{&decision.application_id}, {&decision.decision}, {&decision.note}, {&decision.who},
                                {&audit.at}},
                               PGRES_TUPLES_OK, "storing a decision"));
    const std::int64_t id = Int(result.get(), 0, 0);
    const std::string id_text = std::to_string(id);
    for (const std::string& other : decision.cleared_with) {
      CC_RETURN_IF_ERROR(pg.Run("INSERT INTO cleared_with (decision_id, application_id) VALUES ($1, $2) "
                                "ON CONFLICT DO NOTHING",
                                {{&id_text}, {&other}}, PGRES_COMMAND_OK, "storing a decision"));
    }
    CC_RETURN_IF_ERROR(InsertAudit(pg, audit));
    return id;
  });
}

Result<std::vector<DecisionRow>> CompanyPostgresStore::Decisions(const std::string& application_id) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading decisions"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT id, application_id, decision, note, who, at FROM decisions "
                                     "WHERE $1 = '' OR application_id = $1 ORDER BY id",
                                     {{&application_id}}, PGRES_TUPLES_OK, "reading decisions"));
  std::vector<DecisionRow> rows;
  const PGresult* res = result.get();
  for (int row = 0; row < PQntuples(res); ++row) {
    rows.push_back({Int(res, row, 0), Text(res, row, 1), Text(res, row, 2), Text(res, row, 3), Text(res, row, 4),
                    Text(res, row, 5)});
  }
  CC_ASSIGN_OR_RETURN(ResultPtr scope,
                      impl_->pg->Run("SELECT c.decision_id, c.application_id FROM cleared_with c "
                                     "JOIN decisions d ON d.id = c.decision_id "
                                     "WHERE $1 = '' OR d.application_id = $1 ORDER BY c.decision_id, c.application_id",
                                     {{&application_id}}, PGRES_TUPLES_OK, "reading decisions"));
  for (int row = 0; row < PQntuples(scope.get()); ++row) {
    internal::AttachClearedWith(rows, Int(scope.get(), row, 0), Text(scope.get(), row, 1));
  }
  return rows;
}

Status CompanyPostgresStore::PutEmployees(const std::vector<EmployeeRecord>& employees, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  internal::PgConnection& pg = *impl_->pg;
  CC_RETURN_IF_ERROR(pg.Reconnect("storing employees"));
  return pg.InTransaction("storing employees", [&]() -> Status {
    static const std::string upsert = internal::PostgresPlaceholders(internal::kUpsertEmployeeSql);
    for (const EmployeeRecord& employee : employees) {
      const std::string key = ToLowerAscii(employee.login);
      CC_RETURN_IF_ERROR(pg.Run(upsert.c_str(),
                                {{&key}, {&employee.login}, {&employee.application_id}, {&employee.company_id}},
                                PGRES_COMMAND_OK, "storing employees"));
    }
    return InsertAudit(pg, audit);
  });
}

Result<std::vector<EmployeeRecord>> CompanyPostgresStore::Employees() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading employees"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT login, application_id, company_id FROM employees ORDER BY login_key", {},
                                     PGRES_TUPLES_OK, "reading employees"));
  std::vector<EmployeeRecord> employees;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    employees.push_back({0, Text(result.get(), row, 0), Text(result.get(), row, 1), Text(result.get(), row, 2)});
  }
  return employees;
}

Status CompanyPostgresStore::PutSignins(const std::vector<std::string>& events, const std::string& received_at,
                                        const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  internal::PgConnection& pg = *impl_->pg;
  CC_RETURN_IF_ERROR(pg.Reconnect("storing sign-ins"));
  return pg.InTransaction("storing sign-ins", [&]() -> Status {
    for (const std::string& event : events) {
      CC_RETURN_IF_ERROR(pg.Run("INSERT INTO signins (event, received_at) VALUES ($1, $2)", {{&event}, {&received_at}},
                                PGRES_COMMAND_OK, "storing sign-ins"));
    }
    return InsertAudit(pg, audit);
  });
}

Result<std::vector<std::string>> CompanyPostgresStore::Signins() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading sign-ins"));
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->pg->Run("SELECT event FROM signins ORDER BY id", {}, PGRES_TUPLES_OK,
                                                       "reading sign-ins"));
  std::vector<std::string> events;
  for (int row = 0; row < PQntuples(result.get()); ++row) events.push_back(Text(result.get(), row, 0));
  return events;
}

Status CompanyPostgresStore::PutIndicatorPush(const IndicatorPushRow& push, const AuditRow& audit) {
  std::lock_guard lock(mutex_);
  internal::PgConnection& pg = *impl_->pg;
  CC_RETURN_IF_ERROR(pg.Reconnect("storing an indicator push"));
  return pg.InTransaction("storing an indicator push", [&]() -> Status {
    CC_RETURN_IF_ERROR(pg.Run("INSERT INTO indicator_pushes (status_id, objects, status, who, at) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              {{&push.status_id}, {&push.objects}, {&push.status}, {&push.who}, {&push.at}},
                              PGRES_COMMAND_OK, "storing an indicator push"));
    return InsertAudit(pg, audit);
  });
}

Result<std::vector<IndicatorPushRow>> CompanyPostgresStore::IndicatorPushes() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading indicator pushes"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT id, status_id, objects, status, who, at FROM indicator_pushes ORDER BY id",
                                     {}, PGRES_TUPLES_OK, "reading indicator pushes"));
  std::vector<IndicatorPushRow> pushes;
  const PGresult* res = result.get();
  for (int row = 0; row < PQntuples(res); ++row) {
    pushes.push_back({Int(res, row, 0), Text(res, row, 1), Text(res, row, 2), Text(res, row, 3), Text(res, row, 4),
                      Text(res, row, 5)});
  }
  return pushes;
}

Status CompanyPostgresStore::AppendAudit(const AuditRow& row) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("writing audit"));
  return InsertAudit(*impl_->pg, row);
}

Result<std::vector<AuditRow>> CompanyPostgresStore::Audit(std::int64_t after_id, std::size_t limit) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading audit"));
  const std::string after = std::to_string(after_id);
  const std::string count = std::to_string(limit);
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT id, at, who, action, detail FROM audit WHERE id > $1::bigint "
                                     "ORDER BY id LIMIT $2::bigint",
                                     {{&after}, {&count}}, PGRES_TUPLES_OK, "reading audit"));
  std::vector<AuditRow> rows;
  const PGresult* res = result.get();
  for (int row = 0; row < PQntuples(res); ++row) {
    rows.push_back({Int(res, row, 0), Text(res, row, 1), Text(res, row, 2), Text(res, row, 3), Text(res, row, 4)});
  }
  return rows;
}

}  // namespace crosscheck::store
