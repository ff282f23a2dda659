#include "crosscheck/store/internal/sqlite_support.h"

#include <utility>

namespace crosscheck::store::internal {
namespace {

// A busy connection waits this long for another writer before reporting kUnavailable.
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Error ErrorOf(sqlite3* db, int code, const std::string& doing) {
  const std::string message = doing + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error(ErrorCode::kUnavailable, message);
  if (primary == SQLITE_CONSTRAINT) return Error(ErrorCode::kInternal, message);
  return Error(ErrorCode::kDataLoss, message);
}

Status Exec(sqlite3* db, const char* sql, const std::string& doing) {
  const int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return std::unexpected(ErrorOf(db, code, doing));
  return Ok();
}

Result<Database> OpenDatabase(const std::filesystem::path& path, const char* schema) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                   nullptr);
  Database db(raw);
  if (code != SQLITE_OK) {
    return InvalidInput("cannot open " + path.string() + ": " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(code)));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  // WAL lets readers go on while one writer commits; synchronous=FULL fsyncs the WAL at every
  // commit, so an acknowledged write is on disk (https://sqlite.org/pragma.html#pragma_synchronous).
  auto status = Exec(db.get(), "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", "opening " + path.string());
  if (status) status = Exec(db.get(), schema, "creating the tables of " + path.string());
  if (!status) {
    Error error = std::move(status).error();
    if (error.code() == ErrorCode::kDataLoss) return InvalidInput(error.message());
    return std::unexpected(std::move(error));
  }
  return db;
}

}  // namespace crosscheck::store::internal
