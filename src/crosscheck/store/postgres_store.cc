#include "crosscheck/store/postgres_store.h"

#include <libpq-fe.h>

#include <utility>

#include "crosscheck/store/internal/postgres_support.h"

namespace crosscheck::store {
namespace {

using internal::Bytes;
using internal::Int;
using internal::ResultPtr;
using internal::Text;

// The schema, as sqlite_store.cc's with BYTEA for bytes and BIGINT versions.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  company_id TEXT PRIMARY KEY CHECK (company_id <> ''), epoch TEXT NOT NULL, key_id TEXT NOT NULL,
  bytes BYTEA NOT NULL, version BIGINT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
  company_id TEXT PRIMARY KEY CHECK (company_id <> ''), version BIGINT NOT NULL, json TEXT NOT NULL);
ALTER TABLE findings ADD COLUMN IF NOT EXISTS submission_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS audit (
  id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, company_id TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL);
)sql";

}  // namespace

struct PostgresStore::Impl {
  std::unique_ptr<internal::PgConnection> pg;
};

PostgresStore::PostgresStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(std::string_view url) {
  auto impl = std::make_unique<Impl>();
  CC_ASSIGN_OR_RETURN(impl->pg, internal::PgConnection::Open(url, kSchema));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(impl)));
}

Result<std::vector<SubmissionRow>> PostgresStore::Submissions() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading submissions"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("SELECT company_id, epoch, key_id, bytes, version, received_at FROM submissions "
                                 "ORDER BY company_id",
                                 {}, PGRES_TUPLES_OK, "reading submissions"));
  std::vector<SubmissionRow> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* res = result.get();
    rows.push_back({Text(res, row, 0), Text(res, row, 1), Text(res, row, 2), Bytes(res, row, 3), Int(res, row, 4),
                    Text(res, row, 5)});
  }
  return rows;
}

Result<std::int64_t> PostgresStore::PutSubmission(const SubmissionRow& submission) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("storing the submission"));
  // One statement is its own transaction, committed (and flushed) before the answer comes.
  CC_ASSIGN_OR_RETURN(
      ResultPtr upsert,
      impl_->pg->Run("INSERT INTO submissions (company_id, epoch, key_id, bytes, version, received_at) "
                 "VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (company_id) DO UPDATE SET epoch = excluded.epoch, "
                 "key_id = excluded.key_id, bytes = excluded.bytes, version = submissions.version + 1, "
                 "received_at = excluded.received_at RETURNING version",
                 {{&submission.company_id}, {&submission.epoch}, {&submission.key_id}, {&submission.bytes, true},
                  {&submission.received_at}},
                 PGRES_TUPLES_OK, "storing the submission"));
  if (PQntuples(upsert.get()) != 1) return Internal("storing the submission: no version returned");
  return Int(upsert.get(), 0, 0);
}

Status PostgresStore::PutFindings(const std::vector<FindingsRow>& findings) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("starting to store findings"));
  // One transaction: the stored findings are all of one match.
  return impl_->pg->InTransaction("storing findings", [&]() -> Status {
    for (const FindingsRow& row : findings) {
      const std::string submission_version = std::to_string(row.submission_version);
      CC_ASSIGN_OR_RETURN(
          ResultPtr put,
          impl_->pg->Run("INSERT INTO findings (company_id, version, json, submission_version) VALUES ($1, 1, $2, $3) "
                         "ON CONFLICT (company_id) DO UPDATE SET version = findings.version + "
                         "(CASE WHEN findings.json = excluded.json THEN 0 ELSE 1 END), json = excluded.json, "
                         "submission_version = excluded.submission_version",
                         {{&row.company_id}, {&row.json}, {&submission_version}}, PGRES_COMMAND_OK,
                         "storing findings of " + row.company_id));
      (void)put;
    }
    return Ok();
  });
}

Result<std::optional<FindingsRow>> PostgresStore::Findings(const std::string& company_id) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading findings"));
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->pg->Run("SELECT company_id, version, json, submission_version FROM findings WHERE company_id = $1",
                                                   {{&company_id}}, PGRES_TUPLES_OK, "reading findings"));
  if (PQntuples(result.get()) == 0) return std::optional<FindingsRow>();
  return std::optional<FindingsRow>(FindingsRow{Text(result.get(), 0, 0), Int(result.get(), 0, 1), Text(result.get(), 0, 2),
                                                Int(result.get(), 0, 3)});
}

Status PostgresStore::AppendAudit(const AuditRow& row) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("writing audit"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->pg->Run("INSERT INTO audit (at, company_id, action, detail) VALUES ($1, $2, $3, $4)",
                                 {{&row.at}, {&row.who}, {&row.action}, {&row.detail}}, PGRES_COMMAND_OK,
                                 "writing audit"));
  (void)result;
  return Ok();
}

Result<std::vector<AuditRow>> PostgresStore::Audit() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->pg->Reconnect("reading audit"));
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->pg->Run("SELECT id, at, company_id, action, detail FROM audit ORDER BY id", {},
                                                   PGRES_TUPLES_OK, "reading audit"));
  std::vector<AuditRow> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* res = result.get();
    rows.push_back({Int(res, row, 0), Text(res, row, 1), Text(res, row, 2), Text(res, row, 3), Text(res, row, 4)});
  }
  return rows;
}

}  // namespace crosscheck::store
