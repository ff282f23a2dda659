#include "crosscheck/store/internal/postgres_support.h"

#include <array>
#include <cstdlib>
#include <utility>

#include "crosscheck/store/hub_store.h"

namespace crosscheck::store::internal {
namespace {

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

}  // namespace

PgConnection::~PgConnection() { PQfinish(conn_); }

Result<std::unique_ptr<PgConnection>> PgConnection::Open(std::string_view url, const char* schema) {
  const std::string conninfo(url);
  const std::string shown = DescribeHubStore(url);
  std::unique_ptr<PgConnection> pg(new PgConnection());
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message = parse_error != nullptr ? parse_error : "out of memory";
    PQfreemem(parse_error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return InvalidInput("cannot parse the PostgreSQL URL " + shown + ": " + message);
  }
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "password" && option->val != nullptr) pg->password_ = option->val;
  }
  PQconninfoFree(options);
  // A default connect_timeout, so an unreachable host fails instead of hanging; keywords before
  // dbname are defaults that the URL overrides (expand_dbname, libpq-connect.html).
  const std::array<const char*, 3> keywords = {"connect_timeout", "dbname", nullptr};
  const std::array<const char*, 3> values = {kConnectTimeoutSeconds, conninfo.c_str(), nullptr};
  pg->conn_ = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (pg->conn_ == nullptr) return std::unexpected(Error(ErrorCode::kUnavailable, "cannot allocate a libpq connection"));
  if (PQstatus(pg->conn_) != CONNECTION_OK) return std::unexpected(pg->ConnectionError("cannot connect to " + shown));
  PQsetNoticeProcessor(pg->conn_, IgnoreNotice, nullptr);
  CC_RETURN_IF_ERROR(pg->Exec(schema, "creating the tables in " + shown));
  return pg;
}

Error PgConnection::ConnectionError(const std::string& doing) const {
  std::string message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Error(ErrorCode::kUnavailable, Redact(doing + ": " + message, password_));
}

Status PgConnection::Reconnect(const std::string& doing) {
  if (PQstatus(conn_) == CONNECTION_OK) return Ok();
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return std::unexpected(ConnectionError(doing));
  return Ok();
}

Result<ResultPtr> PgConnection::Run(const char* sql, const std::vector<Param>& params, ExecStatusType expected,
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
  ResultPtr result(params.empty() ? PQexec(conn_, sql)
                                  : PQexecParams(conn_, sql, static_cast<int>(params.size()), nullptr, values.data(),
                                                 lengths.data(), formats.data(), 0));
  if (result == nullptr) return std::unexpected(ConnectionError(doing));
  if (PQresultStatus(result.get()) != expected) {
    const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    std::string message = PQresultErrorMessage(result.get());
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (message.empty()) message = PQerrorMessage(conn_);
    return std::unexpected(Error(CodeOfSqlState(state), Redact(doing + ": " + message, password_)));
  }
  return result;
}

Status PgConnection::Exec(const char* sql, const std::string& doing) {
  CC_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, {}, PGRES_COMMAND_OK, doing));
  (void)result;
  return Ok();
}

std::string Text(const PGresult* result, int row, int column) {
  return std::string(PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column)));
}

std::int64_t Int(const PGresult* result, int row, int column) {
  return std::strtoll(PQgetvalue(result, row, column), nullptr, 10);
}

std::string Bytes(const PGresult* result, int row, int column) {
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, column)), &length);
  if (bytes == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

}  // namespace crosscheck::store::internal
