// RecordTable: the generic input of the linkage engine. Records come from one or more
// sources (input files); each has an id unique within its source and one text value per
// field. Field types are inferred from column names and values unless overridden.
//
//   LinkSource source{.name = "dataset4a.csv", .header = header, .rows = rows};
//   IssueLog issues;
//   Result<RecordTable> table =
//       BuildRecordTable({source}, SchemaOptions{.id_column = "rec_id"}, issues);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"

namespace crosscheck::link {

// FieldType decides how a field is normalized, blocked on and compared.
enum class FieldType : std::uint8_t {
  kGivenName,    // first / given name(s)
  kSurname,      // family name
  kFullName,     // a whole name, any order
  kEmail,        // e-mail address(es)
  kPhone,        // phone number(s), any format
  kDate,         // a date (of birth), several formats
  kPostalCode,   // postcode / ZIP
  kStreet,       // street line or other address line
  kCity,         // city, suburb, town
  kState,        // state, region, country: few values, exact or not
  kIdentifier,   // SSN, passport, handle, account: exact, or one typo
  kCategorical,  // few distinct values (gender, title)
  kText,         // free text: token overlap
  kString,       // anything else: fuzzy string
};

// FieldTypeName returns the stable lower-case name ("given_name", "surname", "full_name",
// "email", "phone", "date", "postal_code", "street", "city", "state", "identifier",
// "categorical", "text", "string").
const char* FieldTypeName(FieldType type);

// ParseFieldType is the inverse of FieldTypeName (also accepts a few aliases such as "dob",
// "id", "zip", "name"); nullopt for an unknown name.
std::optional<FieldType> ParseFieldType(std::string_view name);

// FieldSpec is one compared field: its column name (as in the header, trimmed) and type.
struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kString;
};

// LinkSource is one input table: its name (the file's base name) and its rows as text.
struct LinkSource {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;  // optional, 1-based line of each row, for Issues
};

// SchemaOptions says which column holds the record id, which fields have a forced type and
// which columns are left out.
struct SchemaOptions {
  std::string id_column;
  std::vector<FieldSpec> field_overrides;
  std::vector<std::string> ignore;
};

// Record is one input row: the index of its source in RecordTable::sources, its id, and one
// raw value per RecordTable::fields entry (empty = unknown).
struct Record {
  std::uint32_t source = 0;
  std::string id;
  std::vector<std::string> values;
};

// RecordTable holds records in canonical order: sorted by (source name, record id). Every
// later stage works on this order, which makes results independent of input row order.
struct RecordTable {
  std::vector<std::string> sources;  // sorted, distinct
  std::vector<FieldSpec> fields;
  std::vector<Record> records;
};

// InferFieldType guesses a column's type from its name, then from a sample of its non-empty
// values (e-mails, dates, digit strings, few distinct values, long texts).
FieldType InferFieldType(std::string_view column, const std::vector<std::string_view>& sample);

// BuildRecordTable unions the sources' columns by name (case-insensitive, trimmed), drops the
// id column and ignored ones, infers or applies field types and sorts records canonically.
// Rows with an empty or repeated id are skipped with an Issue (EMPTY_RECORD_ID,
// DUPLICATE_RECORD_ID). Errors: kInvalidInput when a source lacks the id column, two sources
// share a name, an override or ignore names an unknown column, or no field is left.
Result<RecordTable> BuildRecordTable(const std::vector<LinkSource>& sources,
                                     const SchemaOptions& options, IssueLog& issues);
// BuildRecordTable on sources the caller no longer needs: the same result, but each row's
// strings move into its record and the row is freed at once, so the rows and the records
// are not both held in full. Leaves every source's rows and lines empty.
Result<RecordTable> BuildRecordTable(std::vector<LinkSource>&& sources, const SchemaOptions& options,
                                     IssueLog& issues);

}  // namespace crosscheck::link
