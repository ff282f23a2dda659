#include "crosscheck/store/sqlite_store.h"

#include <sqlite3.h>

#include <utility>

#include "crosscheck/store/internal/sqlite_support.h"

namespace crosscheck::store {
namespace {

using internal::ErrorOf;
using internal::Statement;

// The schema (postgres_store.cc has the same one). received_at and at are ISO 8601 UTC strings
// (sortable as text). A stored row without a company is a caller bug, refused by CHECK.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  company_id TEXT PRIMARY KEY CHECK (company_id <> ''), epoch TEXT NOT NULL, key_id TEXT NOT NULL, bytes BLOB NOT NULL,
  version INTEGER NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
  company_id TEXT NOT NULL CHECK (company_id <> ''), version INTEGER NOT NULL, json TEXT NOT NULL,
  submission_version INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (company_id));
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, company_id TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL);
)sql";

}  // namespace

struct SqliteStore::Impl {
  internal::Database db_owner;
  sqlite3* db = nullptr;

  Status Exec(const char* sql, const std::string& doing) { return internal::Exec(db, sql, doing); }

  // AddSubmissionVersion upgrades a store made before findings recorded the submission version
  // they were matched from (SQLite has no ADD COLUMN IF NOT EXISTS).
  Status AddSubmissionVersion(const std::filesystem::path& path) {
    Statement probe(db, "SELECT 1 FROM pragma_table_info('findings') WHERE name = 'submission_version'");
    if (probe.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, probe.prepare_code(), "reading " + path.string()));
    const int code = probe.Step();
    if (code == SQLITE_ROW) return Ok();
    if (code != SQLITE_DONE) return std::unexpected(ErrorOf(db, code, "reading " + path.string()));
    return Exec("ALTER TABLE findings ADD COLUMN submission_version INTEGER NOT NULL DEFAULT 0",
                "upgrading the findings table of " + path.string());
  }
};

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  CC_ASSIGN_OR_RETURN(impl->db_owner, internal::OpenDatabase(path, kSchema));
  impl->db = impl->db_owner.get();
  CC_RETURN_IF_ERROR(impl->AddSubmissionVersion(path));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

Result<std::vector<SubmissionRow>> SqliteStore::Submissions() {
  std::lock_guard lock(mutex_);
  Statement select(impl_->db,
                   "SELECT company_id, epoch, key_id, bytes, version, received_at FROM submissions ORDER BY company_id");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(impl_->db, select.prepare_code(), "reading submissions"));
  std::vector<SubmissionRow> rows;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    rows.push_back({select.Text(0), select.Text(1), select.Text(2), select.Text(3), select.Int(4), select.Text(5)});
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(impl_->db, code, "reading submissions"));
  return rows;
}

Result<std::int64_t> SqliteStore::PutSubmission(const SubmissionRow& submission) {
  std::lock_guard lock(mutex_);
  Statement upsert(impl_->db,
                   "INSERT INTO submissions (company_id, epoch, key_id, bytes, version, received_at) "
                   "VALUES (?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT (company_id) DO UPDATE SET epoch = excluded.epoch, "
                   "key_id = excluded.key_id, bytes = excluded.bytes, version = submissions.version + 1, "
                   "received_at = excluded.received_at RETURNING version");
  if (upsert.prepare_code() != SQLITE_OK) {
    return std::unexpected(ErrorOf(impl_->db, upsert.prepare_code(), "storing the submission"));
  }
  upsert.Bind(1, submission.company_id);
  upsert.Bind(2, submission.epoch);
  upsert.Bind(3, submission.key_id);
  upsert.BindBlob(4, submission.bytes);
  upsert.Bind(5, submission.received_at);
  // One statement is its own transaction: durable (synchronous=FULL) once it is done.
  int code = upsert.Step();
  if (code != SQLITE_ROW) return std::unexpected(ErrorOf(impl_->db, code, "storing the submission"));
  const std::int64_t version = upsert.Int(0);
  if ((code = upsert.Step()) != SQLITE_DONE) return std::unexpected(ErrorOf(impl_->db, code, "storing the submission"));
  return version;
}

Status SqliteStore::PutFindings(const std::vector<FindingsRow>& findings) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db;
  // One transaction: the stored findings are all of one match.
  return internal::InTransaction(db, "storing findings", [&]() -> Status {
    Statement put(db,
                  "INSERT INTO findings (company_id, version, json, submission_version) VALUES (?1, 1, ?2, ?3) "
                  "ON CONFLICT (company_id) DO UPDATE SET version = findings.version + "
                  "(CASE WHEN findings.json = excluded.json THEN 0 ELSE 1 END), json = excluded.json, "
                  "submission_version = excluded.submission_version");
    if (put.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(db, put.prepare_code(), "storing findings"));
    for (const FindingsRow& row : findings) {
      put.Bind(1, row.company_id);
      put.Bind(2, row.json);
      put.Bind(3, row.submission_version);
      if (const int code = put.Step(); code != SQLITE_DONE) {
        return std::unexpected(ErrorOf(db, code, "storing findings of " + row.company_id));
      }
      put.Reset();
    }
    return Ok();
  });
}

Result<std::optional<FindingsRow>> SqliteStore::Findings(const std::string& company_id) {
  std::lock_guard lock(mutex_);
  Statement select(impl_->db,
                   "SELECT company_id, version, json, submission_version FROM findings WHERE company_id = ?1");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(impl_->db, select.prepare_code(), "reading findings"));
  select.Bind(1, company_id);
  const int code = select.Step();
  if (code == SQLITE_DONE) return std::optional<FindingsRow>();
  if (code != SQLITE_ROW) return std::unexpected(ErrorOf(impl_->db, code, "reading findings"));
  return std::optional<FindingsRow>(FindingsRow{select.Text(0), select.Int(1), select.Text(2), select.Int(3)});
}

Status SqliteStore::AppendAudit(const AuditRow& row) {
  std::lock_guard lock(mutex_);
  Statement insert(impl_->db, "INSERT INTO audit (at, company_id, action, detail) VALUES (?1, ?2, ?3, ?4)");
  if (insert.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(impl_->db, insert.prepare_code(), "writing audit"));
  insert.Bind(1, row.at);
  insert.Bind(2, row.who);
  insert.Bind(3, row.action);
  insert.Bind(4, row.detail);
  const int code = insert.Step();
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(impl_->db, code, "writing audit"));
  return Ok();
}

Result<std::vector<AuditRow>> SqliteStore::Audit() {
  std::lock_guard lock(mutex_);
  Statement select(impl_->db, "SELECT id, at, company_id, action, detail FROM audit ORDER BY id");
  if (select.prepare_code() != SQLITE_OK) return std::unexpected(ErrorOf(impl_->db, select.prepare_code(), "reading audit"));
  std::vector<AuditRow> rows;
  int code = SQLITE_OK;
  while ((code = select.Step()) == SQLITE_ROW) {
    rows.push_back({select.Int(0), select.Text(1), select.Text(2), select.Text(3), select.Text(4)});
  }
  if (code != SQLITE_DONE) return std::unexpected(ErrorOf(impl_->db, code, "reading audit"));
  return rows;
}

}  // namespace crosscheck::store
