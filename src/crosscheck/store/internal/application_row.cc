#include "crosscheck/store/internal/application_row.h"

#include <algorithm>
#include <charconv>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/time.h"

namespace crosscheck::store::internal {
namespace {

void AppendPiece(std::string& out, std::string_view piece) {
  out += std::to_string(piece.size());
  out += ':';
  out += piece;
}

// TakePiece reads one "<bytes>:<text>" piece from the front of `text`.
bool TakePiece(std::string_view& text, std::string& piece) {
  std::size_t size = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), size);
  if (error != std::errc() || end == text.data() + text.size() || *end != ':') return false;
  const std::size_t start = static_cast<std::size_t>(end - text.data()) + 1;
  if (text.size() - start < size) return false;
  piece.assign(text.substr(start, size));
  text.remove_prefix(start + size);
  return true;
}

}  // namespace

std::string EncodeExtra(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string out;
  for (const auto& [header, value] : extra) {
    AppendPiece(out, header);
    AppendPiece(out, value);
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> DecodeExtra(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> extra;
  while (!text.empty()) {
    std::pair<std::string, std::string> column;
    if (!TakePiece(text, column.first) || !TakePiece(text, column.second)) {
      return std::unexpected(Error(ErrorCode::kDataLoss, "a stored application's extra columns are corrupt"));
    }
    extra.push_back(std::move(column));
  }
  return extra;
}

std::string CompanySchema(const SqlDialect& dialect) {
  std::string sql = "CREATE TABLE IF NOT EXISTS applications (seq " + std::string(dialect.id_column);
  for (const ApplicationColumn& column : kApplicationColumns) {
    sql += ", " + std::string(column.name) + " TEXT NOT NULL";
    if (column.name == "application_id") sql += " UNIQUE CHECK (application_id <> '')";
  }
  sql += ", extra " + std::string(dialect.bytes_type) + " NOT NULL, received_at TEXT NOT NULL, received_by TEXT NOT NULL);\n";
  sql += "CREATE TABLE IF NOT EXISTS decisions (id " + std::string(dialect.id_column) +
         ", application_id TEXT NOT NULL CHECK (application_id <> ''),"
         " decision TEXT NOT NULL CHECK (decision IN ('confirmed_fraud', 'cleared')), note TEXT NOT NULL,"
         " who TEXT NOT NULL, at TEXT NOT NULL);\n"
         "CREATE INDEX IF NOT EXISTS decisions_by_application ON decisions (application_id);\n"
         // A table of its own, not a column: stores made before it gain it with no migration.
         "CREATE TABLE IF NOT EXISTS cleared_with (decision_id BIGINT NOT NULL,"
         " application_id TEXT NOT NULL, PRIMARY KEY (decision_id, application_id));\n"
         // Post-hire monitoring: the hires' logins, and every sign-in event as received.
         "CREATE TABLE IF NOT EXISTS employees (login_key TEXT PRIMARY KEY, login TEXT NOT NULL,"
         " application_id TEXT NOT NULL, company_id TEXT NOT NULL);\n"
         "CREATE TABLE IF NOT EXISTS signins (id " + std::string(dialect.id_column) +
         ", event TEXT NOT NULL, received_at TEXT NOT NULL);\n"
         // STIX objects pushed over TAXII (the node's known-bad indicators) and their statuses.
         "CREATE TABLE IF NOT EXISTS indicator_pushes (id " + std::string(dialect.id_column) +
         ", status_id TEXT NOT NULL UNIQUE, objects TEXT NOT NULL, status TEXT NOT NULL, who TEXT NOT NULL,"
         " at TEXT NOT NULL);\n"
         "CREATE TABLE IF NOT EXISTS audit (id " + std::string(dialect.id_column) +
         ", at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);\n";
  return sql;
}

void AttachClearedWith(std::vector<DecisionRow>& rows, std::int64_t decision_id, std::string application_id) {
  const auto found = std::lower_bound(rows.begin(), rows.end(), decision_id,
                                      [](const DecisionRow& row, std::int64_t id) { return row.id < id; });
  if (found != rows.end() && found->id == decision_id) found->cleared_with.push_back(std::move(application_id));
}

std::string PostgresPlaceholders(std::string_view sql) {
  std::string out(sql);
  std::replace(out.begin(), out.end(), '?', '$');
  return out;
}

std::string UpsertApplicationSql(const SqlDialect& dialect) {
  std::string columns;
  std::string values;
  std::string updates;
  int index = 0;
  auto placeholder = [&](int number) { return std::string(1, dialect.placeholder) + std::to_string(number); };
  for (const ApplicationColumn& column : kApplicationColumns) {
    const std::string name(column.name);
    columns += (index == 0 ? "" : ", ") + name;
    values += (index == 0 ? "" : ", ") + placeholder(index + 1);
    updates += (index == 0 ? "" : ", ") + name + " = excluded." + name;
    ++index;
  }
  return "INSERT INTO applications (" + columns + ", extra, received_at, received_by) VALUES (" + values + ", " +
         placeholder(index + 1) + ", " + placeholder(index + 2) + ", " + placeholder(index + 3) +
         ") ON CONFLICT (application_id) DO UPDATE SET " + updates +
         ", extra = excluded.extra, received_at = excluded.received_at, received_by = excluded.received_by";
}

std::string SelectApplicationsSql() {
  std::string sql = "SELECT ";
  for (const ApplicationColumn& column : kApplicationColumns) sql += std::string(column.name) + ", ";
  return sql + "extra FROM applications ORDER BY seq";
}

void ReparseFields(ApplicationRecord& record) {
  if (!record.submitted_at.empty()) record.submitted_at_unix = ParseTimestamp(record.submitted_at);
  if (!record.date_of_birth.empty()) record.date_of_birth_parsed = ParseDate(record.date_of_birth);
}

}  // namespace crosscheck::store::internal
