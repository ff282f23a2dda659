#include "crosscheck/store/postgres_store.h"

#include <libpq-fe.h>

#include <array>
#include <cstdlib>
#include <utility>

namespace crosscheck::store {
namespace {

// The schema, as sqlite_store.cc's with BYTEA for bytes and BIGINT versions. NOTICEs (e.g.
// "relation already exists, skipping") are dropped by the notice processor set in Open.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  company_id TEXT PRIMARY KEY CHECK (company_id <> ''), epoch TEXT NOT NULL, key_id TEXT NOT NULL,
  bytes BYTEA NOT NULL, version BIGINT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
  company_id TEXT PRIMARY KEY CHECK (company_id <> ''), version BIGINT NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, company_id TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL);
)sql";

// kConnectTimeoutSeconds bounds a connection attempt unless the URL sets connect_timeout.
constexpr const char* kConnectTimeoutSeconds = "10";

void IgnoreNotice(void*, const char*) {}

// Redact replaces every occurrence of `password` in `text` by "***" (libpq's messages do not
// normally quote it, but a message must never carry it).
std::string Redact(std::string text, const std::string& password) {
  if (password.empty()) return text;
  for (std::size_t pos = text.find(password); pos != std::string::npos; pos = text.find(password, pos + 3)) {
    text.replace(pos, password.size(), "***");
  }
  return text;
}

// CodeOfSqlState sorts a failed statement by its SQLSTATE class
// (https://www.postgresql.org/docs/15/errcodes-appendix.html): 08 connection exception, 40
// transaction rollback (serialization failure, deadlock), 53 insufficient resources, 57
// operator intervention (shutdown) are transient; 23 integrity constraint and 42 syntax are
// crosscheck bugs; the rest means the stored state could not be read or written.
ErrorCode CodeOfSqlState(const char* state) {
  if (state == nullptr) return ErrorCode::kUnavailable;  // no server answer: the connection broke
  const std::string_view kind(state, 2);
  if (kind == "08" || kind == "40" || kind == "53" || kind == "57") return ErrorCode::kUnavailable;
  if (kind == "23" || kind == "42") return ErrorCode::kInternal;
  return ErrorCode::kDataLoss;
}

// ResultPtr frees a PGresult on scope exit.
struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Param is one statement parameter: text, or binary (BYTEA) when `binary`.
struct Param {
  const std::string* value;
  bool binary = false;
};

}  // namespace

struct PostgresStore::Impl {
  PGconn* conn = nullptr;
  std::string password;  // for redacting messages
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { PQfinish(conn); }

  Error ConnectionError(const std::string& doing) const {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Error(ErrorCode::kUnavailable, Redact(doing + ": " + message, password));
  }

  // Reconnect re-establishes a connection the server dropped (restart, network failure).
  Status Reconnect(const std::string& doing) {
    if (PQstatus(conn) == CONNECTION_OK) return Ok();
    PQreset(conn);
    if (PQstatus(conn) != CONNECTION_OK) return std::unexpected(ConnectionError(doing));
    return Ok();
  }

  // Run executes `sql` with `params` (text results) and checks that it returned `expected`.
  Result<ResultPtr> Run(const char* sql, const std::vector<Param>& params, ExecStatusType expected,
                        const std::string& doing) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const Param& param : params) {
      values.push_back(param.value->c_str());
      lengths.push_back(static_cast<int>(param.value->size()));
      formats.push_back(param.binary ? 1 : 0);
    }
    // PQexec (no parameters) accepts several statements, as the schema has.
    ResultPtr result(params.empty() ? PQexec(conn, sql)
                                    : PQexecParams(conn, sql, static_cast<int>(params.size()), nullptr,
                                                   values.data(), lengths.data(), formats.data(), 0));
    if (result == nullptr) return std::unexpected(ConnectionError(doing));
    if (PQresultStatus(result.get()) != expected) {
      const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
      std::string message = PQresultErrorMessage(result.get());
      while (!message.empty() && message.back() == '\n') message.pop_back();
      if (message.empty()) message = PQerrorMessage(conn);
      return std::unexpected(Error(CodeOfSqlState(state), Redact(doing + ": " + message, password)));
    }
    return result;
  }

  Status Exec(const char* sql, const std::string& doing) {
    CC_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, {}, PGRES_COMMAND_OK, doing));
    (void)result;
    return Ok();
  }
};

namespace {

std::string Text(const PGresult* result, int row, int column) {
  return std::string(PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column)));
}

std::int64_t Int(const PGresult* result, int row, int column) {
  return std::strtoll(PQgetvalue(result, row, column), nullptr, 10);
}

