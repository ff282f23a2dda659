// What the PostgreSQL stores (PostgresStore, CompanyPostgresStore) share: one libpq connection
// opened from a URL with the password kept out of every message, statements run with
// parameters and their failures sorted into ErrorCodes by SQLSTATE, reconnection after a lost
// server, and readers for result cells. Not part of the module's interface.
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> pg, PgConnection::Open(url, kSchema));
//   CC_ASSIGN_OR_RETURN(ResultPtr rows, pg->Run("SELECT ...", {{&id}}, PGRES_TUPLES_OK, "reading"));
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::store::internal {

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

// PgConnection is one libpq connection. Not thread-safe: the stores serialize their calls.
class PgConnection {
 public:
  // Open connects to `url` (a libpq connection URI, with a default connect_timeout) and runs
  // `schema` (several statements allowed; NOTICEs dropped). Errors: kInvalidInput when the URL
  // does not parse; kUnavailable when the server cannot be reached or refuses the login (the
  // password redacted); kDataLoss or kInternal when the schema cannot be created.
  static Result<std::unique_ptr<PgConnection>> Open(std::string_view url, const char* schema);

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Reconnect re-establishes a connection the server dropped (restart, network failure).
  // Errors: kUnavailable.
  Status Reconnect(const std::string& doing);

  // Run executes `sql` with `params` (text results) and checks that it returned `expected`.
  // Errors by SQLSTATE class: kUnavailable (08 connection, 40 rollback, 53 resources, 57
  // shutdown, or no answer), kInternal (23 constraint, 42 syntax), kDataLoss (the rest).
  Result<ResultPtr> Run(const char* sql, const std::vector<Param>& params, ExecStatusType expected,
                        const std::string& doing);

  // Exec runs a statement without parameters that returns no rows. Errors as Run.
  Status Exec(const char* sql, const std::string& doing);

  // InTransaction runs `body` between BEGIN and COMMIT; any failure rolls back (and a
  // connection lost mid-transaction is rolled back by the server).
  template <class Body>
  auto InTransaction(const std::string& doing, Body body) -> decltype(body()) {
    CC_RETURN_IF_ERROR(Exec("BEGIN", "starting " + doing));
    auto result = body();
    if (!result) {
      (void)Exec("ROLLBACK", "rolling back");
      return result;
    }
    if (auto committed = Exec("COMMIT", "committing " + doing); !committed) {
      (void)Exec("ROLLBACK", "rolling back");
      return std::unexpected(std::move(committed).error());
    }
    return result;
  }

 private:
  PgConnection() = default;
  Error ConnectionError(const std::string& doing) const;

  PGconn* conn_ = nullptr;
  std::string password_;  // for redacting messages
};

// Text returns a cell as text; Int as a 64-bit integer; Bytes decodes a BYTEA cell (hex format).
std::string Text(const PGresult* result, int row, int column);
std::int64_t Int(const PGresult* result, int row, int column);
std::string Bytes(const PGresult* result, int row, int column);

}  // namespace crosscheck::store::internal
