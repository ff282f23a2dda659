// What the SQLite stores (SqliteStore, CompanySqliteStore) share: opening a database in WAL
// mode with synchronous=FULL, translating SQLite result codes into ErrorCodes, and a prepared
// statement that finalizes itself. Not part of the module's interface.
//
//   CC_ASSIGN_OR_RETURN(Database db, OpenDatabase(path, kSchema));
//   Statement select(db.get(), "SELECT id FROM audit WHERE id > ?1");
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "crosscheck/common/error.h"

namespace crosscheck::store::internal {

// ErrorOf translates a SQLite result code: locked and busy are kUnavailable (transient), a
// broken constraint is kInternal (a caller bug), anything else kDataLoss.
Error ErrorOf(sqlite3* db, int code, const std::string& doing);

// Exec runs `sql` (several statements allowed); errors as ErrorOf.
Status Exec(sqlite3* db, const char* sql, const std::string& doing);

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

// OpenDatabase opens or creates `path` (its directory must exist), switches it to WAL with
// synchronous=FULL (an acknowledged commit is on disk) and runs `schema`. Errors: kInvalidInput
// when the file cannot be opened or is not a SQLite database; kUnavailable when it stays locked
// by another process beyond the busy timeout.
Result<Database> OpenDatabase(const std::filesystem::path& path, const char* schema);

// InTransaction runs `body` between BEGIN IMMEDIATE and COMMIT; any failure rolls back, so a
// failed write leaves the stored state as it was.
template <class Body>
auto InTransaction(sqlite3* db, const std::string& doing, Body body) -> decltype(body()) {
  CC_RETURN_IF_ERROR(internal::Exec(db, "BEGIN IMMEDIATE", doing));
  auto result = body();
  if (result) {
    const Status committed = internal::Exec(db, "COMMIT", "committing " + doing);
    if (committed) return result;
    (void)internal::Exec(db, "ROLLBACK", "rolling back");
    return std::unexpected(committed.error());
  }
  (void)internal::Exec(db, "ROLLBACK", "rolling back");
  return result;
}

// Statement is a prepared statement, finalized on scope exit. Check prepare_code() before use.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { code_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  int prepare_code() const { return code_; }
  void Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int index, const std::string& bytes) {
    sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  }
  void Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  int Step() { return sqlite3_step(stmt_); }
  // Reset makes the statement ready to run again with new bindings.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return data == nullptr ? std::string()
                           : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int code_ = SQLITE_OK;
};

// StatementCache keeps statements prepared once per connection: a write path run for every
// request parses its SQL once (the application upsert binds 30 columns) rather than per call.
// Destroy it before the connection.
class StatementCache {
 public:
  // Prepared returns `sql`'s statement, ready for new bindings; check prepare_code().
  Statement& Prepared(sqlite3* db, const std::string& sql) {
    std::unique_ptr<Statement>& slot = statements_[sql];
    if (slot == nullptr || slot->prepare_code() != SQLITE_OK) {
      slot = std::make_unique<Statement>(db, sql.c_str());
    } else {
      slot->Reset();
    }
    return *slot;
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace crosscheck::store::internal