// Bytes decodes a BYTEA column returned as text (hex format, \x...).
std::string Bytes(const PGresult* result, int row, int column) {
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, column)), &length);
  if (bytes == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(std::string_view url) {
  const std::string conninfo(url);
  const std::string shown = DescribeHubStore(url);
  auto impl = std::make_unique<Impl>();
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message = parse_error != nullptr ? parse_error : "out of memory";
    PQfreemem(parse_error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return InvalidInput("cannot parse the PostgreSQL URL " + shown + ": " + message);
  }
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "password" && option->val != nullptr) impl->password = option->val;
  }
  PQconninfoFree(options);
  // A default connect_timeout, so an unreachable host fails instead of hanging; keywords before
  // dbname are defaults that the URL overrides (expand_dbname, libpq-connect.html).
  const std::array<const char*, 3> keywords = {"connect_timeout", "dbname", nullptr};
  const std::array<const char*, 3> values = {kConnectTimeoutSeconds, conninfo.c_str(), nullptr};
  impl->conn = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (impl->conn == nullptr) return std::unexpected(Error(ErrorCode::kUnavailable, "cannot allocate a libpq connection"));
  if (PQstatus(impl->conn) != CONNECTION_OK) return std::unexpected(impl->ConnectionError("cannot connect to " + shown));
  PQsetNoticeProcessor(impl->conn, IgnoreNotice, nullptr);
  CC_RETURN_IF_ERROR(impl->Exec(kSchema, "creating the tables in " + shown));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(impl)));
}

Result<std::vector<SubmissionRow>> PostgresStore::Submissions() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->Reconnect("reading submissions"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->Run("SELECT company_id, epoch, key_id, bytes, version, received_at FROM submissions "
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

Result<std::int64_t> PostgresStore::CommitPush(const SubmissionRow& submission, const std::vector<FindingsRow>& findings) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->Reconnect("starting a push"));
  CC_RETURN_IF_ERROR(impl_->Exec("BEGIN", "starting a push"));
  // Any failure below rolls back, so a refused or failed push leaves the stored state as it was
  // (and a connection lost mid-transaction is rolled back by the server).
  auto fail = [&](Error error) -> Result<std::int64_t> {
    (void)impl_->Exec("ROLLBACK", "rolling back");
    return std::unexpected(std::move(error));
  };
  Result<ResultPtr> upsert = impl_->Run(
      "INSERT INTO submissions (company_id, epoch, key_id, bytes, version, received_at) "
      "VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (company_id) DO UPDATE SET epoch = excluded.epoch, "
      "key_id = excluded.key_id, bytes = excluded.bytes, version = submissions.version + 1, "
      "received_at = excluded.received_at RETURNING version",
      {{&submission.company_id}, {&submission.epoch}, {&submission.key_id}, {&submission.bytes, true},
       {&submission.received_at}},
      PGRES_TUPLES_OK, "storing the submission");
  if (!upsert) return fail(std::move(upsert).error());
  if (PQntuples(upsert->get()) != 1) return fail(Error(ErrorCode::kInternal, "storing the submission: no version returned"));
  const std::int64_t version = Int(upsert->get(), 0, 0);
  for (const FindingsRow& row : findings) {
    Result<ResultPtr> put = impl_->Run(
        "INSERT INTO findings (company_id, version, json) VALUES ($1, 1, $2) ON CONFLICT (company_id) "
        "DO UPDATE SET version = findings.version + 1, json = excluded.json",
        {{&row.company_id}, {&row.json}}, PGRES_COMMAND_OK, "storing findings of " + row.company_id);
    if (!put) return fail(std::move(put).error());
  }
  if (auto committed = impl_->Exec("COMMIT", "committing a push"); !committed) return fail(std::move(committed).error());
  return version;
}

Result<std::optional<FindingsRow>> PostgresStore::Findings(const std::string& company_id) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->Reconnect("reading findings"));
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->Run("SELECT company_id, version, json FROM findings WHERE company_id = $1",
                                                   {{&company_id}}, PGRES_TUPLES_OK, "reading findings"));
  if (PQntuples(result.get()) == 0) return std::optional<FindingsRow>();
  return std::optional<FindingsRow>(FindingsRow{Text(result.get(), 0, 0), Int(result.get(), 0, 1), Text(result.get(), 0, 2)});
}

Status PostgresStore::AppendAudit(const AuditRow& row) {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->Reconnect("writing audit"));
  CC_ASSIGN_OR_RETURN(ResultPtr result,
                      impl_->Run("INSERT INTO audit (at, company_id, action, detail) VALUES ($1, $2, $3, $4)",
                                 {{&row.at}, {&row.who}, {&row.action}, {&row.detail}}, PGRES_COMMAND_OK,
                                 "writing audit"));
  (void)result;
  return Ok();
}

Result<std::vector<AuditRow>> PostgresStore::Audit() {
  std::lock_guard lock(mutex_);
  CC_RETURN_IF_ERROR(impl_->Reconnect("reading audit"));
  CC_ASSIGN_OR_RETURN(ResultPtr result, impl_->Run("SELECT id, at, company_id, action, detail FROM audit ORDER BY id", {},
                                                   PGRES_TUPLES_OK, "reading audit"));
  std::vector<AuditRow> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* res = result.get();
    rows.push_back({Int(res, row, 0), Text(res, row, 1), Text(res, row, 2), Text(res, row, 3), Text(res, row, 4)});
  }
  return rows;
}

}  // namespace crosscheck::store
