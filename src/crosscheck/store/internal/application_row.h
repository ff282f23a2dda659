// How a stored application row maps to an ApplicationRecord and back, for every CompanyStore
// implementation: the contract's columns as text, the columns the contract does not name packed
// into one text value, and the parsed fields recomputed on load. Not part of the interface.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/store/company_store.h"

namespace crosscheck::store::internal {

// EncodeExtra packs (header, value) pairs as "<bytes>:<header><bytes>:<value>..." (any bytes).
std::string EncodeExtra(const std::vector<std::pair<std::string, std::string>>& extra);

// DecodeExtra unpacks EncodeExtra's text. kDataLoss when it is not such text.
Result<std::vector<std::pair<std::string, std::string>>> DecodeExtra(std::string_view text);

// SqlDialect is what differs between the stores' SQL for the same tables.
struct SqlDialect {
  const char* id_column;   // an increasing integer primary key
  const char* bytes_type;  // a column type for any bytes
  char placeholder;        // '?' (SQLite: ?1, ?2) or '$' (PostgreSQL: $1, $2)
};
inline constexpr SqlDialect kSqliteDialect{"INTEGER PRIMARY KEY", "TEXT", '?'};
inline constexpr SqlDialect kPostgresDialect{"BIGSERIAL PRIMARY KEY", "BYTEA", '$'};

// CompanySchema is the CompanyStore's tables: applications (one TEXT column per contract column,
// kApplicationColumns, so the schema follows DATA.md; the other columns packed in `extra`; when
// and by whom last received; `seq` keeps the order each id was first stored), decisions,
// employees, sign-ins, indicator pushes and audit.
std::string CompanySchema(const SqlDialect& dialect);

// UpsertApplicationSql inserts an application with parameters in kApplicationColumns order, then
// extra, received_at, received_by; a stored id has every column replaced and keeps its seq.
std::string UpsertApplicationSql(const SqlDialect& dialect);

// AttachClearedWith adds `application_id` to the cleared_with of decision `decision_id` among
// `rows` (sorted by id, as Decisions returns them); a row not among them is ignored.
void AttachClearedWith(std::vector<DecisionRow>& rows, std::int64_t decision_id, std::string application_id);

// kUpsertEmployeeSql stores (login_key, login, application_id, company_id), replacing a stored
// login_key; SQLite placeholders (PostgresPlaceholders turns them into $1..$4).
inline constexpr const char* kUpsertEmployeeSql =
    "INSERT INTO employees (login_key, login, application_id, company_id) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (login_key) DO UPDATE SET login = excluded.login, application_id = excluded.application_id, "
    "company_id = excluded.company_id";

// PostgresPlaceholders rewrites SQLite's ?N placeholders as PostgreSQL's $N.
std::string PostgresPlaceholders(std::string_view sql);

// SelectApplicationsSql reads kApplicationColumns then extra, in seq order.
std::string SelectApplicationsSql();

// ReparseFields sets submitted_at_unix and date_of_birth_parsed from their text (stored text
// was valid when received: the reader clears what does not parse).
void ReparseFields(ApplicationRecord& record);

}  // namespace crosscheck::store::internal
